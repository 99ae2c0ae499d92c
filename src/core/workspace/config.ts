import {z} from 'zod'
import {isValidTimeZone} from '../time/instant.js'
import {ENTITY_TYPES} from '../facts/vocabulary.js'

/** runbook.yaml: the organisation as notices and deadlines see it. The readiness work extends it. */
export const organizationSchema = z.strictObject({
  name: z.string().min(1),
  timezone: z.string().refine(isValidTimeZone, 'expected an IANA time zone such as Europe/Berlin or America/New_York').default('UTC'),
  locales: z.array(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language code such as en or ja')).min(1).default(['en']),
  contact: z.strictObject({
    email: z.email().optional(),
    phone: z.string().optional(),
    website: z.url().optional(),
    address: z.string().optional(),
  }).optional(),
  entity_types: z.array(z.enum(ENTITY_TYPES)).optional().describe('what kind of regulated entity the organisation is; an incident fact overrides it'),
  dpo: z.strictObject({
    name: z.string().optional(),
    email: z.email().optional(),
    phone: z.string().optional(),
  }).optional(),
})

export const workspaceConfigSchema = z.looseObject({
  organization: organizationSchema,
})

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>

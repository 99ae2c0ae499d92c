import {routeSchema} from '../notices/routing.js'
import {z} from 'zod'
import {nearest} from '../nearest.js'
import {isValidTimeZone} from '../time/zone.js'
import {DATA_CATEGORIES, ENTITY_TYPES} from '../facts/vocabulary.js'
import {regionOrGroupProblem} from '../facts/regions.js'
import {ROLES} from '../playbook/model.js'
import {orgFactsSchema} from '../facts/org-facts.js'
import {storeUrlProblem} from './store-url.js'

/** A phone number as people write it: digits with spaces, dots, dashes, parentheses, an optional + and extension. */
const PHONE = /^\+?[\d\s().\-/]{5,}(\s*(ext\.?|x)\s*\d+)?$/i

const personFields = {
  name: z.string().trim().min(1, 'a name is needed: how colleagues know the person, e.g. "Anna Weber"'),
  email: z.email('expected an email address such as anna@example.org').optional(),
  phone: z
    .string()
    .refine(
      (text) => PHONE.test(text) && text.replace(/\D/g, '').length >= 5,
      'expected a phone number such as "+49 30 1234567" (at least 5 digits; spaces, + - . ( ) and an optional "ext 12")',
    )
    .optional(),
}
/** A person on the roster (and the DPO): a name, and a phone and email to reach them. */
export const personSchema = z.strictObject(personFields)
const person = personSchema

const expectPerson = (missing: string) =>
  z.strictObject(personFields, {error: (issue) => (issue.input === undefined ? missing : 'expected a person: {name, phone, email}')})

/** One role on the call list: who to call first, and who when they do not answer. */
const rosterEntry = z.strictObject({
  primary: expectPerson('every role on the roster needs a primary: {name, phone, email}'),
  backup: expectPerson('').optional().describe('who to call when the primary does not answer'),
})

/** runbook.yaml: the organisation as notices and deadlines see it, its data inventory and its response roster. */
export const organizationSchema = z.strictObject({
  name: z.string().min(1),
  timezone: z.string().refine(isValidTimeZone, 'expected an IANA time zone such as Europe/Berlin or America/New_York').default('UTC'),
  locales: z
    .array(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language code such as en or ja'))
    .min(1)
    .default(['en']),
  contact: z
    .strictObject({
      email: z.email().optional(),
      phone: z.string().optional(),
      hours: z.string().optional(),
      website: z.url().optional(),
      address: z.string().optional(),
    })
    .optional(),
  entity_types: z.array(z.enum(ENTITY_TYPES)).optional().describe('what kind of regulated entity the organisation is; an incident fact overrides it'),
  dpo: person.partial({name: true}).optional(),
  signatory: z
    .strictObject({
      name: z.string().min(1),
      title: z.string().min(1),
      translations: z
        .record(z.string().regex(/^[a-z]{2}$/, 'expected a language code such as ja'), z.strictObject({name: z.string().min(1), title: z.string().min(1)}))
        .optional()
        .describe('the name and title as notices in another language print them (ja: {name: 山田 太郎, title: 代表取締役社長})'),
    })
    .optional()
    .describe('who signs notices and letters'),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 country code such as US or DE')
    .optional()
    .describe('where the organisation is based (letters use US Letter paper for US and CA, A4 elsewhere)'),
  paper: z.enum(['letter', 'a4']).optional().describe('paper size for printed letters (default: from country)'),
})

const establishment = z.strictObject({
  region: z
    .string()
    .refine((code) => regionOrGroupProblem(code) === null && !code.includes(',') && code.length <= 6, 'expected an ISO 3166 code such as DE, FR or DE-BE')
    .describe('the country, or the subdivision (DE-BE for a German Land: it decides the supervisory authority)'),
  main: z.boolean().optional().describe('the main establishment (GDPR Art. 4(16)): its authority leads (Art. 56)'),
  name: z.string().optional(),
})

export const workspaceConfigSchema = z
  .looseObject({
    organization: organizationSchema,
    establishments: z
      .array(establishment)
      .optional()
      .refine((list) => (list ?? []).filter((e) => e.main).length <= 1, 'at most one establishment can be the main one (main: true)')
      .describe('where the organisation is established (offices, subsidiaries): GDPR applies by establishment as well as by residence (Art. 3(1))'),
    regions: z
      .array(z.string().refine((code) => regionOrGroupProblem(code) === null, 'expected an ISO 3166 code such as DE, JP or US-CA'))
      .optional()
      .describe('countries and states where customers live'),
    data_inventory: z
      .array(
        z.strictObject({
          category: z.enum(DATA_CATEGORIES),
          systems: z.array(z.string()).optional(),
        }),
      )
      .optional()
      .describe('the personal data the organisation holds'),
    regulators: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          jurisdiction: z.string().optional(),
          registration: z.string().optional(),
        }),
      )
      .optional(),
    channels: z
      .array(z.enum(['email', 'letter', 'sms', 'phone', 'website']))
      .optional()
      .describe('how customers are contacted in a breach'),
    notices: z
      .strictObject({
        routes: z.array(routeSchema).optional().describe("which notice readers in a region get; these come before runbook's own table"),
        require_approval: z
          .boolean()
          .optional()
          .describe('a notice goes out (notify customers, notice render --out) only from template files approved as they are now (notice approve)'),
        approver_role: z
          .enum(ROLES)
          .optional()
          .describe('with require_approval: only an approval given with this role counts (notice approve --role), e.g. legal'),
      })
      .optional(),
    facts: orgFactsSchema.optional(),
    roster: z
      .partialRecord(z.enum(ROLES), rosterEntry)
      .optional()
      .describe(`who responds, per role (${ROLES.join(', ')}): a primary and a backup, each with name, phone and email`),
    store: z
      .strictObject({
        url: z
          .string()
          .superRefine((url, ctx) => {
            const problem = storeUrlProblem(url, true)
            if (problem) ctx.addIssue({code: 'custom', message: problem})
          })
          .describe('a PostgreSQL URL without a password, such as postgresql://runbook@db.example.com/runbook'),
      })
      .optional()
      .describe('where incidents are kept: leave it out for the files in this folder; a PostgreSQL database for a team (see docs/postgresql.md)'),
  })
  .superRefine((config, ctx) => {
    // Other sections are let through (a team may keep another tool's settings here), but one a letter or two from a
    // known section is a misspelling: \`establishment:\` was ignored, and the GDPR filing went to another authority.
    const known = Object.keys(workspaceConfigSchema.shape)
    for (const key of Object.keys(config)) {
      const meant = known.includes(key) ? undefined : nearest(key, known, 1)[0]
      if (meant) ctx.addIssue({code: 'custom', path: [key], message: `unknown field "${key}"; did you mean "${meant}"?`, params: {atKey: true}})
    }
  })

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>
export type Person = z.infer<typeof person>

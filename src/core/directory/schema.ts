import {z} from 'zod'
import {CONFIDENCE} from '../regulations/model.js'

// Directories of who to tell, as data a lawyer can review: supervisory authorities and, per country, the
// law-enforcement and national CSIRT contact points. Every entry names its source and how sure we are.

const region = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected an ISO 3166 code: a country (DE) or a subdivision (DE-BE)')
const reviewed = z.iso.date({error: 'expected the date of the last review as YYYY-MM-DD'})

export const contactPointSchema = z.strictObject({
  name: z.string().min(1).describe('the body, in English'),
  local_name: z.string().min(1).optional().describe('its name in its own language'),
  url: z.url().describe('where to report, or its website'),
  phone: z.string().min(3).optional(),
  email: z.email().optional(),
  notes: z.string().optional(),
})

export const supervisoryAuthoritySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as de-be'),
  region: region.describe('the country or subdivision whose establishments it supervises'),
  name: z.string().min(1).describe('its name in English'),
  local_name: z.string().min(1).describe('its name in its own language'),
  website: z.url(),
  breach_portal: z.url().optional().describe('the online form or page for personal data breach notifications'),
  email: z.email().optional(),
  phone: z.string().min(3).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .describe('the language its forms are in (ISO 639-1)'),
  source: z.url().describe('where these details were checked'),
  confidence: z.enum(CONFIDENCE),
  notes: z.string().optional(),
})

export const supervisoryAuthoritiesFileSchema = z.strictObject({
  kind: z.literal('supervisory-authorities'),
  last_reviewed: reviewed,
  notes: z.string().optional(),
  authorities: z.array(supervisoryAuthoritySchema).min(1),
})

export const lawEnforcementEntrySchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 country code such as DE'),
  cybercrime: contactPointSchema.describe('the national point for reporting cybercrime (police)'),
  csirt: contactPointSchema.describe('the national CSIRT / CERT'),
  source: z.url(),
  confidence: z.enum(CONFIDENCE),
  notes: z.string().optional(),
})

export const lawEnforcementFileSchema = z.strictObject({
  kind: z.literal('law-enforcement'),
  last_reviewed: reviewed,
  notes: z.string().optional(),
  countries: z.array(lawEnforcementEntrySchema).min(1),
})

export type SupervisoryAuthority = z.infer<typeof supervisoryAuthoritySchema>
export type LawEnforcementEntry = z.infer<typeof lawEnforcementEntrySchema>
export type ContactPoint = z.infer<typeof contactPointSchema>

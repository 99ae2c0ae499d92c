import {z} from 'zod'
import {conditionSchema} from '../conditions/condition-schema.js'
import {isValidTimeZone} from '../time/instant.js'
import {CLOCK_STARTS, CONFIDENCE, RECIPIENTS} from './model.js'

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id with letters, digits, dots and hyphens (e.g. gdpr-art33)')
const zone = z.string().refine(isValidTimeZone, 'expected an IANA time zone such as Europe/Brussels')

const lengthFields = {
  hours: z.number().positive().optional().describe('elapsed hours, through nights, weekends and holidays'),
  days: z.number().int().positive().optional().describe('calendar days, ending at the end of the last day in the regime\'s zone'),
  business_days: z.number().int().positive().optional().describe('working days: not weekends, not the calendar\'s public holidays'),
  months: z.number().int().positive().optional().describe('calendar months (same day of month, or the month\'s last day)'),
}

const clockStart = z.union([
  z.enum(CLOCK_STARTS),
  z.strictObject({obligation: id.describe('counted from when this obligation was met (a staged or chained report)')}),
  z.strictObject({end_of_year: z.enum(CLOCK_STARTS).describe('counted from the end of the calendar year of this fact')}),
])

/** One clock: from a start, a length (or none: "without undue delay"). */
export const clockSchema = z.strictObject({
  from: clockStart,
  ...lengthFields,
  asap: z.boolean().optional().describe('no fixed deadline: "without undue delay", "as soon as practicable"'),
  target: z.strictObject(lengthFields).optional().describe('a soft target for an asap duty (e.g. regulator guidance)'),
  calendar: z.string().regex(/^[A-Z]{2}$/).optional().describe('ISO country whose public holidays business days skip (default: the regime\'s)'),
  cutoff: z.string().regex(/^\d{2}:\d{2}$/).optional().describe('time of day on the last day by which it must be done (e.g. 17:30 for EDGAR)'),
  roll_forward: z.boolean().optional().describe('a last day on a weekend or public holiday moves to the next working day'),
  longer_when: z.strictObject({when: conditionSchema, ...lengthFields}).optional().describe('a longer period when a condition holds (e.g. 60 days if unlawful purpose)'),
  cap: z.strictObject({from: z.enum(CLOCK_STARTS), ...lengthFields}).optional().describe('an outer limit from another start; the earlier deadline wins unless the cap passed before this clock started'),
}).refine((c) => c.asap || [c.hours, c.days, c.business_days, c.months].filter((x) => x !== undefined).length === 1, 'give exactly one of hours, days, business_days or months, or asap: true')

export const contentItemSchema = z.strictObject({
  id: id.describe('a stable name for the element, used by templates and the notice linter'),
  text: z.string().min(1).describe('what the report or notice must contain'),
  heading: z.string().optional().describe('a mandated heading, in order (e.g. California\'s "What Happened")'),
  match: z.array(z.string()).optional().describe('words or phrases whose presence shows the element is there (case-insensitive)'),
  forbidden: z.boolean().optional().describe('the notice must NOT contain this (e.g. Massachusetts)'),
})

export const obligationSchema = z.strictObject({
  id: id.describe('the id from the quick index of notification rules, e.g. gdpr-art33'),
  title: z.string().min(1),
  notify: z.array(z.enum(RECIPIENTS)).min(1),
  recipient: z.string().optional().describe('who exactly, e.g. "California Attorney General"'),
  applies: conditionSchema.describe('when this obligation applies; unknown facts make it "may apply"'),
  clock: clockSchema,
  stage: z.strictObject({report: id, name: z.string().min(1)}).optional().describe('part of a staged report (initial, intermediate, final)'),
  delay_reason_required: z.boolean().optional().describe('a late notification must give the reasons for the delay'),
  content: z.array(contentItemSchema).optional(),
  notes: z.string().optional(),
  source: z.url().optional(),
  confidence: z.enum(CONFIDENCE).optional(),
})

export const regulationSchema = z.strictObject({
  id,
  name: z.string().min(1),
  jurisdiction: z.string().min(2).describe('ISO 3166 code (country or subdivision) or a group such as EU'),
  authority: z.string().min(1),
  zone: zone.describe('the time zone in which its days are counted and its deadlines are shown'),
  calendar: z.string().regex(/^[A-Z]{2}$/).optional().describe('ISO country whose public holidays count for business days'),
  kind: z.enum(['statute', 'regulation', 'contract', 'guidance']).default('statute'),
  source: z.url().describe('where the rule is published'),
  last_reviewed: z.iso.date({error: 'expected the date of the last review as YYYY-MM-DD'}),
  confidence: z.enum(CONFIDENCE),
  notes: z.string().optional(),
  obligations: z.array(obligationSchema).min(1),
})

export type ClockSpec = z.infer<typeof clockSchema>
export type Obligation = z.infer<typeof obligationSchema>
export type Regulation = z.infer<typeof regulationSchema>
export type ContentItem = z.infer<typeof contentItemSchema>
export type Length = Pick<ClockSpec, 'hours' | 'days' | 'business_days' | 'months'>

import {z} from 'zod'
import {conditionSchema} from '../conditions/condition-schema.js'
import {isValidTimeZone} from '../time/zone.js'
import {CLOCK_STARTS, CONFIDENCE, RECIPIENTS} from './model.js'

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id with letters, digits, dots and hyphens (e.g. gdpr-art33)')
const zone = z.string().refine(isValidTimeZone, 'expected an IANA time zone such as Europe/Brussels')

const lengthFields = {
  hours: z.number().positive().optional().describe('elapsed hours, through nights, weekends and holidays'),
  days: z.number().int().positive().optional().describe("calendar days, ending at the end of the last day in the regime's zone"),
  business_days: z.number().int().positive().optional().describe("working days: not weekends, not the calendar's public holidays"),
  months: z.number().int().positive().optional().describe("calendar months (same day of month, or the month's last day)"),
}

const clockStart = z.union([
  z.enum(CLOCK_STARTS),
  z.strictObject({obligation: id.describe('counted from when this obligation was met (a staged or chained report)')}),
  z.strictObject({end_of_year: z.enum(CLOCK_STARTS).describe('counted from the end of the calendar year of this fact')}),
])

/** One clock: from a start, a length (or none: "without undue delay"). */
export const clockSchema = z
  .strictObject({
    from: clockStart,
    ...lengthFields,
    asap: z.boolean().optional().describe('no fixed deadline: "without undue delay", "as soon as practicable"'),
    target: z.strictObject(lengthFields).optional().describe('a soft target for an asap duty (e.g. regulator guidance)'),
    calendar: z
      .string()
      .regex(/^[A-Z]{2}(-[A-Z]+)?$/, 'expected an ISO country code (US, JP) or JP-ADMIN')
      .optional()
      .describe(
        "the holiday calendar days are counted with: an ISO country, or JP-ADMIN (national holidays and the 29 Dec - 3 Jan closure of Japan's administrative organs); default: the regime's",
      ),
    cutoff: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .optional()
      .describe('time of day on the last day by which it must be done (e.g. 17:30 for EDGAR)'),
    roll_forward: z.boolean().optional().describe('a last day on a weekend or public holiday moves to the next working day'),
    longer_when: z
      .strictObject({when: conditionSchema, ...lengthFields})
      .optional()
      .describe('a longer period when a condition holds (e.g. 60 days if unlawful purpose)'),
    cap: z
      .strictObject({from: z.enum(CLOCK_STARTS), ...lengthFields})
      .optional()
      .describe('an outer limit from another start; the earlier deadline wins unless the cap passed before this clock started'),
  })
  .refine(
    (c) => c.asap || [c.hours, c.days, c.business_days, c.months].filter((x) => x !== undefined).length === 1,
    'give exactly one of hours, days, business_days or months, or asap: true',
  )

const isoDay = (what: string) => z.iso.date({error: `expected ${what} as YYYY-MM-DD`})

/** Which kind of value shows that an element is present, beyond its words. */
export const CONTENT_CHECKS = [
  'phrase',
  'date',
  'date-range',
  'phone',
  'toll-free-phone',
  'email',
  'url',
  'address',
  'contact',
  'number',
  'email-web-or-post',
  'dateline',
  'months',
] as const

const checkKind = z.enum(CONTENT_CHECKS)

export const contentItemSchema = z.strictObject({
  id: id.describe('a stable name for the element, used by templates and the notice linter'),
  text: z.string().min(1).describe('what the report or notice must contain'),
  document: z
    .enum(['notice', 'report'])
    .optional()
    .describe('notice: the one to individuals; report: the one to the regulator (default: as the obligation notifies)'),
  heading: z.string().optional().describe('a mandated heading, in order (e.g. California\'s "What Happened")'),
  match: z.array(z.string()).optional().describe('words or phrases whose presence shows the element is there (case-insensitive)'),
  check: z
    .union([checkKind, z.array(checkKind).min(1)])
    .optional()
    .describe(
      'the kind of value that must appear (a real date, phone number, address ...); a list: each of them, in the same place (HIPAA: [toll-free-phone, email-web-or-post])',
    ),
  with: z
    .array(z.union([z.string(), z.array(z.string()).min(1)]))
    .optional()
    .describe(
      'more words that must be in the same place as a match phrase: each entry a phrase, or a list of alternatives (a security freeze that is free: [[free of charge, no charge]])',
    ),
  within: z
    .enum(['sentence', 'paragraph'])
    .optional()
    .describe(
      'how close the match phrase, the `with` words and the value must be: one sentence, or one paragraph or list item (default: the paragraph and the one after it, or the whole section under a heading that matches)',
    ),
  except: z
    .array(z.string())
    .optional()
    .describe('sentences with any of these words do not count for the value (the date of the breach is not the date it was discovered)'),
  min_months: z.number().int().positive().optional().describe('with check months: the shortest period the offer may run, in months (a year counts as 12)'),
  forbidden: z
    .boolean()
    .optional()
    .describe(
      'the notice must NOT contain this (e.g. Massachusetts): a match phrase (with its `with` words and its `check` value, when given, in the same place)',
    ),
  when: conditionSchema.optional().describe('required only when this holds (e.g. only when Social Security numbers were involved)'),
  source: z.string().optional().describe('the statute\'s section for this element, e.g. "Cal. Civ. Code 1798.82(d)(1)"'),
})

export const obligationSchema = z.strictObject({
  id: id.describe('the id from the quick index of notification rules, e.g. gdpr-art33'),
  title: z.string().min(1),
  notify: z.array(z.enum(RECIPIENTS)).min(1),
  recipient: z.string().optional().describe('who exactly, e.g. "California Attorney General"'),
  applies: conditionSchema.describe('when this obligation applies; unknown facts make it "may apply"'),
  clock: clockSchema,
  stage: z
    .strictObject({report: id, name: z.string().min(1)})
    .optional()
    .describe('part of a staged report (initial, intermediate, final)'),
  delay_reason_required: z.boolean().optional().describe('a late notification must give the reasons for the delay'),
  content: z.array(contentItemSchema).optional(),
  notes: z.string().optional(),
  source: z.url().optional(),
  confidence: z.enum(CONFIDENCE).optional(),
  portal: z.url().optional().describe("the regulator's online form or portal for this notification"),
  authority_from: z
    .enum(['eea-supervisory-authorities'])
    .optional()
    .describe("the recipient is chosen from the directory of supervisory authorities by the organisation's establishments (GDPR Arts. 55-56)"),
  voluntary: z.boolean().optional().describe('recommended by the regulator, not required by law (e.g. Hong Kong)'),
  in_force_from: isoDay('the first day the rule applies').optional(),
  in_force_until: isoDay('the last day the rule applies').optional(),
})

export const regulationSchema = z.strictObject({
  id,
  name: z.string().min(1),
  jurisdiction: z.string().min(2).describe('ISO 3166 code (country or subdivision) or a group such as EU'),
  authority: z.string().min(1),
  authority_url: z.url().optional().describe("the authority's website"),
  zone: zone.describe('the time zone in which its days are counted and its deadlines are shown'),
  calendar: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z]+)?$/, 'expected an ISO country code (US, JP) or JP-ADMIN')
    .optional()
    .describe('the holiday calendar business days and roll-forward use (an ISO country, or JP-ADMIN)'),
  kind: z.enum(['statute', 'regulation', 'contract', 'guidance']).default('statute'),
  source: z.url().describe('where the rule is published'),
  last_reviewed: z.iso.date({error: 'expected the date of the last review as YYYY-MM-DD'}),
  confidence: z.enum(CONFIDENCE),
  notes: z.string().optional(),
  in_force_from: isoDay('the first day the law applies').optional(),
  in_force_until: isoDay('the last day the law applies').optional(),
  obligations: z.array(obligationSchema).min(1),
})

export type ClockSpec = z.infer<typeof clockSchema>
export type Obligation = z.infer<typeof obligationSchema>
export type Regulation = z.infer<typeof regulationSchema>
export type ContentItem = z.infer<typeof contentItemSchema>
export type Length = Pick<ClockSpec, 'hours' | 'days' | 'business_days' | 'months'>

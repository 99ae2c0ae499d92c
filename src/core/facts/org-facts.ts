import {z} from 'zod'
import {FACT_DEFINITIONS} from './vocabulary.js'

/**
 * An organisation's own facts, declared in runbook.yaml under `facts:` so that its templates can read them
 * (`facts.enrollment_url`) and `runbook fact set` accepts them, checked by type:
 *
 *   facts:
 *     enrollment_url: {type: text, description: where customers enrol in the monitoring we offer}
 *     refund_tier: {type: enum, values: [basic, premium], description: the goodwill refund offered}
 *
 * This schema is the one source of truth: the type, the validation and the error messages (which name
 * runbook.yaml, the line and the field). How the vocabulary sees them: org-definitions.ts (which does not load zod).
 */
export const ORG_FACT_TYPES = ['text', 'number', 'date', 'instant', 'boolean', 'enum', 'list'] as const

const BUILT_IN = new Set(FACT_DEFINITIONS.map((d) => d.key))

/** Lower case, digits and underscores: no dots, which mark a translation (summary.ja) or a region (affected.DE). */
export const ORG_FACT_KEY = /^[a-z][a-z0-9_]*$/

export const orgFactSchema = z
  .strictObject({
    type: z.enum(ORG_FACT_TYPES).describe('text, number, date (YYYY-MM-DD), instant (a date and time), boolean, enum (one of values) or list'),
    description: z.string().trim().min(1, 'say what the fact means (it is shown in `runbook fact list --known` and in prompts)'),
    label: z.string().trim().min(1).optional().describe('a short name for the fact (default: the key)'),
    values: z.array(z.string().trim().min(1)).min(1).optional().describe('for type enum: the values it may take'),
  })
  .superRefine((fact, ctx) => {
    if (fact.type === 'enum' && !fact.values) ctx.addIssue({code: 'custom', path: ['values'], message: 'an enum fact needs values: the values it may take'})
    if (fact.type !== 'enum' && fact.values) ctx.addIssue({code: 'custom', path: ['values'], message: `values are for type enum; this fact is ${fact.type}`})
  })

/** A key of the organisation's own: not one of runbook's, and no dots (they mark translations and regions). */
const orgFactKey = z
  .string()
  .regex(ORG_FACT_KEY, {error: (issue) => `"${String(issue.input)}" is not a fact key: use lower case letters, digits and underscores (e.g. enrollment_url)`})
  .refine((key) => !BUILT_IN.has(key), {error: (issue) => `runbook already has a fact "${String(issue.input)}": use it as it is, or choose another name`})

export const orgFactsSchema = z
  .record(orgFactKey, orgFactSchema, {
    // zod says "Invalid key in record"; the key's own message says what is wrong with it.
    error: (issue) => (issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined),
  })
  .describe("the organisation's own facts, which its templates read and `runbook fact set` accepts")

export type OrgFact = z.infer<typeof orgFactSchema>
export type OrgFacts = z.infer<typeof orgFactsSchema>

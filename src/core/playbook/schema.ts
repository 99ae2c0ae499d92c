import {z} from 'zod'
import {conditionSchema} from '../conditions/condition-schema.js'
import {CSF_FUNCTIONS, PHASES, ROLES} from './model.js'

const UNIT = /^(\d+d)?(\d+h)?(\d+m)?$/

/** A short duration as people write it in a playbook: `30m`, `4h`, `2d`, `1h30m`. */
export const durationSchema = z.string().refine((text) => text.length > 0 && UNIT.test(text), 'expected a duration such as "30m", "4h", "2d" or "1h30m"')

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id with letters, digits and hyphens (e.g. isolate-hosts)')

export const askSchema = z.strictObject({
  fact: z.string().min(1).describe('a fact key from the shared vocabulary, e.g. affected.total or data_categories'),
  prompt: z.string().min(1).describe('the question as the responder reads it'),
  help: z.string().optional().describe('a line that says how to find the answer'),
})

export const stepSchema = z.strictObject({
  id: id.describe('unique in the playbook; used by `runbook step done ID`'),
  title: z.string().min(1),
  guidance: z.string().min(1).describe('what to do and why, a few lines'),
  owner: z.enum(ROLES),
  csf_function: z.enum(CSF_FUNCTIONS),
  target: durationSchema.optional().describe('SLA relative to the incident start, e.g. 4h'),
  asks: z.array(askSchema).optional(),
  when: conditionSchema.optional().describe('the step applies only when this condition on facts holds'),
  after: z.array(id).min(1).optional().describe('step ids that must be done (or skipped) before this step is offered as next, e.g. [isolate-hosts]'),
})

export const phaseSchema = z.strictObject({
  phase: z.enum(PHASES),
  steps: z.array(stepSchema).min(1),
})

export const playbookSchema = z.strictObject({
  id: id.describe('the playbook id, e.g. ransomware'),
  title: z.string().min(1),
  description: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'expected a version such as 1.0 or 1.2.0'),
  reviewed_at: z.iso.date({error: 'expected the date of the last review as YYYY-MM-DD'}),
  phases: z.array(phaseSchema).min(1),
})

export type Ask = z.infer<typeof askSchema>
export type Step = z.infer<typeof stepSchema>
export type PlaybookPhase = z.infer<typeof phaseSchema>
export type Playbook = z.infer<typeof playbookSchema>

import {z} from 'zod'
import {conditionSchema} from '../conditions/condition.js'
import {durationSchema} from '../time/duration.js'

/** SP 800-61 Rev. 2 life-cycle phases, in order. */
export const PHASES = ['preparation', 'detection-analysis', 'containment-eradication-recovery', 'post-incident'] as const
export const PHASE_TITLES: Record<Phase, string> = {
  'preparation': 'Preparation',
  'detection-analysis': 'Detection & Analysis',
  'containment-eradication-recovery': 'Containment, Eradication & Recovery',
  'post-incident': 'Post-Incident Activity',
}

export const ROLES = ['incident-commander', 'security-lead', 'legal', 'privacy', 'communications', 'it-ops', 'executive'] as const
export const ROLE_TITLES: Record<Role, string> = {
  'incident-commander': 'Incident commander',
  'security-lead': 'Security lead',
  'legal': 'Legal',
  'privacy': 'Privacy / DPO',
  'communications': 'Communications',
  'it-ops': 'IT operations',
  'executive': 'Executive sponsor',
}

/** NIST CSF 2.0 functions (SP 800-61 Rev. 3 organises response by them). */
export const CSF_FUNCTIONS = ['govern', 'identify', 'protect', 'detect', 'respond', 'recover'] as const

export type Phase = (typeof PHASES)[number]
export type Role = (typeof ROLES)[number]

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

/** A step with the phase it sits in, in walk order. */
export interface PlacedStep extends Step {
  phase: Phase
}

export function stepsInOrder(playbook: Playbook): PlacedStep[] {
  const order = new Map(PHASES.map((p, i) => [p, i]))
  return [...playbook.phases]
    .sort((a, b) => (order.get(a.phase) ?? 0) - (order.get(b.phase) ?? 0))
    .flatMap((p) => p.steps.map((s) => ({...s, phase: p.phase})))
}

import {z} from 'zod'

const offset = z
  .string()
  .regex(/^\+?(\d+d)?(\d+h)?(\d+m)?$/, 'expected a simulated offset such as "+30m", "+2h" or "+1d4h"')
  .refine((v) => v.replace('+', '').length > 0, 'expected a simulated offset such as "+30m", "+2h" or "+1d4h"')
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id with letters, digits and hyphens')
const factValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])

export const injectSchema = z.strictObject({
  id,
  at: offset.describe('when it arrives, in simulated time from the start of the drill'),
  from: z.string().min(1).describe('who sends it: "SOC analyst", "journalist", "the attacker", "the regulator"'),
  title: z.string().min(1),
  message: z.string().min(1).describe('what the players read'),
  sets: z.record(z.string(), factValue).optional().describe('facts that change when it arrives'),
  expects: z
    .strictObject({
      step: z.string().optional().describe('a playbook step that should be done in response'),
      decision: z.string().optional().describe('the decision the players should take'),
      within: offset.describe('how long after the inject, in simulated time'),
    })
    .optional(),
})

export const scenarioSchema = z.strictObject({
  id,
  title: z.string().min(1),
  description: z.string().min(1),
  playbook: id.describe('the playbook the drill exercises'),
  reviewed_at: z.iso.date({error: 'expected the date of the last review as YYYY-MM-DD'}),
  high_risk: z.boolean().default(false).describe('a scenario the team must have practised within 12 months'),
  length: z
    .string()
    .regex(/^(\d+h)?(\d+m)?$/)
    .describe('about how long the exercise takes in real time, e.g. 90m'),
  situation: z.string().min(1).describe("the organisation's situation at the start, read to the players"),
  objectives: z.array(z.string().min(1)).min(1),
  facts: z.record(z.string(), factValue).default({}).describe('facts known at the start'),
  injects: z.array(injectSchema).min(1),
})

export type Inject = z.infer<typeof injectSchema>
export type Scenario = z.infer<typeof scenarioSchema>

/** Who takes part in an exercise, as HSEEP names the roles: players respond, controllers run it, evaluators observe and rate. */
export const PARTICIPANT_ROLES = ['player', 'controller', 'evaluator'] as const
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]

/**
 * HSEEP's performance ratings for an objective or capability (Exercise Evaluation Guide): P performed without
 * challenges, S performed with some challenges, M performed with major challenges, U unable to be performed.
 */
export const RATINGS = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
} as const
export type Rating = keyof typeof RATINGS
export const RATING_CODES = Object.keys(RATINGS) as Rating[]

/** An inject added from the floor during the drill: no schedule, no expected action, no facts. */
export const addedInjectSchema = injectSchema.pick({id: true, at: true, from: true, title: true, message: true})

import {PHASES, type Role} from '../playbook/model.js'
import {durationToMs} from '../time/duration.js'
import {isOpen, type IncidentState, type StepState} from './state.js'

/**
 * The order the walk offers open steps in, and `status` lists them: the most urgent first, so containment (due in
 * an hour) comes before scoping questions due in two days, whatever the playbook's phase order.
 *
 * 1. Steps that can be worked on now: their `when` holds and every step they come `after:` is finished (done,
 *    skipped or ruled out by the facts). Blocked steps stay here: a blocked containment step is still the most
 *    urgent thing to unblock.
 * 2. Steps whose `when` is not decided yet (a fact it reads is unknown).
 * 3. Steps waiting for a prerequisite.
 *
 * Within each group the nearest due target wins (a step without a target comes after every step with one), then
 * the phase order, then the order in the playbook. Every step's target counts from the same instant (awareness),
 * so the order does not depend on the time of day.
 */
export function stepsByUrgency(state: IncidentState, options: {role?: Role} = {}): StepState[] {
  const position = new Map(state.steps.map((s, i) => [s, i]))
  const key = (step: StepState) => {
    const group = prerequisitesOpen(state, step).length > 0 ? 2 : step.applies === 'unknown' ? 1 : 0
    const target = step.step.target ? durationToMs(step.step.target) : Number.POSITIVE_INFINITY
    return [group, target, PHASES.indexOf(step.step.phase), position.get(step)!] as const
  }
  return state.steps
    .filter((s) => isOpen(s) && (!options.role || s.step.owner === options.role))
    .map((step) => ({step, key: key(step)}))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({step}) => step)
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1
  return 0
}

/** The ids of the steps `step` comes after that are still open (an unknown id, refused by validation, is ignored). */
export function prerequisitesOpen(state: IncidentState, step: StepState): string[] {
  if (!step.step.after) return []
  return step.step.after.filter((id) => {
    const prerequisite = state.steps.find((s) => s.step.id === id)
    return prerequisite !== undefined && isOpen(prerequisite)
  })
}

import {offsetToMs} from '../core/drills/clock.js'
import {injectTime} from '../core/drills/injects.js'
import type {Inject} from '../core/drills/schema.js'
import type {IncidentState} from '../core/incident/state.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'

/** An inject as the facilitator's terminal shows it when it arrives. */
export function injectLines(inject: Inject, state: IncidentState, style: Styler): string[] {
  const at = injectTime(state, inject)
  const lines = [
    '',
    style.exercise(`EXERCISE · INJECT ${inject.id} · T+${inject.at.replace('+', '')} · ${formatInZone(at, state.timezone)}`),
    style.bold(`From ${inject.from}: ${inject.title}`),
    `  ${inject.message.trim()}`,
  ]
  if (inject.sets) lines.push(style.dim(`  New facts: ${Object.keys(inject.sets).join(', ')}`))
  if (inject.expects) {
    const by = new Date(at.getTime() + offsetToMs(inject.expects.within))
    const what = [inject.expects.step ? `step ${inject.expects.step}` : '', inject.expects.decision ?? ''].filter(Boolean).join('; ')
    lines.push(style.yellow(`  Expected: ${what}, by ${formatInZone(by, state.timezone)}`))
  }
  lines.push(style.dim(`  Record a decision: runbook drill respond ${inject.id} "what you decided"`))
  return lines
}
export {EXERCISE_MARK} from '../core/exercise.js'

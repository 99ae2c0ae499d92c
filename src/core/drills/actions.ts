import {UserError} from '../errors.js'
import {drillTitle} from '../exercise.js'
import {openIncident, type Who} from '../incident/actions.js'
import type {EventDraft} from '../incident/events.js'
import type {IncidentState} from '../incident/state.js'
import type {Playbook} from '../playbook/schema.js'
import {offsetToMs} from './clock.js'
import {resolveValue} from './injects.js'
import type {Scenario} from './schema.js'

/** The longest single move of a drill's clock: a year is more than any exercise plays out. */
const MAX_ADVANCE_MS = 366 * 86_400_000

/** A drill opens like an incident, marked as an exercise, then starts its clock and sets the scenario's facts. */
export function startDrillEvents(
  input: {id: string; scenario: Scenario; playbook: Playbook; playbookSha256: string; timezone: string; speed: number; manual: boolean; simStart: string},
  who: Who,
): EventDraft[] {
  const {scenario, simStart} = input
  const [opened] = openIncident(
    {id: input.id, title: drillTitle(scenario.title), timezone: input.timezone, playbook: input.playbook, playbookSha256: input.playbookSha256, drill: true},
    {actor: who.actor, occurredAt: simStart},
  )
  const clockless = {exercise: {clock: {simStart, realStart: simStart, speed: 1, manual: true, advancedMs: 0}}}
  return [
    opened!,
    {type: 'drill.started', actor: who.actor, occurredAt: simStart, payload: {scenario, simStart, speed: input.speed, manual: input.manual}},
    ...Object.entries(scenario.facts).map(([key, value]): EventDraft => ({
      type: 'fact.set',
      actor: 'scenario',
      occurredAt: simStart,
      payload: {key, value: resolveValue(clockless as never, value, key)},
    })),
  ]
}

export function ensureRunning(state: IncidentState): NonNullable<IncidentState['exercise']> {
  if (!state.exercise) throw new UserError(`${state.id} is a real incident, not a drill`)
  if (state.exercise.ended) throw new UserError(`drill ${state.id} has ended`)
  return state.exercise
}

/** "2h", "+1d6h": how far to move the simulated clock. */
export function parseAdvance(text: string): {byMs: number; by: string} {
  const by = text.trim().replace(/^\+/, '')
  const byMs = /^(\d+d)?(\d+h)?(\d+m)?$/.test(by) && by !== '' ? offsetToMs(by) : Number.NaN
  if (!Number.isFinite(byMs) || byMs <= 0) throw new UserError(`"${text}" is not a duration; use 30m, 2h or 1d6h`)
  if (byMs > MAX_ADVANCE_MS) throw new UserError(`"${text}" moves the drill's clock more than a year; use a shorter step`)
  return {byMs, by}
}

export function advanceEvent(state: IncidentState, text: string, who: Who): EventDraft {
  ensureRunning(state)
  return {type: 'drill.advanced', actor: who.actor, payload: parseAdvance(text)}
}

export function decisionEvent(state: IncidentState, injectId: string, decision: string, who: Who): EventDraft {
  const drill = ensureRunning(state)
  if (!drill.scenario.injects.some((i) => i.id === injectId)) {
    throw new UserError(`scenario ${drill.scenario.id} has no inject "${injectId}"`, {hint: `Injects: ${drill.scenario.injects.map((i) => i.id).join(', ')}`})
  }
  if (!drill.delivered[injectId]) throw new UserError(`inject ${injectId} has not arrived yet`, {hint: 'See what has arrived: runbook drill injects'})
  const text = decision.trim()
  if (!text) throw new UserError('the decision is empty')
  return {type: 'drill.decision', actor: who.actor, occurredAt: who.occurredAt, payload: {inject: injectId, decision: text}}
}

/** Ending a drill also closes it, so it never counts as an open incident again. */
export function endEvents(state: IncidentState, who: Who): EventDraft[] {
  ensureRunning(state)
  return [
    {type: 'drill.ended', actor: who.actor, payload: {}},
    ...(state.closed ? [] : [{type: 'incident.closed' as const, actor: who.actor, payload: {reason: 'exercise ended'}}]),
  ]
}

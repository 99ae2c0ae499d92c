import {factDefinition} from '../facts/vocabulary.js'
import type {FactValue} from '../facts/vocabulary.js'
import type {EventDraft} from '../incident/events.js'
import type {IncidentState} from '../incident/state.js'
import {offsetToMs} from './clock.js'
import type {Inject} from './schema.js'

/** When an inject is due, in simulated time: its place in the schedule, plus any deferral. */
export function injectTime(state: IncidentState, inject: Inject): Date {
  const drill = state.exercise!
  return new Date(Date.parse(drill.clock.simStart) + offsetToMs(inject.at) + (drill.deferredMs?.[inject.id] ?? 0))
}

/** When an inject reached the players (simulated time): when it was delivered, else when it is due. */
export function arrivedAt(state: IncidentState, inject: Inject): Date {
  const delivered = state.exercise?.delivered[inject.id]
  return delivered ? new Date(delivered) : injectTime(state, inject)
}

/** Injects still to come, soonest first (deferral can change the scenario's order). */
export function upcomingInjects(state: IncidentState): Inject[] {
  const drill = state.exercise
  if (!drill) return []
  return drill.scenario.injects
    .filter((i) => !drill.delivered[i.id])
    .map((inject, index) => ({inject, index, at: injectTime(state, inject).getTime()}))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((u) => u.inject)
}

/** The events that deliver one inject at `occurredAt`: the delivery, then the facts it sets. */
export function deliveryDrafts(state: IncidentState, inject: Inject, occurredAt: string, fired = false, actor = 'facilitator'): EventDraft[] {
  return [
    {type: 'drill.inject' as const, actor, occurredAt, payload: fired ? {inject: inject.id, fired: true} : {inject: inject.id}},
    ...Object.entries(inject.sets ?? {}).map(([key, value]) => ({
      type: 'fact.set' as const,
      actor: `inject:${inject.id}`,
      occurredAt,
      payload: {key, value: resolveValue(state, value, key)},
    })),
  ]
}

/** Injects whose time has come and that have not been delivered yet, as the events that deliver them. */
export function dueInjects(state: IncidentState, simNow: Date): {injects: Inject[]; drafts: EventDraft[]} {
  const drill = state.exercise
  if (!drill || drill.ended) return {injects: [], drafts: []}
  const injects = upcomingInjects(state).filter((i) => injectTime(state, i).getTime() <= simNow.getTime())
  const drafts: EventDraft[] = injects.flatMap((inject) => deliveryDrafts(state, inject, injectTime(state, inject).toISOString()))
  return {injects, drafts}
}

/** An offset from the simulated start: a sign and at least one unit ("-2d", "+0m", "+1d6h"). */
const OFFSET = /^[+-](?=\d)(\d+d)?(\d+h)?(\d+m)?$/

/**
 * Scenario instants are offsets from the simulated start ("-2d", "+0m"); other values pass through. Only facts
 * whose type is an instant are read as offsets: a summary that happens to read "+1d" stays text.
 */
export function resolveValue(state: Pick<IncidentState, 'exercise'>, value: FactValue, key?: string): FactValue {
  const instant = key === undefined || factDefinition(key)?.type.kind === 'instant'
  if (typeof value === 'string' && instant && OFFSET.test(value) && state.exercise) {
    return new Date(Date.parse(state.exercise.clock.simStart) + offsetToMs(value)).toISOString()
  }
  return value
}

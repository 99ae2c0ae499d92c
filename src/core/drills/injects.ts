import {factDefinition} from '../facts/vocabulary.js'
import type {FactValue} from '../facts/vocabulary.js'
import type {EventDraft} from '../incident/events.js'
import type {IncidentState} from '../incident/state.js'
import {offsetToMs} from './clock.js'
import type {Inject} from './schema.js'

/** When an inject arrives, in simulated time. */
export function injectTime(state: IncidentState, inject: Inject): Date {
  return new Date(Date.parse(state.exercise!.clock.simStart) + offsetToMs(inject.at))
}

/** Injects whose time has come and that have not been delivered yet, as the events that deliver them. */
export function dueInjects(state: IncidentState, simNow: Date): {injects: Inject[]; drafts: EventDraft[]} {
  const drill = state.exercise
  if (!drill || drill.ended) return {injects: [], drafts: []}
  const injects = drill.scenario.injects.filter((i) => !drill.delivered[i.id] && injectTime(state, i).getTime() <= simNow.getTime())
  const drafts: EventDraft[] = injects.flatMap((inject) => {
    const occurredAt = injectTime(state, inject).toISOString()
    return [
      {type: 'drill.inject' as const, actor: 'facilitator', occurredAt, payload: {inject: inject.id}},
      ...Object.entries(inject.sets ?? {}).map(([key, value]) => ({
        type: 'fact.set' as const,
        actor: `inject:${inject.id}`,
        occurredAt,
        payload: {key, value: resolveValue(state, value, key)},
      })),
    ]
  })
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

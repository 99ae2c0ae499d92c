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
        payload: {key, value: resolveValue(state, value)},
      })),
    ]
  })
  return {injects, drafts}
}

/** Scenario instants are offsets from the simulated start ("-2d", "+0m"); other values pass through. */
export function resolveValue(state: Pick<IncidentState, 'exercise'>, value: FactValue): FactValue {
  if (typeof value === 'string' && /^[+-](\d+d)?(\d+h)?(\d+m)?$/.test(value) && state.exercise) {
    return new Date(Date.parse(state.exercise.clock.simStart) + offsetToMs(value)).toISOString()
  }
  return value
}

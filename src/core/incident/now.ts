import {simulatedNow} from '../drills/clock.js'
import type {IncidentState} from './state.js'

/** "Now" for an incident: the machine clock, or a drill's simulated clock. Pure: the caller passes the machine time. */
export function incidentNow(state: Pick<IncidentState, 'exercise'>, realNowMs: number): Date {
  return state.exercise && !state.exercise.ended
    ? simulatedNow(state.exercise.clock, realNowMs)
    : state.exercise?.ended
      ? new Date(state.exercise.ended)
      : new Date(realNowMs)
}

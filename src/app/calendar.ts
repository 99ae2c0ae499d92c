import type {ObligationResult} from '../core/deadlines/obligations.js'
import type {IncidentState} from '../core/incident/state.js'
import {writeFileAtomic} from '../store/files.js'

/** Writes the open deadlines as an iCalendar file (the calendar library loads only when asked for). */
export async function writeDeadlineCalendar(state: IncidentState, obligations: readonly ObligationResult[], now: Date, path: string): Promise<void> {
  const {deadlinesToIcs} = await import('../render/ics.js')
  writeFileAtomic(path, deadlinesToIcs(state, obligations, now))
}

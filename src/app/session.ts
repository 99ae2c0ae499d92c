import type {EventDraft, StoredEvent} from '../core/incident/events.js'
import {fold, type IncidentState} from '../core/incident/state.js'
import {incidentNow} from '../core/incident/now.js'
import type {LoadedIncident} from '../store/incidents.js'

/** Appends drafts to an incident's log and keeps the folded state in step with what is on disk. */
export class Recorder {
  events: StoredEvent[]
  state: IncidentState

  constructor(private readonly incident: LoadedIncident) {
    this.events = incident.events
    this.state = incident.state
  }

  async record(...drafts: EventDraft[]): Promise<StoredEvent[]> {
    // In a drill, everything happens on the simulated clock unless the responder said when.
    const now = this.state.exercise ? incidentNow(this.state, Date.now()).toISOString() : undefined
    const stamped = now ? drafts.map((d) => ({...d, occurredAt: d.occurredAt ?? now}) as EventDraft) : drafts
    const stored = await this.incident.log.append(stamped)
    // Another responder may have appended meanwhile: re-read so the state includes their events too.
    this.events = this.incident.log.readAll()
    this.state = fold(this.events)
    return stored
  }
}

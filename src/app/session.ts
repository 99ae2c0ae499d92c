import type {Who} from '../core/incident/actions.js'
import type {EventDraft, StoredEvent} from '../core/incident/events.js'
import {incidentNow} from '../core/incident/now.js'
import {fold, type IncidentState} from '../core/incident/state.js'
import type {LoadedIncident} from '../store/incidents.js'
import {adviseOnActor, type Context} from './context.js'

/**
 * One incident being worked on: its state, its own "now" (a drill's simulated clock, read afresh every time), and
 * recording that keeps the state in step with what was written.
 */
export class IncidentSession {
  events: StoredEvent[]
  state: IncidentState

  constructor(
    readonly ctx: Context,
    loaded: LoadedIncident,
  ) {
    this.events = loaded.events
    this.state = loaded.state
  }

  get id(): string {
    return this.state.id
  }

  /** The incident's now: the machine clock, or the drill's simulated clock at this very moment. */
  now(): Date {
    return incidentNow(this.state, this.ctx.now().getTime())
  }

  who(occurredAt?: string): Who {
    return {actor: this.ctx.actor, ...(occurredAt ? {occurredAt} : {})}
  }

  /**
   * The incident's now as the log says at this moment: in a drill, another terminal may have advanced, paused or
   * resumed the clock since this session read the log, so it is read again first.
   */
  async currentNow(): Promise<Date> {
    if (this.state.exercise) await this.refresh()
    return this.now()
  }

  async record(...drafts: EventDraft[]): Promise<StoredEvent[]> {
    if (drafts.length === 0) return []
    adviseOnActor(this.ctx)
    // In a drill, everything happens on the simulated clock unless the responder said when, and that clock is read
    // from the log as it is now (the facilitator moves it from another terminal).
    const now = this.state.exercise ? (await this.currentNow()).toISOString() : undefined
    const stamped = now ? drafts.map((d) => ({...d, occurredAt: d.occurredAt ?? now}) as EventDraft) : drafts
    const stored = await this.ctx.store.append(this.id, stamped)
    if (stored[0]?.seq === this.state.lastSeq + 1) {
      // Nobody wrote in between: the new events follow the ones held here.
      this.events = [...this.events, ...stored]
      this.state = fold(this.events)
    } else {
      // Another responder appended meanwhile: read again so the state includes their events too.
      const fresh = await this.ctx.store.load(this.id)
      this.events = fresh.events
      this.state = fresh.state
    }
    return stored
  }

  /** Reads the incident again (another responder may have written since). */
  async refresh(): Promise<void> {
    const fresh = await this.ctx.store.load(this.id)
    this.events = fresh.events
    this.state = fresh.state
  }
}

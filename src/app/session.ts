import type {Who} from '../core/incident/actions.js'
import {describeInterleaved, interleaved} from '../core/incident/conflicts.js'
import type {EventDraft, StoredEvent} from '../core/incident/events.js'
import {incidentNow} from '../core/incident/now.js'
import {fold, type IncidentState} from '../core/incident/state.js'
import {OperationalError} from '../core/errors.js'
import {LogMovedError, type LoadedIncident} from '../store/incidents.js'
import {adviseOnActor, type Context} from './context.js'

/**
 * One incident being worked on: its state, its own "now" (a drill's simulated clock, read afresh every time), and
 * recording that keeps the state in step with what was written.
 */
export class IncidentSession {
  events: StoredEvent[]
  state: IncidentState
  /** The event the next write must follow (--expect-seq, then this session's own last write); undefined: any. */
  private expected?: number

  constructor(
    readonly ctx: Context,
    loaded: LoadedIncident,
  ) {
    this.events = loaded.events
    this.state = loaded.state
    if (ctx.expectSeq !== undefined) {
      this.expected = ctx.expectSeq
      // Refused before anything is asked or drafted: the caller's picture of the incident is out of date.
      if (this.state.lastSeq !== ctx.expectSeq) throw this.movedError(ctx.expectSeq, [])
    }
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

  /** Records drafts; with --expect-seq, only right after the event expected (else refused, nothing written). */
  async record(...drafts: EventDraft[]): Promise<StoredEvent[]> {
    const expected = this.expected
    if (expected === undefined) return this.recordAfter(undefined, drafts)
    try {
      const stored = await this.recordAfter(expected, drafts)
      this.expected = stored.at(-1)?.seq ?? expected
      return stored
    } catch (error) {
      if (!(error instanceof LogMovedError)) throw error
      await this.refresh()
      throw this.movedError(expected, drafts)
    }
  }

  /**
   * The refusal of --expect-seq N: who recorded what since #N, and what this write would have replaced. Exit 1 (the
   * input is fine; the incident moved), and under --json the events since, for a script to read.
   */
  private movedError(expected: number, drafts: readonly EventDraft[]): OperationalError {
    const report = interleaved(this.events, expected, drafts)
    const titles = new Map(this.state.steps.map((s) => [s.step.id, s.step.title]))
    const since =
      expected > report.lastSeq
        ? `its last event is #${report.lastSeq}, not #${expected}`
        : `${report.events.length} event(s) were recorded after #${expected}:\n  ${describeInterleaved(report, titles).join('\n  ')}`
    return new OperationalError(`not recorded: incident ${this.id} has moved on since you read it (--expect-seq ${expected}); ${since}`, {
      hint: `Nothing was written. Read what changed (\`runbook timeline ${this.id}\`), then run the command again with --expect-seq ${report.lastSeq} if it still applies.`,
      result: {
        conflict: {
          expectedSeq: expected,
          lastSeq: report.lastSeq,
          since: report.events.map((e) => ({seq: e.seq, type: e.type, actor: e.actor, recordedAt: e.recordedAt})),
          replaced: report.replaced,
        },
      },
    })
  }

  /**
   * Records drafts; with `afterSeq`, only if the incident's last event is still that one (checked by the store under
   * its lock), else LogMovedError and nothing is written. The walk uses this with the event it last showed.
   */
  async recordAfter(afterSeq: number | undefined, drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    if (drafts.length === 0) return []
    adviseOnActor(this.ctx)
    // In a drill, everything happens on the simulated clock unless the responder said when, and that clock is read
    // from the log as it is now (the facilitator moves it from another terminal).
    const now = this.state.exercise ? (await this.currentNow()).toISOString() : undefined
    const stamped = now ? drafts.map((d) => ({...d, occurredAt: d.occurredAt ?? now}) as EventDraft) : drafts
    const stored = await this.ctx.store.append(this.id, stamped, afterSeq === undefined ? {} : {afterSeq})
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

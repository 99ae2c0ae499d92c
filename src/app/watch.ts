import type {StoredEvent} from '../core/incident/events.js'
import type {IncidentState} from '../core/incident/state.js'
import type {Context} from './context.js'
import {resolveIncident} from './incidents.js'

/** Resolves when the person presses Ctrl-C (or the process is asked to stop), with the signal's name. */
export function untilInterrupted(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

export interface WatchOptions {
  /** How many of the events already recorded to show first. */
  last: number
  /** Shows events: the latest ones first, then each batch as it is recorded. */
  show: (events: readonly StoredEvent[], state: IncidentState) => void
  /** Told once the incident is being followed (what to say before anything new arrives). */
  watching: (state: IncidentState, earlier: number) => void
  /** When to stop (default: Ctrl-C). */
  until?: Promise<unknown>
}

/**
 * Follows an incident's timeline live: the latest events, then every event as any responder records it, on the file
 * store or PostgreSQL alike, until stopped. Each event is shown once, in the order recorded.
 */
export async function followIncident(ctx: Context, id: string | undefined, options: WatchOptions): Promise<{id: string; shown: number}> {
  const incident = id ?? (await resolveIncident(ctx)).id
  let shownSeq = 0
  let shown = 0
  let busy: Promise<void> | undefined
  let again = false
  const catchUp = async () => {
    const {events, state} = await ctx.store.load(incident)
    const fresh = events.filter((e) => e.seq > shownSeq)
    if (fresh.length === 0) return
    shownSeq = fresh.at(-1)!.seq
    shown += fresh.length
    options.show(fresh, state)
  }
  // One re-read at a time; a change during one gives one more.
  const refresh = () => {
    if (busy) {
      again = true
      return
    }
    busy = catchUp()
      .catch((error: unknown) => ctx.notice(ctx.io.errStyle.yellow(`Could not read the incident just now: ${(error as Error).message}`)))
      .finally(() => {
        busy = undefined
        if (again) {
          again = false
          refresh()
        }
      })
  }
  // Watch first, then read: nothing recorded in between is missed.
  const stop = await ctx.store.subscribe(incident, refresh)
  try {
    const {events, state} = await ctx.store.load(incident)
    const latest = options.last > 0 ? events.slice(-options.last) : []
    shownSeq = events.at(-1)?.seq ?? 0
    if (latest.length > 0) {
      shown += latest.length
      options.show(latest, state)
    }
    options.watching(state, events.length - latest.length)
    await (options.until ?? untilInterrupted())
  } finally {
    await stop()
    await busy
  }
  return {id: incident, shown}
}

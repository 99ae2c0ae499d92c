import {durationToMs} from '../time/duration.js'

/** A drill's clock: the simulated start, how fast it runs, how far the facilitator moved it on, and its pauses. */
export interface DrillClock {
  simStart: string
  realStart: string
  speed: number
  manual: boolean
  advancedMs: number
  /** Real milliseconds spent paused in pauses that have ended. */
  pausedMs?: number
  /** Set while paused: when the pause began on the machine clock. */
  pausedAt?: string
}

/**
 * Simulated time: the start, plus real time elapsed while running (not paused) times the speed (not in manual
 * mode), plus every `drill advance`. Pure: the caller passes the machine clock.
 */
export function simulatedNow(clock: DrillClock, realNowMs: number): Date {
  // While paused, real time stops counting at the moment the pause began.
  const realMs = clock.pausedAt === undefined ? realNowMs : Math.min(realNowMs, Date.parse(clock.pausedAt))
  const runningMs = Math.max(0, realMs - Date.parse(clock.realStart) - (clock.pausedMs ?? 0))
  const running = clock.manual ? 0 : runningMs * clock.speed
  return new Date(Date.parse(clock.simStart) + running + clock.advancedMs)
}

/** The clock after a pause that began at `realAt` (machine time); pausing a paused clock changes nothing. */
export function pauseClock(clock: DrillClock, realAt: string): DrillClock {
  return clock.pausedAt === undefined ? {...clock, pausedAt: realAt} : clock
}

/** The clock after resuming at `realAt`: the pause's length is set aside; resuming a running clock changes nothing. */
export function resumeClock(clock: DrillClock, realAt: string): DrillClock {
  if (clock.pausedAt === undefined) return clock
  const paused = Math.max(0, Date.parse(realAt) - Date.parse(clock.pausedAt))
  const {pausedAt: _ended, ...rest} = clock
  return {...rest, pausedMs: (clock.pausedMs ?? 0) + paused}
}

/** "+2h", "1d4h", "+30m", "-2d" as milliseconds. */
export function offsetToMs(offset: string): number {
  const negative = offset.startsWith('-')
  const ms = durationToMs(offset.replace(/^[+-]/, ''))
  return negative ? -ms : ms
}

/** Milliseconds as an offset from the simulated start, to the minute below: "+1d4h30m", "+0m". */
export function msToOffset(ms: number): string {
  let minutes = Math.max(0, Math.floor(ms / 60_000))
  const days = Math.floor(minutes / 1440)
  minutes -= days * 1440
  const hours = Math.floor(minutes / 60)
  minutes -= hours * 60
  const text = `${days ? `${days}d` : ''}${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}`
  return `+${text || '0m'}`
}

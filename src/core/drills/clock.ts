import {durationToMs} from '../time/duration.js'

/** A drill's clock: the simulated start, how fast it runs, and how far the facilitator moved it on. */
export interface DrillClock {
  simStart: string
  realStart: string
  speed: number
  manual: boolean
  advancedMs: number
}

/**
 * Simulated time: the start, plus real time elapsed times the speed (not in manual mode), plus every
 * `drill advance`. Pure: the caller passes the machine clock.
 */
export function simulatedNow(clock: DrillClock, realNowMs: number): Date {
  const running = clock.manual ? 0 : Math.max(0, realNowMs - Date.parse(clock.realStart)) * clock.speed
  return new Date(Date.parse(clock.simStart) + running + clock.advancedMs)
}

/** "+2h", "1d4h", "+30m", "-2d" as milliseconds. */
export function offsetToMs(offset: string): number {
  const negative = offset.startsWith('-')
  const ms = durationToMs(offset.replace(/^[+-]/, ''))
  return negative ? -ms : ms
}

import {describe, expect, it} from 'vitest'
import {msToOffset, offsetToMs, pauseClock, resumeClock, simulatedNow, type DrillClock} from '../../src/core/drills/clock.js'

const HOUR = 3_600_000
const clock: DrillClock = {simStart: '2026-03-28T09:00:00.000Z', realStart: '2026-05-04T14:00:00.000Z', speed: 1, manual: false, advancedMs: 0}
const real = (iso: string) => Date.parse(iso)

describe('simulatedNow', () => {
  it('starts at the simulated start', () => {
    expect(simulatedNow(clock, real('2026-05-04T14:00:00.000Z')).toISOString()).toBe('2026-03-28T09:00:00.000Z')
  })

  it('runs with real time, times the speed', () => {
    expect(simulatedNow(clock, real('2026-05-04T14:30:00.000Z')).toISOString()).toBe('2026-03-28T09:30:00.000Z')
    expect(simulatedNow({...clock, speed: 12}, real('2026-05-04T14:30:00.000Z')).toISOString()).toBe('2026-03-28T15:00:00.000Z')
  })

  it('adds every advance', () => {
    expect(simulatedNow({...clock, advancedMs: 26 * HOUR}, real('2026-05-04T14:30:00.000Z')).toISOString()).toBe('2026-03-29T11:30:00.000Z')
  })

  it('stands still in manual mode, except for advances', () => {
    const manual = {...clock, manual: true, speed: 60}
    expect(simulatedNow(manual, real('2026-05-04T18:00:00.000Z')).toISOString()).toBe('2026-03-28T09:00:00.000Z')
    expect(simulatedNow({...manual, advancedMs: 2 * HOUR}, real('2026-05-04T18:00:00.000Z')).toISOString()).toBe('2026-03-28T11:00:00.000Z')
  })

  it('never runs backwards when the machine clock is behind the real start', () => {
    expect(simulatedNow(clock, real('2026-05-04T13:00:00.000Z')).toISOString()).toBe('2026-03-28T09:00:00.000Z')
  })
})

describe('offsetToMs', () => {
  it('reads signed and unsigned offsets', () => {
    expect(offsetToMs('+2h')).toBe(2 * HOUR)
    expect(offsetToMs('2h')).toBe(2 * HOUR)
    expect(offsetToMs('+30m')).toBe(30 * 60_000)
    expect(offsetToMs('1d4h')).toBe(28 * HOUR)
    expect(offsetToMs('-2d')).toBe(-48 * HOUR)
  })

  it('reads +0m as no offset at all', () => {
    expect(offsetToMs('+0m')).toBe(0)
  })
})

describe('pausing the simulated clock', () => {
  const running: DrillClock = {...clock, speed: 60}
  const at = (minutes: number) => new Date(Date.parse(clock.realStart) + minutes * 60_000).toISOString()

  it('stands still while paused, whatever the speed', () => {
    const paused = pauseClock(running, at(1))
    expect(simulatedNow(paused, real(at(1))).toISOString()).toBe('2026-03-28T10:00:00.000Z')
    expect(simulatedNow(paused, real(at(45))).toISOString()).toBe('2026-03-28T10:00:00.000Z')
  })

  it('runs on from where it stopped: the pause is not counted', () => {
    const resumed = resumeClock(pauseClock(running, at(1)), at(11))
    expect(resumed.pausedMs).toBe(10 * 60_000)
    expect(resumed.pausedAt).toBeUndefined()
    // One minute before the pause and one after it: two simulated hours at 60x.
    expect(simulatedNow(resumed, real(at(12))).toISOString()).toBe('2026-03-28T11:00:00.000Z')
  })

  it('adds up several pauses', () => {
    let c = resumeClock(pauseClock(running, at(1)), at(3))
    c = resumeClock(pauseClock(c, at(4)), at(10))
    expect(c.pausedMs).toBe(8 * 60_000)
    expect(simulatedNow(c, real(at(10))).toISOString()).toBe('2026-03-28T11:00:00.000Z')
  })

  it('ignores a second pause and a resume of a running clock', () => {
    const paused = pauseClock(running, at(1))
    expect(pauseClock(paused, at(5))).toEqual(paused)
    expect(resumeClock(running, at(5))).toEqual(running)
  })

  it('still moves with an advance while paused', () => {
    const paused = {...pauseClock(running, at(1)), advancedMs: 2 * HOUR}
    expect(simulatedNow(paused, real(at(30))).toISOString()).toBe('2026-03-28T12:00:00.000Z')
  })

  it('never counts a resume recorded before its pause (a clock set back) as negative time', () => {
    const resumed = resumeClock(pauseClock(running, at(5)), at(2))
    expect(resumed.pausedMs).toBe(0)
  })
})

describe('msToOffset', () => {
  it('writes an offset to the minute below, and reads back', () => {
    expect(msToOffset(0)).toBe('+0m')
    expect(msToOffset(26 * HOUR + 30 * 60_000 + 59_000)).toBe('+1d2h30m')
    expect(offsetToMs(msToOffset(45 * 60_000))).toBe(45 * 60_000)
  })
})

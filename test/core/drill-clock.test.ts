import {describe, expect, it} from 'vitest'
import {offsetToMs, simulatedNow, type DrillClock} from '../../src/core/drills/clock.js'

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

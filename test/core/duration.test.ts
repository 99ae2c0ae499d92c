import {describe, expect, it} from 'vitest'
import {durationToMs, formatElapsed} from '../../src/core/time/duration.js'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

describe('durationToMs', () => {
  it('reads minutes, hours and days, alone and combined', () => {
    expect(durationToMs('45m')).toBe(45 * MIN)
    expect(durationToMs('4h')).toBe(4 * HOUR)
    expect(durationToMs('2d')).toBe(2 * DAY)
    expect(durationToMs('1h30m')).toBe(90 * MIN)
    expect(durationToMs('1d4h30m')).toBe(DAY + 4 * HOUR + 30 * MIN)
  })

  it('does not carry units over: 90m is an hour and a half', () => {
    expect(durationToMs('90m')).toBe(durationToMs('1h30m'))
    expect(durationToMs('48h')).toBe(durationToMs('2d'))
  })

  it('counts nothing for text without a unit (callers validate the shape first)', () => {
    expect(durationToMs('')).toBe(0)
    expect(durationToMs('abc')).toBe(0)
    expect(durationToMs('15')).toBe(0)
  })
})

describe('formatElapsed', () => {
  it('shows zero and anything under a minute as 0m', () => {
    expect(formatElapsed(0)).toBe('0m')
    expect(formatElapsed(59_999)).toBe('0m')
  })

  it('shows one unit when the others are zero', () => {
    expect(formatElapsed(MIN)).toBe('1m')
    expect(formatElapsed(HOUR)).toBe('1h')
    expect(formatElapsed(DAY)).toBe('1d')
  })

  it('rounds down to the minute rather than up', () => {
    expect(formatElapsed(2 * HOUR + 5 * MIN + 59_999)).toBe('2h 5m')
  })

  it('keeps the two largest units and drops the rest', () => {
    expect(formatElapsed(3 * DAY + 4 * HOUR + 5 * MIN)).toBe('3d 4h')
    expect(formatElapsed(DAY + HOUR + MIN + 1000)).toBe('1d 1h')
  })

  it('skips a zero unit in the middle instead of printing 0h', () => {
    expect(formatElapsed(DAY + MIN)).toBe('1d 1m')
  })

  it('prints days past a week as days', () => {
    expect(formatElapsed(400 * DAY)).toBe('400d')
  })

  it('puts a minus sign before a negative span', () => {
    expect(formatElapsed(-MIN)).toBe('-1m')
    expect(formatElapsed(-(2 * HOUR + 5 * MIN))).toBe('-2h 5m')
  })
})

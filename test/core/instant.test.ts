import {describe, expect, it} from 'vitest'
import {parseFactValue, factDefinition} from '../../src/core/facts/vocabulary.js'
import {readInstant} from '../../src/core/time/instant.js'

describe('reading a time as a person types it', () => {
  it('refuses a day that does not exist, with an offset or without (no rollover to March)', () => {
    expect(readInstant('2026-02-30T10:00:00Z', 'UTC')).toEqual({ok: false, reason: '2026-02-30 is not a day of the calendar'})
    expect(readInstant('2026-04-31 09:00', 'Europe/Berlin')).toMatchObject({ok: false})
    expect(readInstant('2028-02-29 09:00', 'Europe/Berlin')).toMatchObject({ok: true})
  })

  it('refuses years before 1970 (year 0 included) and far beyond', () => {
    expect(readInstant('0000-01-01T00:00:00Z', 'UTC')).toMatchObject({ok: false})
    expect(readInstant('1969-12-31T23:59:59Z', 'UTC').ok).toBe(false)
    expect(readInstant('1970-01-01T00:00:00Z', 'UTC').ok).toBe(true)
    expect(readInstant('2400-01-01T00:00:00Z', 'UTC').ok).toBe(false)
  })

  it('a local time the zone skips in spring is refused, naming the two times that exist', () => {
    // Berlin, Sunday 29 March 2026: 02:00 CET became 03:00 CEST.
    const reading = readInstant('2026-03-29 02:30', 'Europe/Berlin')
    expect(reading.ok).toBe(false)
    expect(!reading.ok && reading.reason).toBe(
      '2026-03-29 02:30 does not exist in Europe/Berlin: the clocks jumped forward that night. Did you mean 2026-03-29 01:30 +01:00 or 2026-03-29 03:30 +02:00?',
    )
  })

  it('a local time the zone passes twice in autumn is refused unless the offset is given', () => {
    // New York, Sunday 1 November 2026: 01:30 happened at -04:00 and again at -05:00.
    const reading = readInstant('2026-11-01 01:30', 'America/New_York')
    expect(reading.ok).toBe(false)
    expect(!reading.ok && reading.reason).toMatch(/happened twice .*2026-11-01 01:30 -04:00 or 2026-11-01 01:30 -05:00/)
    expect(readInstant('2026-11-01T01:30-05:00', 'America/New_York')).toMatchObject({ok: true})
  })

  it('counts are exact or refused: no 1e+23', () => {
    const count = factDefinition('affected.total')!
    expect(parseFactValue(count, '99999999999999999999999', 'UTC')).toMatchObject({ok: false})
    expect(parseFactValue(count, '48,213', 'UTC')).toEqual({ok: true, value: 48213})
  })
})

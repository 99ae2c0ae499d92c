import {describe, expect, it} from 'vitest'
import {factDefinition, groupDigits, parseFactValue, unknownFactMessage} from '../../src/core/facts/vocabulary.js'
import {regionProblem} from '../../src/core/facts/regions.js'
import {parseFact} from '../../src/core/incident/actions.js'

const parse = (key: string, raw: string, zone = 'Europe/Berlin') => parseFactValue(factDefinition(key)!, raw, zone)

describe('fact vocabulary', () => {
  it('knows the SP 800-61 prioritisation factors; information impacts combine, except none', () => {
    expect(parse('functional_impact', 'medium')).toEqual({ok: true, value: 'medium'})
    expect(parse('functional_impact', 'severe').ok).toBe(false)
    expect(parse('recoverability', 'not_recoverable')).toEqual({ok: true, value: 'not_recoverable'})
    expect(parse('information_impact', 'privacy, integrity')).toEqual({ok: true, value: ['privacy', 'integrity']})
    expect(parse('information_impact', 'none')).toEqual({ok: true, value: ['none']})
    expect(parse('information_impact', 'none,privacy')).toEqual({ok: false, message: 'information_impact: "none" cannot be combined with other values'})
  })

  it('reads counts with thousands separators', () => {
    expect(parse('affected.total', '1,240')).toEqual({ok: true, value: 1240})
    expect(parse('affected.total', '1 240 000')).toEqual({ok: true, value: 1240000})
    expect(parse('affected.total', 'many').ok).toBe(false)
  })

  it('refuses digits grouped unlike thousands, offering both readings: they decided thresholds silently', () => {
    // "1,24" was recorded as 124 and "12,40" as 1,240.
    expect(parse('affected.total', '1,24')).toEqual({
      ok: false,
      message: 'affected.total: "1,24" groups its digits unlike thousands: did you mean 124 or 1? (write 1240 or 1,240)',
    })
    expect(parse('affected.US-CA', '12,40').ok).toBe(false)
    expect(parse('affected.total', '1,2,3').ok).toBe(false)
  })

  it('prints counts grouped as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890, -4321, 2.5, Number.MAX_SAFE_INTEGER])
      expect(groupDigits(n), String(n)).toBe(n.toLocaleString('en-US'))
  })

  it('accepts region keys for real ISO 3166 regions only', () => {
    expect(factDefinition('affected.US-CA')?.type.kind).toBe('count')
    expect(factDefinition('affected.JP')?.type.kind).toBe('count')
    expect(factDefinition('affected.US-ZZ')).toBeUndefined()
    expect(factDefinition('affected.XX')).toBeUndefined()
    expect(regionProblem('US-ZZ')).toContain('US-CA')
    expect(regionProblem('DE-BY')).toBeNull()
  })

  it('lists valid values when a category is unknown', () => {
    const result = parse('data_categories', 'contact,helth')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/"helth".*health/)
    expect(parse('data_categories', 'contact, health,contact')).toEqual({ok: true, value: ['contact', 'health']})
  })

  it('reads instants with an offset, or local time in the incident zone', () => {
    expect(parse('aware_at', '2026-03-28T20:00:00Z')).toEqual({ok: true, value: '2026-03-28T20:00:00.000Z'})
    expect(parse('aware_at', '2026-03-28 20:00')).toEqual({ok: true, value: '2026-03-28T19:00:00.000Z'})
    expect(parse('aware_at', '2026-07-01 20:00')).toEqual({ok: true, value: '2026-07-01T18:00:00.000Z'})
    expect(parse('aware_at', '2026-02-30 10:00').ok).toBe(false)
    expect(parse('aware_at', 'yesterday').ok).toBe(false)
  })

  it('reads booleans in plain words', () => {
    expect(parse('encrypted', 'yes')).toEqual({ok: true, value: true})
    expect(parse('encrypted', 'false')).toEqual({ok: true, value: false})
    expect(parse('encrypted', 'maybe').ok).toBe(false)
  })

  it('names the known facts when a key is unknown', () => {
    expect(unknownFactMessage('afected.total')).toContain('affected.total')
    expect(() => parseFact({timezone: 'UTC'}, 'nonsense', '1')).toThrow(/Known facts/)
  })
})

describe('formatInZone', () => {
  it('shows wall-clock time with the offset in force at that instant', async () => {
    const {formatInZone} = await import('../../src/core/time/instant.js')
    expect(formatInZone('2026-03-28T20:00:00Z', 'Europe/Berlin')).toBe('2026-03-28 21:00 +01:00')
    expect(formatInZone('2026-03-29T20:00:00Z', 'Europe/Berlin')).toBe('2026-03-29 22:00 +02:00')
    expect(formatInZone('2026-07-28T20:00:00Z', 'Asia/Kolkata', 'MM-dd HH:mm xxx')).toBe('07-29 01:30 +05:30')
  })
})

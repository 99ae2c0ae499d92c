import {describe, expect, it} from 'vitest'
import {holidayLookup, publicHolidays} from '../../src/store/holidays.js'

describe('holiday calendars', () => {
  const isHoliday = holidayLookup()

  it('know any year, near or far, without failing', () => {
    // Thanksgiving 2024 and 2041: years outside the table built with the package are computed on demand.
    expect(isHoliday('US', '2024-11-28')).toBe(true)
    expect(isHoliday('US', '2041-11-28')).toBe(true)
    expect(isHoliday('US', '2041-11-27')).toBe(false)
  })

  it("JP-ADMIN closes Japan's administrative organs from 29 December to 3 January; JP does not", () => {
    for (const day of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-02', '2027-01-03']) expect(isHoliday('JP-ADMIN', day), day).toBe(true)
    expect(isHoliday('JP', '2026-12-30')).toBe(false)
    expect(isHoliday('JP-ADMIN', '2027-01-11')).toBe(true) // Coming of Age Day, a national holiday
    expect(isHoliday('JP-ADMIN', '2027-01-04')).toBe(false)
  })

  it("Colombia has its 18 legal holidays, not the library's extra one in July", () => {
    const days = publicHolidays('CO', 2026).filter((d) => d !== '2026-04-05') // Easter Sunday: a Sunday anyway
    expect(days).toHaveLength(18)
    expect(days).not.toContain('2026-07-13')
    expect(days).toContain('2026-07-20')
  })

  it('a country the library does not know has no holidays rather than an error', () => {
    expect(publicHolidays('ZZ', 2026)).toEqual([])
  })
})

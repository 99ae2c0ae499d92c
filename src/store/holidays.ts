import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {HolidayLookup} from '../core/deadlines/clock.js'
import {PACKAGE_ROOT} from './package-root.js'

/** Public holidays per "COUNTRY:YEAR", generated from date-holidays at build time for the built-in calendars. */
export const HOLIDAY_CACHE = join(PACKAGE_ROOT, 'dist', 'content', 'holidays.json')

type Table = Record<string, string[]>

let table: Table | undefined

function cachedTable(): Table {
  table ??= existsSync(HOLIDAY_CACHE) ? (JSON.parse(readFileSync(HOLIDAY_CACHE, 'utf8')) as Table) : {}
  return table
}

/** Public holidays of one country and year from date-holidays (a maintained, multi-country calendar). */
export async function publicHolidays(country: string, year: number): Promise<string[]> {
  const {default: Holidays} = await import('date-holidays')
  const calendar = new Holidays(country, {types: ['public']})
  // Observed substitutes (July 4 on a Saturday is observed on Friday 3 July) are public holidays too.
  return (calendar.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10))
}

/**
 * A lookup for the calendars a computation needs, for the years around `now`. Uses the build's table where it
 * covers them, and asks date-holidays otherwise, so start-up only pays for the library when it must.
 */
export async function loadHolidayLookup(countries: readonly string[], now: Date = new Date()): Promise<HolidayLookup> {
  if (countries.length === 0) return () => false
  const cached = cachedTable()
  const days = new Map<string, Set<string>>()
  const thisYear = now.getUTCFullYear()
  for (const country of countries) {
    for (let year = thisYear - 1; year <= thisYear + 2; year++) {
      const key = `${country}:${year}`
      days.set(key, new Set(cached[key] ?? (await publicHolidays(country, year))))
    }
  }
  return (country, isoDate) => {
    const key = `${country}:${isoDate.slice(0, 4)}`
    const set = days.get(key)
    if (!set) throw new Error(`internal: holiday calendar ${key} was not loaded`)
    return set.has(isoDate)
  }
}

import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import type {HolidayLookup} from '../core/deadlines/clock.js'
import {PACKAGE_ROOT} from './package-root.js'

/** Public holidays per "CALENDAR:YEAR", generated from date-holidays at build time for the built-in calendars. */
export const HOLIDAY_CACHE = join(PACKAGE_ROOT, 'dist', 'content', 'holidays.json')

type Table = Record<string, string[]>

let table: Table | undefined
const computed = new Map<string, Set<string>>()

function cachedTable(): Table {
  table ??= existsSync(HOLIDAY_CACHE) ? (JSON.parse(readFileSync(HOLIDAY_CACHE, 'utf8')) as Table) : {}
  return table
}

type HolidaysClass = typeof import('date-holidays').default

let library: HolidaysClass | undefined

/** date-holidays, loaded synchronously on the first year the build's table does not cover (rare; ~30 ms). */
function holidaysLibrary(): HolidaysClass {
  library ??=
    (createRequire(import.meta.url)('date-holidays') as {default?: HolidaysClass}).default ?? (createRequire(import.meta.url)('date-holidays') as HolidaysClass)
  return library
}

/**
 * Calendars by name: an ISO country's public holidays (date-holidays, observed substitutes included), and
 * JP-ADMIN, the days Japan's administrative organs are closed: national holidays plus 29 December to 3 January
 * (Act on Holidays of Administrative Organs, Art. 1(1)(iii)), on which a filing deadline does not end (Art. 2).
 */
/**
 * Holidays the library lists that the country's law does not: Colombia's public holidays are those of Ley 51 de
 * 1983 and Ley 37 de 1905 (18 a year; none on the Virgin of Chiquinquira, which date-holidays 3.x adds on a Monday
 * in July). Checked against the 2026 calendar published by the press (El Espectador, 16 January 2026).
 */
const NOT_PUBLIC: Readonly<Record<string, readonly string[]>> = {CO: ['La virgen de Chiquinquirá']}

export function publicHolidays(calendar: string, year: number): string[] {
  const [country, variant] = calendar.split('-') as [string, string | undefined]
  let days: string[] = []
  try {
    const Holidays = holidaysLibrary()
    const lib = new Holidays(country, {types: ['public']})
    const wrong = new Set(NOT_PUBLIC[country] ?? [])
    days = (lib.getHolidays(year) || []).filter((h) => h.type === 'public' && !wrong.has(h.name)).map((h) => h.date.slice(0, 10))
  } catch {
    // A country the library does not know has no public holidays here; weekends still count.
  }
  if (variant === 'ADMIN' && country === 'JP') {
    days.push(`${year}-01-01`, `${year}-01-02`, `${year}-01-03`, `${year}-12-29`, `${year}-12-30`, `${year}-12-31`)
  }
  return [...new Set(days)].sort()
}

function daysOf(calendar: string, year: number): Set<string> {
  const key = `${calendar}:${year}`
  let set = computed.get(key)
  if (!set) {
    set = new Set(cachedTable()[key] ?? publicHolidays(calendar, year))
    computed.set(key, set)
  }
  return set
}

/**
 * A holiday lookup for any calendar and any year: the build's table where it covers them, the library otherwise,
 * each year on first use. A year far from today never fails a deadline computation.
 */
export function holidayLookup(): HolidayLookup {
  return (calendar, isoDate) => daysOf(calendar, Number(isoDate.slice(0, 4))).has(isoDate)
}

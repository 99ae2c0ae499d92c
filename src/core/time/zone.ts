import {TZDate} from '@date-fns/tz'

/**
 * Wall-clock time in an IANA zone, for date-fns: `zoned.in` as its `in` option reads an instant in the zone, and
 * `zoned.at` builds an instant from a local date and time there.
 */
export interface Zoned {
  readonly in: (value: Date | number | string) => Date
  readonly at: (year: number, monthIndex: number, day: number, hours?: number, minutes?: number, seconds?: number) => Date
}

/**
 * Runs `work` with the wall clock of `zone`. Why not @date-fns/tz alone: it reads offsets through Intl, and the first
 * Intl formatter of a process costs ~12 ms (V8 checks ICU's data for every locale), more than the rest of a `status`.
 * How: Node re-reads the time zone whenever process.env.TZ is assigned (nodejs/node#20026; documented under TZ in
 * Node's CLI reference) and V8 then takes local time from ICU's data for that zone, the same data Intl uses. The zone
 * is set for the length of `work` and the operator's own setting put back after it; `work` must be synchronous, so
 * that nothing else runs meanwhile. Where Node does not follow TZ (ICU ignores it on Windows), or the zone could be
 * one ICU does not know, @date-fns/tz is used instead, as before.
 */
export function inZone<T>(zone: string, work: (zoned: Zoned) => T): T {
  if (current === zone) return work(LOCAL)
  const before = current
  const saved = process.env.TZ
  setProcessZone(zone)
  current = zone
  try {
    if (!processFollows(zone)) {
      setProcessZone(saved)
      current = undefined
      return work(intlZoned(zone))
    }
    const result = work(LOCAL)
    if (result instanceof Promise) throw new TypeError('inZone: the work must be synchronous')
    return result
  } finally {
    if (current !== undefined) setProcessZone(saved)
    current = before
  }
}

/** The zone process-local time is set to while work runs in it. */
let current: string | undefined

const LOCAL: Zoned = {
  in: (value) => new Date(typeof value === 'object' ? value.getTime() : value),
  at: (year, monthIndex, day, hours = 0, minutes = 0, seconds = 0) => new Date(year, monthIndex, day, hours, minutes, seconds),
}

function intlZoned(zone: string): Zoned {
  return {
    in: (value) => new TZDate(new Date(value).getTime(), zone),
    at: (year, monthIndex, day, hours = 0, minutes = 0, seconds = 0) => new TZDate(year, monthIndex, day, hours, minutes, seconds, zone),
  }
}

function setProcessZone(zone: string | undefined): void {
  if (zone === undefined) delete process.env.TZ
  else process.env.TZ = zone
}

/** Whether the platform follows an assigned TZ, checked once: zones of fixed, unusual offsets (+05:45, -09:30). */
let platformFollows: boolean | undefined
/** Per zone, whether the process's clock can stand in for it (see processFollows): each zone is judged once. */
const judged = new Map([
  ['UTC', true],
  ['Etc/UTC', true],
])

const JANUARY = Date.UTC(2021, 0, 1)
const JULY = Date.UTC(2021, 6, 1)

/**
 * Whether local time now is `zone`'s. ICU reads a name it does not know as Etc/Unknown, UTC all year, and so it reads
 * a name of three or four letters (CET, EST, Cuba) where the system has no time-zone files (a slim container): a
 * zone that shows an offset other than zero in January or July is known; one at zero all year (UTC, Abidjan, a
 * misspelling, CET without tzdata) is held to Intl's offsets once, slow but certain.
 */
function processFollows(zone: string): boolean {
  if (platformFollows === undefined) {
    process.env.TZ = 'Asia/Kathmandu'
    const kathmandu = new Date(JANUARY).getTimezoneOffset()
    process.env.TZ = 'Pacific/Marquesas'
    const marquesas = new Date(JANUARY).getTimezoneOffset()
    platformFollows = kathmandu === -345 && marquesas === 570
    process.env.TZ = zone
  }
  if (!platformFollows) return false
  let follows = judged.get(zone)
  if (follows === undefined) {
    follows = new Date(JANUARY).getTimezoneOffset() !== 0 || new Date(JULY).getTimezoneOffset() !== 0 || utcAllYearInIntl(zone)
    judged.set(zone, follows)
  }
  return follows
}

function utcAllYearInIntl(zone: string): boolean {
  try {
    const format = new Intl.DateTimeFormat('en-US', {timeZone: zone, timeZoneName: 'longOffset'})
    return [JANUARY, JULY].every((at) => /GMT(\+00:00)?$/.test(format.format(at))) // "1/1/2021, GMT+00:00" or "..., GMT"
  } catch {
    return false
  }
}

/** Whether Intl knows the zone: the check every zone a user gives passes (it costs Intl's set-up, ~12 ms, once). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', {timeZone: zone})
    return true
  } catch {
    return false
  }
}

/** How far ahead of UTC, in minutes, the wall clock a zoned date shows is (getTimezoneOffset drops the seconds). */
export function offsetMinutes(date: Date): number {
  const wall = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds())
  return (wall - date.getTime()) / 60_000
}

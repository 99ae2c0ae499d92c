import {lightFormat} from 'date-fns/lightFormat'
import {inZone, offsetMinutes} from './zone.js'

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/

export type InstantReading = {ok: true; date: Date} | {ok: false; reason: string}

const EARLIEST = Date.UTC(1970, 0, 1)
const LATEST = Date.UTC(2200, 0, 1)

const pad = (n: number) => String(n).padStart(2, '0')

/** Whether a calendar date exists: no 30 February, no 31 April (JavaScript would roll them into the next month). */
function dayExists(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/**
 * Reads an instant as a person types it: ISO 8601 with an offset or `Z`, or a local date-time
 * (`2026-03-28T20:00`, `2026-03-28 20:00`, `2026-03-28`) read in `zone`. Strict: a day that does not exist, a time
 * before 1970, or a local time that the zone skips (the spring clock change) or passes twice (the autumn one) is
 * refused, saying why and, for clock changes, the times that do exist.
 */
export function readInstant(text: string, zone: string): InstantReading {
  const trimmed = text.trim()
  const offset = WITH_OFFSET.exec(trimmed)
  const local = offset ? null : LOCAL.exec(trimmed)
  const fields = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(trimmed)
  if ((!offset && !local) || !fields) return {ok: false, reason: `"${text}" is not a time`}
  const [y, mo, d, h = 0, mi = 0, s = 0] = fields.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[]
  if (!dayExists(y!, mo!, d!)) return {ok: false, reason: `${y}-${pad(mo!)}-${pad(d!)} is not a day of the calendar`}
  if (h! > 23 || mi! > 59 || s! > 59) return {ok: false, reason: `"${text}" is not a time of day`}
  let date: Date
  if (offset) {
    date = new Date(trimmed)
  } else {
    const asked = `${y}-${pad(mo!)}-${pad(d!)} ${pad(h!)}:${pad(mi!)}:${pad(s!)}`
    const local = inZone(zone, (zoned) => checkLocal(zoned.at(y!, mo! - 1, d!, h!, mi!, s!), asked, zone))
    if (!local.ok) return local
    date = local.date
  }
  if (Number.isNaN(date.getTime())) return {ok: false, reason: `"${text}" is not a time`}
  if (date.getTime() < EARLIEST || date.getTime() >= LATEST)
    return {ok: false, reason: `${date.toISOString()} is outside the years runbook accepts (1970 to 2199)`}
  return {ok: true, date}
}

/** Refuses a local time the zone skipped or passed twice (runs in the zone: see inZone). */
function checkLocal(date: Date, asked: string, zone: string): InstantReading {
  if (formatInZone(date, zone, 'yyyy-MM-dd HH:mm:ss') !== asked) {
    // Local time moves a skipped time forward (ECMAScript's rule, and @date-fns/tz's): an hour earlier is the other choice.
    const before = new Date(date.getTime() - 3_600_000)
    return {
      ok: false,
      reason: `${asked.slice(0, 16)} does not exist in ${zone}: the clocks jumped forward that night. Did you mean ${formatInZone(before, zone)} or ${formatInZone(date, zone)}?`,
    }
  }
  for (const other of [new Date(date.getTime() - 3_600_000), new Date(date.getTime() + 3_600_000)]) {
    if (formatInZone(other, zone, 'yyyy-MM-dd HH:mm:ss') === asked) {
      const [first, second] = [date, other].sort((a, b) => a.getTime() - b.getTime()) as [Date, Date]
      return {
        ok: false,
        reason: `${asked.slice(0, 16)} happened twice in ${zone} (the clocks went back): give the offset, ${formatInZone(first, zone)} or ${formatInZone(second, zone)}`,
      }
    }
  }
  return {ok: true, date: new Date(date.getTime())}
}

/** The instant, or null when it is not one (see readInstant for why). */
export function parseInstant(text: string, zone: string): Date | null {
  const reading = readInstant(text, zone)
  return reading.ok ? reading.date : null
}

/** How far ahead of now a time of something that already happened may be: a few minutes of clock drift. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000

export const INSTANT_HELP =
  'an ISO 8601 time such as 2026-03-28T20:00:00Z or 2026-03-28T21:00+01:00, or a local time such as 2026-03-28 20:00 (read in the incident time zone)'

/**
 * "2026-03-28 21:00 +01:00": wall-clock time in `zone` with its UTC offset, unambiguous at a glance.
 * `pattern` takes lightFormat's tokens plus `xxx` for the offset (lightFormat keeps start-up light; notices use
 * the full date-fns format with locales).
 */
export function formatInZone(instant: Date | string, zone: string, pattern = 'yyyy-MM-dd HH:mm xxx'): string {
  return inZone(zone, (zoned) => {
    const date = zoned.in(instant)
    const parts = pattern.split('xxx')
    return parts.map((part) => (part ? lightFormat(date, part) : '')).join(utcOffset(date))
  })
}

/** "+01:00"; "-00:44:30" for the few offsets in seconds (Liberia until 1972). */
function utcOffset(date: Date): string {
  const seconds = Math.round(offsetMinutes(date) * 60)
  const abs = Math.abs(seconds)
  const pad2 = (n: number) => String(n).padStart(2, '0')
  const text = `${seconds < 0 ? '-' : '+'}${pad2(Math.floor(abs / 3600))}:${pad2(Math.floor(abs / 60) % 60)}`
  return abs % 60 ? `${text}:${pad2(abs % 60)}` : text
}

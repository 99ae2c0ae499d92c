import {TZDate} from '@date-fns/tz'
import {lightFormat} from 'date-fns/lightFormat'

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', {timeZone: zone})
    return true
  } catch {
    return false
  }
}

/**
 * Reads an instant as a person types it: ISO 8601 with an offset or `Z`, or a local date-time
 * (`2026-03-28T20:00`, `2026-03-28 20:00`, `2026-03-28`) read in `zone`. Returns null when it is not a date.
 */
export function parseInstant(text: string, zone: string): Date | null {
  const trimmed = text.trim()
  if (WITH_OFFSET.test(trimmed)) {
    const date = new Date(trimmed)
    return Number.isNaN(date.getTime()) ? null : date
  }
  const local = LOCAL.exec(trimmed)
  if (!local) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = local
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number]
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return null
  const date = new TZDate(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], zone)
  // Reject dates that rolled over (Feb 30 -> Mar 2).
  if (date.getDate() !== parts[2]) return null
  return new Date(date.getTime())
}

export const INSTANT_HELP =
  'an ISO 8601 time such as 2026-03-28T20:00:00Z or 2026-03-28T21:00+01:00, or a local time such as 2026-03-28 20:00 (read in the incident time zone)'

/**
 * "2026-03-28 21:00 +01:00": wall-clock time in `zone` with its UTC offset, unambiguous at a glance.
 * `pattern` takes lightFormat's tokens plus `xxx` for the offset (lightFormat keeps start-up light; notices use
 * the full date-fns format with locales).
 */
export function formatInZone(instant: Date | string, zone: string, pattern = 'yyyy-MM-dd HH:mm xxx'): string {
  const date = new TZDate(new Date(instant).getTime(), zone)
  const parts = pattern.split('xxx')
  return parts.map((part) => (part ? lightFormat(date, part) : '')).join(utcOffset(date))
}

function utcOffset(date: TZDate): string {
  const minutes = -date.getTimezoneOffset()
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

import {addDays} from 'date-fns/addDays'
import {addHours} from 'date-fns/addHours'
import {addMonths} from 'date-fns/addMonths'
import {endOfDay} from 'date-fns/endOfDay'
import {isWeekend} from 'date-fns/isWeekend'
import {lightFormat} from 'date-fns/lightFormat'
import {evaluate, type Facts} from '../conditions/condition.js'
import {START_DEFAULTS} from '../regulations/model.js'
import type {ClockSpec, Length} from '../regulations/schema.js'
import {inZone, type Zoned} from '../time/zone.js'

/** Public holidays by ISO country and local date (yyyy-MM-dd); injected so the core stays pure. */
export type HolidayLookup = (country: string, isoDate: string) => boolean

export interface ClockContext {
  facts: Facts
  /** When an obligation was met, for clocks that count from an earlier report. */
  metAt: (obligationId: string) => string | undefined
  zone: string
  calendar?: string
  isHoliday: HolidayLookup
}

export interface Due {
  /** ISO UTC; null when there is no fixed deadline or its start is not known yet. */
  dueAt: string | null
  startAt?: string
  asap: boolean
  /** A soft target for an asap duty. */
  targetAt?: string
  /** What would start the clock, when it has not started. */
  waitingFor?: string
  /** "72 hours from aware_at", for people. */
  rule: string
  notes: string[]
}

export function lengthText(length: Length): string {
  if (length.hours !== undefined) return `${length.hours} hour${length.hours === 1 ? '' : 's'}`
  if (length.days !== undefined) return `${length.days} calendar day${length.days === 1 ? '' : 's'}`
  if (length.business_days !== undefined) return `${length.business_days} business day${length.business_days === 1 ? '' : 's'}`
  return `${length.months} month${length.months === 1 ? '' : 's'}`
}

function startText(from: ClockSpec['from']): string {
  if (typeof from === 'string') return from
  if ('obligation' in from) return `when ${from.obligation} is made`
  return `the end of the calendar year of ${from.end_of_year}`
}

/** "72 hours from aware_at", "without undue delay from discovered_at". */
export function describeClock(spec: ClockSpec): string {
  return spec.asap ? `without undue delay from ${startText(spec.from)}` : `${lengthText(spec)} from ${startText(spec.from)}`
}

/** The start instant of a clock, following the documented defaults (discovery defaults to awareness). */
function resolveStart(from: ClockSpec['from'], context: ClockContext, notes: string[]): {at?: string; waitingFor?: string} {
  if (typeof from === 'object' && 'obligation' in from) {
    const at = context.metAt(from.obligation)
    // No command here: it would name no incident, and a drill's player running it recorded the real one's notice.
    return at ? {at} : {waitingFor: `${from.obligation} to be recorded as made (deadline met)`}
  }
  const fact = typeof from === 'string' ? from : from.end_of_year
  let value = context.facts[fact]
  if (value === undefined && START_DEFAULTS[fact]) {
    value = context.facts[START_DEFAULTS[fact]]
    if (value !== undefined) notes.push(`${fact} is not set; counted from ${START_DEFAULTS[fact]}`)
  }
  if (typeof value !== 'string') return {waitingFor: fact}
  if (typeof from === 'object') {
    const endOfYear = inZone(context.zone, (zoned) => endOfDay(zoned.at(zoned.in(value).getFullYear(), 11, 31, 12), zoned))
    return {at: utcIso(endOfYear)}
  }
  return {at: new Date(value).toISOString()}
}

function isBusinessDay(date: Date, zoned: Zoned, context: ClockContext, calendar: string | undefined): boolean {
  if (isWeekend(date, zoned)) return false
  return !calendar || !context.isHoliday(calendar, lightFormat(zoned.in(date), 'yyyy-MM-dd'))
}

/** Adds a length to a start, by the regime's rules of counting. */
export function addLength(startIso: string, length: Length, spec: Pick<ClockSpec, 'cutoff' | 'roll_forward' | 'calendar'>, context: ClockContext): string {
  const start = new Date(startIso)
  // Hours are elapsed time: 72 h across a DST change is 72 real hours.
  if (length.hours !== undefined) return utcIso(addHours(start, length.hours))
  return inZone(context.zone, (zoned) => addDaysOrMonths(start, length, spec, context, zoned))
}

/** Calendar days, business days and months: counted on the wall clock of the regime's zone. */
function addDaysOrMonths(
  start: Date,
  length: Length,
  spec: Pick<ClockSpec, 'cutoff' | 'roll_forward' | 'calendar'>,
  context: ClockContext,
  zoned: Zoned,
): string {
  const calendar = spec.calendar ?? context.calendar
  let last: Date
  if (length.business_days !== undefined) {
    last = start
    let counted = 0
    while (counted < length.business_days) {
      last = addDays(last, 1, zoned)
      if (isBusinessDay(last, zoned, context, calendar)) counted++
    }
  } else {
    last = length.days !== undefined ? addDays(start, length.days, zoned) : addMonths(start, length.months ?? 0, zoned)
    if (spec.roll_forward) while (!isBusinessDay(last, zoned, context, calendar)) last = addDays(last, 1, zoned)
  }
  const end = endOfDay(last, zoned)
  if (spec.cutoff) {
    const [h, m] = spec.cutoff.split(':').map(Number) as [number, number]
    const cut = zoned.in(end)
    cut.setHours(h, m, 0, 0)
    return utcIso(cut)
  }
  return utcIso(end)
}

/** When a clock runs out, given the facts so far. */
export function computeDue(spec: ClockSpec, context: ClockContext): Due {
  const notes: string[] = []
  let length: Length = spec
  if (spec.longer_when) {
    const longer = evaluate(spec.longer_when.when, context.facts)
    if (longer.result === 'yes') {
      length = spec.longer_when
      notes.push(`${lengthText(spec.longer_when)} because ${longer.reasons.join('; ')}`)
    } else if (longer.result === 'unknown') {
      notes.push(`${lengthText(spec.longer_when)} instead if ${longer.missing.join(', ')} shows it (not known yet; the shorter period is shown)`)
    }
  }
  const rule = describeClock({...spec, ...length})
  const start = resolveStart(spec.from, context, notes)
  const capDue = spec.cap ? capDeadline(spec, context) : undefined
  if (spec.asap) {
    const targetAt = spec.target && start.at ? addLength(start.at, spec.target, spec, context) : undefined
    if (spec.target) notes.push(`guidance: about ${lengthText(spec.target)}`)
    return {dueAt: null, startAt: start.at, asap: true, targetAt, waitingFor: start.waitingFor, rule, notes}
  }
  if (!start.at) {
    if (capDue) {
      notes.push(`at the latest ${lengthText(spec.cap!)} from ${spec.cap!.from}, whatever ${start.waitingFor} turns out to be`)
      return {dueAt: capDue, asap: false, waitingFor: start.waitingFor, rule, notes}
    }
    return {dueAt: null, asap: false, waitingFor: start.waitingFor, rule, notes}
  }
  let dueAt = addLength(start.at, length, spec, context)
  if (capDue) {
    // A cap that ran out before this clock started no longer binds (DORA: a late classification gets its 4 hours).
    if (Date.parse(capDue) >= Date.parse(start.at) && Date.parse(capDue) < Date.parse(dueAt)) {
      dueAt = capDue
      notes.push(`capped at ${lengthText(spec.cap!)} from ${spec.cap!.from}`)
    }
  }
  return {dueAt, startAt: start.at, asap: false, rule, notes}
}

function capDeadline(spec: ClockSpec, context: ClockContext): string | undefined {
  const cap = spec.cap!
  const start = resolveStart(cap.from, context, [])
  return start.at ? addLength(start.at, cap, spec, context) : undefined
}

/** ISO 8601 in UTC ("...Z"), whatever zone the date object carries. */
function utcIso(date: Date): string {
  return new Date(date.getTime()).toISOString()
}

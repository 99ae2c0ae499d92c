import {evaluate, type Facts} from '../conditions/condition.js'
import type {Regulation} from '../regulations/schema.js'

/** The holiday calendars that the obligations which may apply will count business days with. */
export function neededCalendars(regulations: readonly Regulation[], facts: Facts): string[] {
  const calendars = new Set<string>()
  for (const regulation of regulations) {
    for (const obligation of regulation.obligations) {
      const clock = obligation.clock
      const usesCalendar = clock.business_days !== undefined || clock.roll_forward || clock.target?.business_days !== undefined
      if (!usesCalendar) continue
      const calendar = clock.calendar ?? regulation.calendar
      if (calendar && evaluate(obligation.applies, facts).result !== 'no') calendars.add(calendar)
    }
  }
  return [...calendars].sort()
}

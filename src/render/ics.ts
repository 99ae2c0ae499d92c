import {createEvents, type EventAttributes} from 'ics'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import {UserError} from '../core/errors.js'
import {exerciseTitle} from '../core/exercise.js'

/** One calendar event per open deadline, at the due time, with alarms a day and an hour before. */
export function deadlinesToIcs(incident: {id: string; title: string; drill: boolean}, obligations: readonly ObligationResult[], now: Date): string {
  const events: EventAttributes[] = obligations
    .filter((o) => o.applies !== 'no' && !o.met && (o.dueAt ?? o.targetAt))
    .map((o) => {
      const due = new Date((o.dueAt ?? o.targetAt)!)
      return {
        uid: `${incident.id}-${o.id}@runbook`,
        // A deadline that only may apply is a tentative event, and says so in its title.
        title: exerciseTitle(`${o.applies === 'maybe' ? 'MAY APPLY: ' : ''}Due: ${o.title} (${o.id})`, incident.drill),
        description: [
          `${incident.title} (${incident.id})`,
          `${o.rule}. ${o.regulation.name}.`,
          o.applies === 'maybe' ? `May apply: ${o.reasons.join('; ')}` : `Why: ${o.reasons.join('; ')}`,
          `When done: runbook deadline met ${o.id} --incident ${incident.id}`,
          `Source: ${o.source}`,
        ].join('\n'),
        start: due.getTime(),
        startInputType: 'utc',
        startOutputType: 'utc',
        duration: {minutes: 30},
        status: o.applies === 'maybe' ? 'TENTATIVE' : 'CONFIRMED',
        categories: ['runbook', 'breach-notification'],
        alarms: [
          {action: 'display', description: `Due in 24 hours: ${o.title}`, trigger: {hours: 24, before: true}},
          {action: 'display', description: `Due in 1 hour: ${o.title}`, trigger: {hours: 1, before: true}},
        ],
        created: now.getTime(),
      }
    })
  if (events.length === 0)
    throw new UserError('no open deadline has a due time yet, so there is nothing to put in a calendar', {
      hint: 'Set aware_at (runbook fact set aware_at ...) and the facts `runbook deadlines` asks for.',
    })
  const {error, value} = createEvents(events, {productId: 'runbook/deadlines', calName: exerciseTitle(`Deadlines: ${incident.title}`, incident.drill)})
  if (error || !value) throw new Error(`could not write the calendar: ${error?.message ?? 'unknown error'}`)
  return value
}

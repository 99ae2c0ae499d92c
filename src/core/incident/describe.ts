import {printable} from '../printable.js'
import {formatFactValue, type FactValue} from '../facts/vocabulary.js'
import type {StoredEvent} from './events.js'
import {typed} from './events.js'

/** One line that says what an event means, for the text, Markdown, CSV and Timesketch timelines. */
/** One event in plain words, safe to print in a terminal (what responders typed cannot drive it). */
export function describeEvent(event: StoredEvent, stepTitles: ReadonlyMap<string, string>): string {
  return printable(describe(event, stepTitles))
}

function describe(event: StoredEvent, stepTitles: ReadonlyMap<string, string>): string {
  const e = typed(event)
  if (!e) return `${event.type} (recorded by a newer version of runbook)`
  const step = (id: string) => (stepTitles.has(id) ? `${id} "${stepTitles.get(id)}"` : id)
  switch (e.type) {
    case 'incident.opened':
      return `Incident ${e.payload.id} opened: ${e.payload.title} (playbook ${e.payload.playbook.id} v${e.payload.playbook.version})${e.payload.drill ? ' [EXERCISE]' : ''}`
    case 'incident.closed':
      return `Incident closed${e.payload.reason ? `: ${e.payload.reason}` : ''}`
    case 'incident.reopened':
      return `Incident reopened${e.payload.reason ? `: ${e.payload.reason}` : ''}`
    case 'step.started':
      return `Step started: ${step(e.payload.step)}${e.payload.note ? ` (${e.payload.note})` : ''}`
    case 'step.completed':
      return `Step done: ${step(e.payload.step)}${e.payload.note ? ` (${e.payload.note})` : ''}`
    case 'step.skipped':
      return `Step skipped: ${step(e.payload.step)}, because ${e.payload.reason}`
    case 'step.blocked':
      return `Step blocked: ${step(e.payload.step)}, because ${e.payload.reason}`
    case 'note.added':
      return `Note${e.payload.step ? ` on ${e.payload.step}` : ''}: ${e.payload.text}`
    case 'fact.set':
      return `Fact ${e.payload.key} = ${formatFactValue(e.payload.value as FactValue)}`
    case 'obligation.met':
      return `Notification made: ${e.payload.obligation}${e.payload.ref ? ` (ref ${e.payload.ref})` : ''}${e.payload.delayReason ? `; reason for delay: ${e.payload.delayReason}` : ''}`
    case 'notice.rendered':
      return `Rendered ${e.payload.template} (${e.payload.locale}${e.payload.short ? ', short' : ''}, ${e.payload.format}) sha256 ${e.payload.sha256.slice(0, 12)}${e.payload.out ? ` to ${e.payload.out}` : ''}`
    case 'notify.completed':
      return `Notices produced with ${e.payload.template}: ${e.payload.counts.notices} (${Object.entries(e.payload.counts.byChannel)
        .map(([c, n]) => `${c} ${n}`)
        .join(
          ', ',
        )}), ${e.payload.counts.rejects} rejected, ${e.payload.counts.duplicates} duplicates; recipients sha256 ${e.payload.recipientsSha256.slice(0, 12)}`
    case 'notice.approved':
      return `Approved ${e.payload.template ?? e.payload.file} by ${e.payload.approver}${e.payload.role ? ` (${e.payload.role})` : ''}, sha256 ${e.payload.sha256.slice(0, 12)}`
    case 'drill.started':
      return `EXERCISE started: scenario ${e.payload.scenario.id} (${e.payload.manual ? 'manual clock' : `clock x${e.payload.speed}`})`
    case 'drill.advanced':
      return `EXERCISE clock advanced by ${e.payload.by}`
    case 'drill.inject':
      return `EXERCISE inject delivered: ${e.payload.inject}`
    case 'drill.decision':
      return `EXERCISE decision on ${e.payload.inject}: ${e.payload.decision}`
    case 'drill.ended':
      return 'EXERCISE ended'
    case 'regulations.evaluated':
      return `Deadlines evaluated with ${Object.entries(e.payload.versions)
        .map(([id, v]) => `${id}@${v.sha256.slice(0, 8)}`)
        .join(', ')}`
  }
}

/** Timesketch's `timestamp_desc`: what kind of time the event's datetime is. */
export function timestampKind(event: StoredEvent): string {
  const kinds: Record<string, string> = {
    'incident.opened': 'Incident opened',
    'incident.closed': 'Incident closed',
    'incident.reopened': 'Incident reopened',
    'step.started': 'Step started',
    'step.completed': 'Step completed',
    'step.skipped': 'Step skipped',
    'step.blocked': 'Step blocked',
    'note.added': 'Note added',
    'fact.set': 'Fact recorded',
    'obligation.met': 'Notification sent',
    'notice.rendered': 'Document rendered',
    'notify.completed': 'Notices produced',
    'drill.started': 'Exercise started',
    'drill.advanced': 'Exercise clock advanced',
    'drill.inject': 'Inject delivered',
    'drill.decision': 'Decision taken',
    'drill.ended': 'Exercise ended',
    'regulations.evaluated': 'Deadlines evaluated',
    'notice.approved': 'Approved',
  }
  return kinds[event.type] ?? event.type
}

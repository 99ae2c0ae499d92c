import {printable} from '../printable.js'
import {evidenceId} from '../evidence/register.js'
import {formatFactValue, groupDigits, type FactValue} from '../facts/vocabulary.js'
import type {StoredEvent} from './events.js'
import {isKnownType, typed, type EventType} from './events.js'
import {ROLE_TITLES} from '../playbook/model.js'
import {formatElapsed} from '../time/duration.js'

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
      return `Fact ${e.payload.key} = ${formatFactValue(e.payload.value as FactValue)}${e.payload.corrects ? ` (corrects ${formatFactValue(e.payload.corrects.value as FactValue)}, #${e.payload.corrects.seq})` : ''}${e.payload.reason ? `; reason: ${e.payload.reason}` : ''}`
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
    case 'drill.advanced': {
      // drill next records "to INJECT": "advanced by to ransom-note" read as a broken sentence with no duration.
      const to = e.payload.by.startsWith('to ') ? e.payload.by.slice('to '.length) : undefined
      return to ? `EXERCISE clock advanced ${formatElapsed(e.payload.byMs)} to inject ${to}` : `EXERCISE clock advanced by ${e.payload.by}`
    }
    case 'drill.inject':
      return `EXERCISE inject ${e.payload.fired ? 'fired by the facilitator' : 'delivered'}: ${e.payload.inject}`
    case 'drill.decision':
      return `EXERCISE decision on ${e.payload.inject}: ${e.payload.decision}`
    case 'drill.ended':
      return 'EXERCISE ended'
    case 'record.repaired':
      return `Log repaired: ${e.payload.moved} event(s) from line ${e.payload.fromLine} did not continue the chain (${e.payload.reason}); moved to ${e.payload.sideFile} and added again below`
    case 'record.recovered': {
      const original = e.payload.original as StoredEvent
      return `Recovered from the forked branch (originally #${original.seq}, recorded ${original.recordedAt}): ${describe(original, stepTitles)}`
    }
    case 'drill.paused':
      return 'EXERCISE clock paused'
    case 'drill.resumed':
      return 'EXERCISE clock resumed'
    case 'drill.deferred':
      return `EXERCISE inject ${e.payload.inject} deferred by ${e.payload.by}`
    case 'drill.added':
      return `EXERCISE inject added from the floor: ${e.payload.inject.id} "${e.payload.inject.title}" (from ${e.payload.inject.from})`
    case 'drill.rated':
      return `EXERCISE objective ${e.payload.objective} rated ${e.payload.rating}${e.payload.note ? `: ${e.payload.note}` : ''}`
    case 'drill.debrief':
      return `EXERCISE hotwash note: ${e.payload.text}`
    case 'drill.participant':
      return `EXERCISE participant ${e.payload.name} as ${e.payload.role}`
    case 'role.assigned': {
      const {role, name, previous} = e.payload
      const title = ROLE_TITLES[role] ?? role
      return previous && previous !== name ? `${title} handed over from ${previous} to ${name}` : `${title}: ${name}`
    }
    case 'role.released': {
      const {role, previous, reason} = e.payload
      return `${ROLE_TITLES[role] ?? role}: nobody from now on (was ${previous})${reason ? `: ${reason}` : ''}`
    }
    case 'regulations.evaluated':
      return `Deadlines evaluated with ${Object.entries(e.payload.versions)
        .map(([id, v]) => `${id}@${v.sha256.slice(0, 8)}`)
        .join(', ')}`
    case 'evidence.added': {
      const p = e.payload
      return `Evidence ${evidenceId(e.seq)} registered: ${p.name}${p.description ? ` (${p.description})` : ''}, ${groupDigits(p.bytes)} bytes, sha256 ${p.sha256}${p.source ? `, from ${p.source}` : ''}; held by ${p.custodian}`
    }
    case 'evidence.transferred':
      return `Evidence ${e.payload.item} passed from ${e.payload.from} to ${e.payload.to}${e.payload.reason ? `: ${e.payload.reason}` : ''}`
  }
}

/** Timesketch's `timestamp_desc`: what kind of time the event's datetime is. */
export function timestampKind(event: StoredEvent): string {
  // Every known type has a name: one missing here does not compile.
  const kinds: Record<EventType, string> = {
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
    'drill.paused': 'Exercise clock paused',
    'drill.resumed': 'Exercise clock resumed',
    'drill.deferred': 'Inject deferred',
    'drill.added': 'Inject added',
    'drill.rated': 'Objective rated',
    'drill.debrief': 'Hotwash note',
    'drill.participant': 'Participant joined',
    'regulations.evaluated': 'Deadlines evaluated',
    'evidence.added': 'Evidence registered',
    'evidence.transferred': 'Evidence custody transferred',
    'role.assigned': 'Role assigned',
    'role.released': 'Role released',
    'notice.approved': 'Approved',
    'record.repaired': 'Log repaired',
    'record.recovered': 'Event recovered from a forked branch',
  }
  return isKnownType(event.type) ? kinds[event.type] : event.type
}

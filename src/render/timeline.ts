import {printableLine} from '../core/printable.js'
import {escapeMarkdown} from '../core/notices/context.js'
import {EXERCISE_MARK, exerciseTag, markLines, markMarkdown} from '../core/exercise.js'
import {stringify} from 'csv-stringify/sync'
import {describeEvent, timestampKind} from '../core/incident/describe.js'
import type {StoredEvent} from '../core/incident/events.js'
import type {IncidentState} from '../core/incident/state.js'
import {formatInZone} from '../core/time/instant.js'
import {inZone} from '../core/time/zone.js'

export const TIMELINE_FORMATS = ['text', 'md', 'json', 'csv', 'timesketch'] as const
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number]

interface Row {
  event: StoredEvent
  when: string
  message: string
}

/** Chronological by when it happened (occurredAt, else recordedAt); ties keep log order. */
function rows(events: readonly StoredEvent[], state: IncidentState): Row[] {
  const titles = new Map(state.steps.map((s) => [s.step.id, s.step.title]))
  return events
    .map((event) => ({event, when: event.occurredAt ?? event.recordedAt, message: describeEvent(event, titles)}))
    .sort((a, b) => Date.parse(a.when) - Date.parse(b.when) || a.event.seq - b.event.seq)
}

const stepOf = (event: StoredEvent): string => (typeof event.payload.step === 'string' ? event.payload.step : '')

export function renderTimeline(events: readonly StoredEvent[], state: IncidentState, format: TimelineFormat): string {
  // One zone for every line: set once, not once a line (see inZone).
  return inZone(state.timezone, () => renderIn(events, state, format))
}

function renderIn(events: readonly StoredEvent[], state: IncidentState, format: TimelineFormat): string {
  const exercise = state.drill
  switch (format) {
    case 'json':
      // The events as stored, in log order: the same bytes' meaning that verify checks.
      return JSON.stringify(events, null, 2) + '\n'
    case 'timesketch':
      return (
        rows(events, state)
          .map(({event, when, message}) =>
            JSON.stringify({
              message: `${exerciseTag(exercise)}${message}`,
              datetime: new Date(when).toISOString(),
              timestamp: Date.parse(when) * 1000,
              timestamp_desc: timestampKind(event),
              incident_id: state.id,
              event_type: event.type,
              seq: event.seq,
              step_id: stepOf(event) || undefined,
              actor: event.actor,
              recorded_at: event.recordedAt,
              event_hash: event.hash,
              exercise,
            }),
          )
          .join('\n') + '\n'
      )
    case 'csv':
      return stringify(
        rows(events, state).map(({event, when, message}) => [
          when,
          event.recordedAt,
          event.seq,
          event.type,
          event.actor,
          stepOf(event),
          message,
          event.hash,
          ...(exercise ? [EXERCISE_MARK] : []),
        ]),
        {
          header: true,
          columns: ['occurred_at', 'recorded_at', 'seq', 'type', 'actor', 'step', 'message', 'hash', ...(exercise ? ['exercise'] : [])],
          escape_formulas: true,
          record_delimiter: 'windows',
          // csv-stringify quotes a cell for the record delimiter (CRLF) only: a note pasted from chat with a bare LF
          // was left unquoted, spreadsheets ended the row there, and a line starting "=" became a live formula.
          quoted_match: /[\r\n]/,
        },
      )
    case 'md': {
      // Text from responders is text here: no table breaks, no HTML (a <script> in a note), no links or headings.
      const escape = (text: string) => escapeMarkdown(text.replace(/\n/g, ' ')).replace(/&/g, '&amp;')
      const lines = [
        `# Timeline: ${escape(state.title)}`,
        '',
        `Incident \`${state.id}\`, playbook ${state.playbook.id} v${state.playbook.version}. Times in ${state.timezone}.`,
        '',
        '| # | When | Who | What |',
        '|---|---|---|---|',
        ...rows(events, state).map(
          ({event, when, message}) =>
            `| ${event.seq} | ${formatInZone(when, state.timezone, 'yyyy-MM-dd HH:mm:ss xxx')}${event.occurredAt ? ' (reported)' : ''} | ${escape(printableLine(event.actor))} | ${escape(message)} |`,
        ),
        // The head as exported: a later copy of the log must still hold this event with this hash.
        ...(events.length ? ['', `Record head at export: event #${events.at(-1)!.seq}, SHA-256 \`${events.at(-1)!.hash}\`.`] : []),
      ]
      return markMarkdown(lines.join('\n') + '\n', exercise)
    }
    case 'text': {
      const lines = rows(events, state).map(
        ({event, when, message}) =>
          `${formatInZone(when, state.timezone, 'yyyy-MM-dd HH:mm:ss xxx')}  #${String(event.seq).padEnd(4)} ${printableLine(event.actor).padEnd(10)} ${message}`,
      )
      return markLines(lines, exercise).join('\n') + '\n'
    }
  }
}

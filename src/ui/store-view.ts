import {printableLine} from '../core/printable.js'
import {describeEvent} from '../core/incident/describe.js'
import type {StoredEvent} from '../core/incident/events.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'

/** `store migrate`: what was applied, or that nothing was needed. */
export function migrateLines(outcome: {target: string; applied: readonly {version: number; name: string}[]; version: number}, style: Styler): string[] {
  if (outcome.applied.length === 0) return [`${style.green('ok')}: ${outcome.target} is at schema version ${outcome.version}; nothing to do.`]
  return [
    ...outcome.applied.map((m) => `Applied migration ${m.version} (${m.name}).`),
    `${style.green('ok')}: ${outcome.target} is at schema version ${outcome.version}.`,
  ]
}

/** `store copy`: one line per incident. */
export function copyLines(
  report: {from: string; to: string; incidents: readonly {id: string; events: number; lastHash: string; result: string; problem?: string}[]},
  style: Styler,
): string[] {
  if (report.incidents.length === 0) return [`No incidents to copy in ${report.from}.`]
  return [
    `From ${report.from} to ${report.to}:`,
    ...report.incidents.map((i) =>
      i.result === 'failed'
        ? `  ${style.red('not copied')}  ${i.id}: ${i.problem}`
        : `  ${i.result === 'copied' ? style.green('copied') : style.dim('already there')}  ${i.id}: ${i.events} events, verified, last hash ${i.lastHash.slice(0, 16)}...`,
    ),
  ]
}

/** `watch`: one event as it arrives, in the incident's zone. The database user is shown beside the claimed actor. */
export function watchLine(event: StoredEvent, zone: string, stepTitles: ReadonlyMap<string, string>, style: Styler): string {
  const when = formatInZone(event.occurredAt ?? event.recordedAt, zone, 'yyyy-MM-dd HH:mm:ss xxx')
  const who = `${printableLine(event.actor)}${event.dbUser && event.dbUser !== event.actor ? ` (${printableLine(event.dbUser)})` : ''}`
  return `${style.dim(when)}  #${String(event.seq).padEnd(4)} ${who.padEnd(10)} ${describeEvent(event, stepTitles)}`
}

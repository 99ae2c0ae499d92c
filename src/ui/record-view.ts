import {printable, printableLine} from '../core/printable.js'
import {factDefinition, formatFactValue, type FactDefinition, type FactValue} from '../core/facts/vocabulary.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import type {Styler} from './io.js'

export {formatFactValue}

/** A fact's value as the responder reads it: instants in the incident's zone (as they were typed), the rest as is. */
export function factValueInZone(key: string, value: FactValue, zone: string): string {
  if (typeof value === 'string' && factDefinition(key)?.type.kind === 'instant') return formatInZone(value, zone)
  return formatFactValue(value)
}

/** `fact list`: each fact with who set it and when, in the incident's zone. */
export function factLines(rows: readonly {key: string; value: FactValue; setBy: string; setAt: string}[], zone: string, style: Styler): string[] {
  if (rows.length === 0) return ['No facts recorded yet. Set one with: runbook fact set KEY VALUE']
  const width = Math.max(...rows.map((r) => r.key.length), 3)
  return rows.map(
    (row) =>
      `${row.key.padEnd(width)}  ${printable(factValueInZone(row.key, row.value, zone))} ${style.dim(`(${printableLine(row.setBy)}, ${formatInZone(row.setAt, zone, 'yyyy-MM-dd HH:mm xxx')})`)}`,
  )
}

/** `fact list --known`: the vocabulary (runbook's, then the organisation's own from runbook.yaml), and its JSON. */
export function knownFacts(
  definitions: readonly FactDefinition[],
  style: Styler,
): {lines: string[]; json: {key: string; type: unknown; description: string; source?: string}[]} {
  const runbook = definitions.filter((d) => !d.source)
  const own = definitions.filter((d) => d.source)
  const line = (d: FactDefinition) =>
    `${d.key.padEnd(28)} ${d.type.kind.padEnd(8)} ${d.description}${d.type.kind === 'choice' && d.source ? style.dim(` (${d.type.values.join(', ')})`) : ''}`
  const lines = runbook.map(line)
  lines.push(`${'affected.<REGION>'.padEnd(28)} ${'count'.padEnd(8)} people affected who reside in an ISO 3166 region (affected.US-CA, affected.DE)`)
  if (own.length) lines.push('', style.bold("The organisation's own facts (runbook.yaml, facts:)"), ...own.map(line))
  else lines.push('', style.dim('Declare facts of your own in runbook.yaml under facts: (a type and a description); templates read them as facts.KEY.'))
  return {lines, json: definitions.map((d) => ({key: d.key, type: d.type, description: d.description, ...(d.source ? {source: d.source} : {})}))}
}

/** `incident list`: one line per incident. */
export function incidentLines(
  incidents: readonly {id: string; closed: boolean; openedAt: string; timezone: string; title: string; openSteps: number}[],
  style: Styler,
): string[] {
  if (incidents.length === 0) return ['No incidents yet. Start one with: runbook start ransomware']
  return incidents.map((s) => {
    const status = s.closed ? style.dim('closed') : style.green('open  ')
    return `${s.id}  ${status}  ${formatInZone(s.openedAt, s.timezone, 'yyyy-MM-dd HH:mm')}  ${printableLine(s.title)} ${style.dim(`(${s.openSteps} steps open)`)}`
  })
}

/** `deadline met`: on time with how much to spare, or how late. */
export function metVerdict(met: {dueAt: string | null; lateByMs: number}, style: Styler): string {
  if (!met.dueAt) return 'no fixed deadline'
  return met.lateByMs > 0 ? style.red(`${formatElapsed(met.lateByMs)} late`) : style.green(`on time, ${formatElapsed(-met.lateByMs)} to spare`)
}

/** An instant as people in the incident's zone read it. */
export const inZone = (instant: Date | string, zone: string): string => formatInZone(instant, zone)

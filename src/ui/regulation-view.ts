import {describeCondition} from '../core/conditions/condition.js'
import {describeClock} from '../core/deadlines/clock.js'
import type {LawEnforcementEntry} from '../core/directory/schema.js'
import type {Regulation} from '../core/regulations/schema.js'
import type {Styler} from './io.js'
import {wrapText} from './wrap.js'

/** `regulation list`: a line per regime, then what changes soon. */
export function regulationListLines(
  rows: readonly {
    id: string
    jurisdiction: string
    name: string
    obligations: string[]
    lastReviewed: string
    confidence: string
    origin: string
    upcoming: {obligation: string; from?: string; until?: string}[]
  }[],
  s: Styler,
): string[] {
  const width = Math.max(10, ...rows.map((r) => r.id.length))
  const lines = rows.map(
    (row) =>
      `${s.bold(row.id.padEnd(width))} ${row.jurisdiction.padEnd(6)} ${row.name} ${s.dim(`(${row.obligations.length} obligations, reviewed ${row.lastReviewed}, ${row.confidence}${row.origin === 'workspace' ? ', workspace' : ''})`)}`,
  )
  const upcoming = rows.flatMap((row) =>
    row.upcoming.map((u) => `${row.id}${u.obligation === '*' ? '' : ` ${u.obligation}`}: ${u.from ? `applies from ${u.from}` : `applies until ${u.until}`}`),
  )
  if (upcoming.length) lines.push('', s.bold('Changes in force dates ahead:'), ...upcoming.map((u) => `  ${u}`))
  lines.push('', s.dim(`${rows.length} regimes. One in plain words: runbook regulation show ID`))
  return lines
}

/** `regulation show`: one regime's rules in plain words, with sources. */
export function regulationLines(r: Regulation, origin: string, s: Styler): string[] {
  const lines = [
    `${s.bold(r.name)} ${s.dim(`(${r.id}, ${r.jurisdiction}, ${origin})`)}`,
    `Authority: ${r.authority}${r.authority_url ? ` (${r.authority_url})` : ''}`,
    `Source: ${r.source}`,
    `Reviewed ${r.last_reviewed}; confidence: ${r.confidence}. Days are counted in ${r.zone}${r.calendar ? ` with the ${r.calendar} holiday calendar` : ''}.`,
  ]
  if (r.in_force_from || r.in_force_until)
    lines.push(`In force ${r.in_force_from ? `from ${r.in_force_from}` : ''}${r.in_force_until ? ` until ${r.in_force_until}` : ''}.`)
  if (r.notes) lines.push('', ...wrapText(r.notes.trim(), 110))
  for (const o of r.obligations) {
    lines.push('', `${s.bold(o.id)}: ${o.title}${o.voluntary ? s.yellow(' (voluntary: recommended, not required)') : ''}`)
    lines.push(`  Tell: ${o.recipient ?? o.notify.join(', ')}${o.portal ? ` (form: ${o.portal})` : ''}`)
    lines.push(`  When: ${describeCondition(o.applies)}`)
    lines.push(`  Deadline: ${describeClock(o.clock)}${o.clock.longer_when ? `; longer when ${describeCondition(o.clock.longer_when.when)}` : ''}`)
    if (o.in_force_from || o.in_force_until)
      lines.push(`  In force${o.in_force_from ? ` from ${o.in_force_from}` : ''}${o.in_force_until ? ` until ${o.in_force_until}` : ''}`)
    if (o.delay_reason_required) lines.push('  A late notification must give the reasons for the delay.')
    for (const item of o.content ?? []) {
      const tag = item.forbidden ? s.red('must not contain') : 'must contain'
      lines.push(
        `  ${tag}${item.document ? ` (${item.document})` : ''}: ${item.text}${item.when ? s.dim(` [when ${describeCondition(item.when)}]`) : ''}${item.source ? s.dim(` [${item.source}]`) : ''}`,
      )
    }
    if (o.source && o.source !== r.source) lines.push(s.dim(`  source: ${o.source}`))
    if (o.notes) lines.push(...wrapText(o.notes.trim(), 106).map((l) => s.dim(`  ${l}`)))
  }
  return lines
}

/** The police and national CSIRT to call in the incident's countries. */
export function lawEnforcementLines(entries: readonly LawEnforcementEntry[], s: Styler): string[] {
  if (entries.length === 0) return []
  const lines = [s.bold('Law enforcement and national CSIRT:')]
  for (const e of entries) {
    const contact = (c: LawEnforcementEntry['cybercrime']) => [c.name, c.url, c.phone, c.email].filter(Boolean).join(', ')
    lines.push(`  ${e.country} police: ${contact(e.cybercrime)}`)
    lines.push(`  ${e.country} CSIRT:  ${contact(e.csirt)}${e.confidence === 'confirmed' ? '' : s.dim(` (${e.confidence}: check before relying on it)`)}`)
  }
  return lines
}

import {groupDigits} from '../core/facts/vocabulary.js'
import type {Styler} from './io.js'

interface Counts {
  rows: number
  notices: number
  rejects: number
  duplicates: number
  fallbackToEnglish: number
  forced: number
  byChannel: Record<string, number>
  byLanguage: Record<string, number>
  byJurisdiction: Record<string, number>
  jurisdictions: Record<string, {rows: number; template: string; languages: Record<string, number>; fallbacks: number; forced: number; applies: string}>
  rejectReasons: Record<string, number>
}

const table = (title: string, record: Record<string, number>, limit = Infinity): string => {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1])
  const shown =
    entries
      .slice(0, limit)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'
  return `${title}: ${shown}${entries.length > limit ? `, and ${entries.length - limit} more` : ''}`
}

/** The closing summary of a mail merge: counts by channel, language and jurisdiction, and the files written. */
export function notifySummaryLines(
  result: {counts: Counts; outputs: readonly {file: string; bytes: number; sha256: string}[]; seconds: number; dryRun: boolean; out?: string},
  style: Styler,
): string[] {
  const {counts} = result
  const rejected = counts.rejects && result.out && !result.dryRun ? ` (${result.out}/rejects.csv)` : ''
  const lines = [
    `\n${counts.notices} notices${result.dryRun ? ' would be produced' : ` in ${result.seconds.toFixed(1)} s`}; ${counts.rejects} rows rejected${rejected}; ${counts.duplicates} duplicates; ${counts.fallbackToEnglish} fell back to another language${counts.forced ? `; ${counts.forced} sent a forced template their jurisdiction does not call for` : ''}.`,
    table('By channel', counts.byChannel),
    table('By language', counts.byLanguage),
    table('By jurisdiction', counts.byJurisdiction, 12),
    ...describeOutputs(result.outputs).map((line) => style.dim(`  ${line}`)),
  ]
  if (result.outputs.length) lines.push(style.dim("  (every file's SHA-256 is in the timeline and in --json)"))
  return lines
}

/** A dry run: what would be produced, and a few samples to read before anything is written. */
export function dryRunLines(
  summary: {
    counts: Counts
    samples: readonly {channel: string; language: string; jurisdiction: string; subject: string; text: string}[]
    rejected: readonly {row: number; line: number; reason: string}[]
  },
  style: Styler,
): string[] {
  const {counts} = summary
  const lines = [style.bold(`Dry run: ${counts.notices} notices from ${counts.rows} rows (nothing written)`)]
  lines.push('', style.bold('By jurisdiction: rows, the notice, languages, fallbacks, and whether its law requires telling people'))
  const rows = Object.entries(counts.jurisdictions).sort((a, b) => b[1].rows - a[1].rows)
  for (const [place, j] of rows.slice(0, 25)) {
    const languages = Object.entries(j.languages)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ')
    const extra = [j.fallbacks ? style.yellow(`${j.fallbacks} fell back`) : '', j.forced ? style.yellow(`${j.forced} forced`) : ''].filter(Boolean).join(', ')
    const applies = j.applies === 'yes' ? 'required' : j.applies === 'maybe' ? style.yellow('may be required') : style.yellow('not required by its law')
    lines.push(`  ${place.padEnd(8)} ${String(j.rows).padStart(7)}  ${j.template.padEnd(18)} ${languages}${extra ? `  ${extra}` : ''}  (${applies})`)
  }
  if (rows.length > 25) lines.push(style.dim(`  and ${rows.length - 25} more jurisdictions (all of them in --json)`))
  if (summary.rejected.length) {
    lines.push('', style.bold(`Rejected: ${counts.rejects} rows`))
    for (const [reason, n] of Object.entries(counts.rejectReasons).sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(7)}  ${reason}`)
    for (const r of summary.rejected.slice(0, 10)) lines.push(style.dim(`  row ${r.row || '-'} (line ${r.line}): ${r.reason}`))
    if (counts.rejects > 10) lines.push(style.dim(`  ... the first ${summary.rejected.length} are in --json; all of them go to rejects.csv in a real run`))
  }
  for (const sample of summary.samples) {
    lines.push(
      style.dim(`\n--- sample: ${sample.channel}, ${sample.language}, ${sample.jurisdiction} ---`),
      `Subject: ${sample.subject}\n\n${sample.text.trim()}`,
    )
  }
  return lines
}

/** One line per file, but batches (letters-0001.html ...) as one line each: a run of a million has hundreds. */
function describeOutputs(outputs: readonly {file: string; bytes: number; sha256: string}[]): string[] {
  const lines: string[] = []
  const batches = new Map<string, {first: string; last: string; files: number; bytes: number}>()
  for (const output of outputs) {
    const batch = /^(.*)-\d{4}\.html$/.exec(output.file)?.[1]
    if (!batch) {
      lines.push(`${output.file}  ${groupDigits(output.bytes)} bytes  sha256 ${output.sha256.slice(0, 16)}...`)
      continue
    }
    const group = batches.get(batch) ?? {first: output.file, last: output.file, files: 0, bytes: 0}
    group.last = output.file
    group.files++
    group.bytes += output.bytes
    batches.set(batch, group)
  }
  for (const group of batches.values()) {
    lines.push(
      `${group.files === 1 ? group.first : `${group.first} ... ${group.last}`}  ${group.files} file${group.files === 1 ? '' : 's'}, ${groupDigits(group.bytes)} bytes`,
    )
  }
  return lines.sort()
}

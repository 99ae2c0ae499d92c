import {groupDigits} from '../core/facts/vocabulary.js'
import type {Styler} from './io.js'

interface Counts {
  rows: number
  notices: number
  rejects: number
  duplicates: number
  fallbackToEnglish: number
  byChannel: Record<string, number>
  byLanguage: Record<string, number>
  byJurisdiction: Record<string, number>
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
    `\n${counts.notices} notices${result.dryRun ? ' would be produced' : ` in ${result.seconds.toFixed(1)} s`}; ${counts.rejects} rows rejected${rejected}; ${counts.duplicates} duplicates; ${counts.fallbackToEnglish} fell back to English.`,
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
  summary: {counts: Counts; samples: readonly {channel: string; language: string; jurisdiction: string; subject: string; text: string}[]},
  style: Styler,
): string[] {
  const lines = [style.bold(`Dry run: ${summary.counts.notices} notices from ${summary.counts.rows} rows (nothing written)`)]
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

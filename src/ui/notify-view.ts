import {groupDigits} from '../core/facts/vocabulary.js'
import type {Styler} from './io.js'

interface Counts {
  rows: number
  notices: number
  rejects: number
  duplicates: number
  fallbackToEnglish: number
  fullFormInstead?: number
  noShortForm?: string[]
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

/** --short where a reader's notice has no short form: they got the full one; say how many and which notices. */
function fullFormLines(counts: Pick<Counts, 'fullFormInstead' | 'noShortForm'>): string[] {
  if (!counts.fullFormInstead) return []
  return [`${counts.fullFormInstead} got the full form: ${counts.noShortForm?.join(', ')} ${counts.noShortForm?.length === 1 ? 'has' : 'have'} no short form.`]
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
    ...fullFormLines(counts),
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
  for (const line of fullFormLines(counts)) lines.push(style.yellow(`  ${line}`))
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

/**
 * After a real run (text mode only): what was written and what to do with it: the email to import into the mail
 * service, the letters for the mail house, the rejected rows, what to keep and where, and what to record.
 */
export function nextStepLines(
  result: {
    counts: Pick<Counts, 'byChannel' | 'rejects'>
    outputs: readonly {file: string}[]
    out: string
    manifest: string
    sender?: string
    /** Notifications to individuals still to be recorded as made. */
    obligations: readonly string[]
  },
  style: Styler,
): string[] {
  const files = result.outputs.map((o) => o.file)
  const range = (pattern: RegExp) => {
    const matching = files.filter((f) => pattern.test(f)).sort()
    if (matching.length === 0) return ''
    return matching.length === 1 ? matching[0]! : `${matching[0]} ... ${matching.at(-1)} (${matching.length} files)`
  }
  const at = (file: string) => `${result.out}/${file}`
  const steps: string[] = []
  const email = result.counts.byChannel.email ?? 0
  const from = result.sender ? `, sent from ${result.sender}` : ''
  if (email && files.includes('notices.mbox'))
    steps.push(
      `Email (${groupDigits(email)}): import ${at('notices.mbox')} into the mail service you send from${from}; open a few messages there before sending.`,
    )
  else if (email && files.includes('notices.jsonl'))
    steps.push(
      `Email (${groupDigits(email)}): ${at('notices.jsonl')} has one message per line (to, subject, text, html) for your sending service's import${from}.`,
    )
  else if (email && files.some((f) => f.startsWith('eml/')))
    steps.push(`Email (${groupDigits(email)}): each file in ${at('eml/')} is one message; send them with your mail service${from}.`)
  else if (email && range(/^emails-\d{4}\.html$/))
    steps.push(`Email (${groupDigits(email)}): the pages ${range(/^emails-\d{4}\.html$/)} in ${result.out} are for review.`)
  const letters = result.counts.byChannel.letter ?? 0
  if (letters) {
    const pdf = range(/^letters-\d{4}\.pdf$/)
    steps.push(
      pdf
        ? `Letters (${groupDigits(letters)}): send ${pdf} from ${result.out} to the mail house; each letter starts on a new page and is numbered on its own.`
        : `Letters (${groupDigits(letters)}): ${range(/^letters-\d{4}\.html$/)} in ${result.out} are print-ready pages; send them to the mail house, or print them to PDF with --letters pdf (run again in a new --out folder).`,
    )
  }
  if (result.counts.rejects)
    steps.push(
      `Rejected rows (${groupDigits(result.counts.rejects)}): fix them from ${at('rejects.csv')} (row number and reason for each) and run those rows again, into a new --out folder.`,
    )
  steps.push(
    `Keep ${at(result.manifest)} with the incident's record: it lists every file written with its SHA-256 (check with \`sha256sum -c\`; the hashes are in the timeline too). The folder holds customers' names and addresses: keep it where the customer list is kept, and delete it when it is no longer needed.`,
  )
  if (result.obligations.length)
    steps.push(`When the notices have gone out, record it: ${result.obligations.map((o) => `runbook deadline met ${o} --ref "..."`).join('; ')}.`)
  return ['', style.bold('What to do next'), ...steps.map((step, i) => `  ${i + 1}. ${step}`)]
}

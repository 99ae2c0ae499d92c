import {randomBytes} from 'node:crypto'
import {createReadStream, statSync} from 'node:fs'
import {stringify} from 'csv-stringify/sync'
import {buildContext, type MissingValueError} from '../core/notices/context.js'
import {buildMessage, mboxEntry} from '../core/notify/mime.js'
import {Dedupe} from '../core/notify/dedupe.js'
import {isReject, readRecipient, resolveColumns, type Field, type Recipient} from '../core/notify/recipients.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {UserError} from '../core/errors.js'
import {incidentNow} from '../core/incident/now.js'
import type {LoadedIncident} from '../store/incidents.js'
import {OutputFolder, sha256File} from '../store/notify-output.js'
import {findTemplate, loadTemplateMeta, templateSearchPaths} from '../store/templates.js'
import type {Workspace} from '../store/workspace.js'
import {personalise, ShapeRenderer, type Shape} from '../render/bulk.js'
import {createRenderer, EXERCISE_MARK} from '../render/notice.js'
import {computeDeadlines, deadlineFacts} from './deadlines.js'

export const EMAIL_FORMATS = ['mbox', 'eml', 'jsonl', 'html'] as const
export type EmailFormat = (typeof EMAIL_FORMATS)[number]

export interface NotifyOptions {
  recipients: string
  templateId: string
  out?: string
  format: EmailFormat
  short: boolean
  dryRun: boolean
  resume: boolean
  mapping: Map<string, Field>
  actor: string
  onProgress?: (bytesRead: number, notices: number) => void
  checkpointEvery?: number
  /** For tests of --resume: stop after this many rows as if interrupted. */
  stopAfter?: number
}

export interface Counts {
  rows: number
  notices: number
  byChannel: Record<string, number>
  byLanguage: Record<string, number>
  byJurisdiction: Record<string, number>
  rejects: number
  duplicates: number
  fallbackToEnglish: number
  letterBatches: number
  /** The file line of the last record read (for resuming). */
  lastLine: number
}

export interface NotifyResult {
  counts: Counts
  recipientsSha256: string
  outputs: {file: string; sha256: string; bytes: number}[]
  samples: {channel: string; language: string; jurisdiction: string; subject: string; text: string}[]
  shapes: number
  interrupted: boolean
}

const LETTERS_PER_BATCH = 500
const bump = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1
}

function letterPage(title: string, exercise: boolean): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${exercise ? `${EXERCISE_MARK}: ` : ''}${title}</title><style>
body { font: 11pt/1.45 Georgia, "Noto Serif", "Hiragino Mincho ProN", serif; margin: 0; }
.letter { padding: 2cm; page-break-after: always; break-after: page; }
.address { white-space: pre-line; margin-bottom: 1.5cm; }
.exercise { font: bold 13pt sans-serif; color: #a00; border: 2px solid #a00; text-align: center; padding: .3rem; }
@page { size: A4; margin: 0; }
</style></head><body>\n`
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * The mail merge: streams the recipients file, renders one notice per recipient in their language, for their
 * jurisdiction and with only their own data, and writes email to an mbox (or .eml / JSONL / HTML) and letters to
 * print-ready HTML batches. Bad rows go to rejects.csv and the run goes on; duplicates get one notice.
 */
export async function notifyCustomers(workspace: Workspace, incident: LoadedIncident, options: NotifyOptions): Promise<NotifyResult> {
  const config = await workspace.config()
  const org = config.organization
  const entry = findTemplate(options.templateId, workspace.root)
  const metas = new Map(await Promise.all(entry.variants.map(async (v) => [v.file, await loadTemplateMeta(v)] as const)))
  const now = incidentNow(incident.state, Date.now())
  const {obligations} = await computeDeadlines(workspace, incident.state, now, options.actor)
  const facts = await deadlineFacts(workspace, incident.state) as Record<string, FactValue>
  const renderer = createRenderer(templateSearchPaths(workspace.root))
  const shapes = new ShapeRenderer(renderer, entry, (file) => metas.get(file)!, (locale, extra, onMissing: (e: MissingValueError) => void) => buildContext({
    config, state: incident.state, facts: {...facts, ...extra}, obligations, locale, zone: org.timezone, now, short: options.short, onMissing,
  }), options.short)
  if (!org.contact?.email && !options.dryRun) throw new UserError('organization.contact.email is not set: email notices need a From address', {hint: 'Set it in runbook.yaml.'})

  const optionsKey = JSON.stringify({template: options.templateId, format: options.format, short: options.short, mapping: [...options.mapping]})
  const checkpoint = options.out && options.resume ? OutputFolder.readCheckpoint<Counts>(options.out) : undefined
  if (options.resume && !checkpoint) throw new UserError(`nothing to resume in ${options.out}: no unfinished run was found there`, {hint: 'Run without --resume to start.'})
  if (!options.resume && options.out && OutputFolder.readCheckpoint(options.out)) {
    throw new UserError(`${options.out} holds an unfinished run`, {hint: 'Continue it with --resume, or choose another --out folder.'})
  }
  const out = options.dryRun || !options.out ? undefined : new OutputFolder<Counts>(options.out, checkpoint)
  const counts: Counts = checkpoint?.state ?? {rows: 0, notices: 0, byChannel: {}, byLanguage: {}, byJurisdiction: {}, rejects: 0, duplicates: 0, fallbackToEnglish: 0, letterBatches: 0, lastLine: 0}
  const skipRows = checkpoint?.rowsDone ?? 0
  const dedupe = new Dedupe()
  const samples: NotifyResult['samples'] = []
  const sender = org.contact?.email ?? 'runbook@localhost'
  const exercise = incident.state.drill
  const defaultLanguage = org.locales[0] ?? 'en'
  const runToken = randomBytes(6).toString('hex')
  // The file's hash, first: it is recorded, and a resumed run must read the very same file.
  const recipientsSha256 = await sha256File(options.recipients)
  if (checkpoint && checkpoint.recipientsSha256 !== recipientsSha256) {
    throw new UserError(`${options.recipients} changed since the interrupted run`, {hint: 'Resume only with the same file; otherwise start again in a new --out folder.'})
  }
  const size = statSync(options.recipients).size
  let bytesRead = 0
  let header: string[] | undefined
  let columns: Map<Field, number> | undefined
  let row = 0
  let lettersInBatch = counts.notices > 0 ? (counts.byChannel.letter ?? 0) % LETTERS_PER_BATCH : 0
  let interrupted = false

  const reject = (rowNumber: number, line: number, reason: string) => {
    counts.rejects++
    if (!out) return
    if (counts.rejects === 1) out.write('rejects.csv', stringify([['row', 'line', 'reason']]))
    out.write('rejects.csv', stringify([[rowNumber || '', line, reason]], {escape_formulas: true}))
  }

  const deliver = (recipient: Recipient, shape: Shape) => {
    if (!out) return
    const notice = personalise(shape, recipient)
    if (recipient.channel === 'letter' || options.format === 'html') {
      const batchName = `${recipient.channel === 'letter' ? 'letters' : 'emails'}-${String(Math.floor((recipient.channel === 'letter' ? counts.byChannel.letter! - 1 : counts.byChannel.email! - 1) / LETTERS_PER_BATCH) + 1).padStart(4, '0')}.html`
      const isLetter = recipient.channel === 'letter'
      const position = isLetter ? lettersInBatch : (counts.byChannel.email! - 1) % LETTERS_PER_BATCH
      if (position === 0) out.write(batchName, letterPage(notice.subject, exercise))
      const mark = exercise ? `<p class="exercise">${EXERCISE_MARK}</p>` : ''
      const to = isLetter ? `${recipient.name}\n${recipient.address}` : `${recipient.name} <${recipient.email}>`
      out.write(batchName, `<section class="letter">${mark}<p class="address">${escapeHtml(to)}</p>${notice.html}${mark}</section>\n`)
      if (position === LETTERS_PER_BATCH - 1) {
        out.write(batchName, '</body></html>\n')
        out.close(batchName)
      }
      if (isLetter) lettersInBatch = (lettersInBatch + 1) % LETTERS_PER_BATCH
      return
    }
    const message = (eol?: string) => buildMessage({
      from: {name: org.name, email: sender}, to: {name: recipient.name, email: recipient.email}, subject: notice.subject, text: notice.text,
      html: `<!doctype html><html lang="${notice.locale}"><head><meta charset="utf-8"><title>${escapeHtml(notice.subject)}</title></head><body>${notice.html}</body></html>`,
      date: now, messageId: `${incident.state.id}.${runToken}.${recipient.row}@${sender.split('@')[1] ?? 'runbook'}`, boundary: `${runToken}_${recipient.row}`,
      headers: exercise ? {'X-Exercise': EXERCISE_MARK} : {},
    }, eol)
    if (options.format === 'mbox') out.write('notices.mbox', mboxEntry(sender, now, message('\n')))
    else if (options.format === 'jsonl') out.write('notices.jsonl', JSON.stringify({id: recipient.id, to: recipient.email, name: recipient.name, language: notice.locale, subject: notice.subject, text: notice.text, html: notice.html}) + '\n')
    else {
      const name = `eml/${String(recipient.row).padStart(8, '0')}.eml`
      const sha = out.writeSeparate(name, message())
      out.write('eml/MANIFEST.sha256', `${sha}  ${name.slice(4)}\n`)
    }
  }

  const {parse} = await import('csv-parse')
  const source = createReadStream(options.recipients)
  source.on('data', (chunk) => {
    bytesRead += (chunk as Buffer).length
  })
  // Ctrl-C stops between two notices and checkpoints there, so --resume loses and repeats nothing.
  let stopping = false
  const onSignal = () => {
    stopping = true
  }
  process.once('SIGINT', onSignal)
  const parser = source.pipe(parse({bom: true, relax_column_count: true, skip_records_with_error: true, info: true, encoding: 'utf8'}))
  // A record that is not valid CSV has no row number of its own: it is reported by its line in the file.
  // The parser reports it ahead of the loop, so a resumed run knows it by line, not by row.
  const skipLines = checkpoint?.state.lastLine ?? 0
  let lastSkippedLine = -1
  parser.on('skip', (error: Error & {lines?: number}) => {
    const line = error.lines ?? 0
    // One broken record can raise more than one error; it is one reject.
    if ((line <= skipLines && skipLines > 0) || line === lastSkippedLine) return
    lastSkippedLine = line
    counts.rows++
    reject(0, line, `not valid CSV: ${error.message.split('\n')[0]}`)
  })
  for await (const item of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
    const {record, info} = item
    if (!header) {
      header = record
      columns = resolveColumns(header, options.mapping)
      continue
    }
    row++
    counts.lastLine = info.lines
    const resumed = row <= skipRows
    const recipient = readRecipient(row, record, columns!, header.length, defaultLanguage)
    if (isReject(recipient)) {
      if (!resumed) {
        counts.rows++
        reject(row, info.lines, recipient.reason)
      }
      continue
    }
    const duplicate = dedupe.claim(row, [`id:${recipient.id}`, recipient.email ? `email:${recipient.email.toLowerCase()}` : ''])
    if (resumed) continue
    counts.rows++
    if (duplicate) {
      counts.duplicates++
      if (out) {
        if (counts.duplicates === 1) out.write('duplicates.csv', stringify([['row', 'first_row', 'same']]))
        out.write('duplicates.csv', stringify([[row, duplicate.row, duplicate.key.split(':')[0]]], {escape_formulas: true}))
      }
      continue
    }
    counts.notices++
    bump(counts.byChannel, recipient.channel)
    bump(counts.byJurisdiction, recipient.jurisdiction)
    // "none" is the customer's choice: counted, not written.
    if (recipient.channel === 'none') continue
    const shape = shapes.shapeFor(recipient)
    bump(counts.byLanguage, shape.locale)
    if (shape.fellBack) counts.fallbackToEnglish++
    if (samples.length < 3) {
      const filled = personalise(shape, recipient)
      samples.push({channel: recipient.channel, language: shape.locale, jurisdiction: recipient.jurisdiction, subject: filled.subject, text: filled.text})
    }
    deliver(recipient, shape)
    if (out && row % (options.checkpointEvery ?? 20_000) === 0) out.checkpoint(recipientsSha256, optionsKey, row, counts)
    if (row % 2000 === 0) options.onProgress?.(bytesRead, counts.notices)
    if (stopping || (options.stopAfter !== undefined && row >= options.stopAfter)) {
      interrupted = true
      break
    }
  }
  process.removeListener('SIGINT', onSignal)
  if (!header) throw new UserError(`${options.recipients} is empty: it needs a header row with at least id and email or address`)
  if (interrupted) {
    source.destroy()
    if (out) out.checkpoint(recipientsSha256, optionsKey, row, counts)
    return {counts, recipientsSha256, outputs: [], samples, shapes: shapes.shapes, interrupted}
  }
  options.onProgress?.(size, counts.notices)
  counts.letterBatches = Math.ceil((counts.byChannel.letter ?? 0) / LETTERS_PER_BATCH)
  if (!out) return {counts, recipientsSha256, outputs: [], samples, shapes: shapes.shapes, interrupted: false}
  // Close open batch pages.
  for (const [channel, name] of [['letter', 'letters'], ['email', 'emails']] as const) {
    const n = counts.byChannel[channel] ?? 0
    if ((channel === 'letter' || options.format === 'html') && n % LETTERS_PER_BATCH !== 0) out.write(`${name}-${String(Math.ceil(n / LETTERS_PER_BATCH)).padStart(4, '0')}.html`, '</body></html>\n')
  }
  const files = out.finish()
  const outputs = []
  for (const file of files) {
    const path = `${out.dir}/${file}`
    outputs.push({file, sha256: await sha256File(path), bytes: statSync(path).size})
  }
  return {counts, recipientsSha256, outputs, samples, shapes: shapes.shapes, interrupted: false}
}

import {randomBytes} from 'node:crypto'
import {statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {stringify} from 'csv-stringify/sync'
import {buildContext, type MissingValueError} from '../core/notices/context.js'
import {KEY_EMAIL, KEY_ID, type Seeds} from './dedupe.js'
import {isReject, RecipientReader, resolveColumns, type Field, type Recipient} from './recipients.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {UserError} from '../core/errors.js'
import {DuplicateIndexBuilder, removeStaleIndexes, type DuplicateIndex} from './duplicate-index.js'
import type {IncidentState} from '../core/incident/state.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import type {WorkspaceConfig} from '../core/workspace/config.js'
import {OutputFolder, sha256File, type OutputFile} from './output-folder.js'
import {streamRecipients} from './recipients-file.js'
import {findTemplate, loadTemplateMeta, templateSearchPaths} from '../store/templates.js'
import {personalise, ShapeRenderer} from './shapes.js'
import {createRenderer} from '../render/notice.js'
import {LETTERS_PER_BATCH, NoticeWriter, type EmailFormat} from './notice-writer.js'

export {EMAIL_FORMATS, type EmailFormat} from './notice-writer.js'

export type NotifyPhase = 'duplicates' | 'notices'

/** The incident as the merge needs it: read-only, decided by the caller (the merge never touches the record). */
export interface MergeIncident {
  workspaceRoot: string
  config: WorkspaceConfig
  state: IncidentState
  /** The incident's now (a drill's simulated time), when a new run starts. */
  now: Date
  /** The facts and obligations as they stand at the run's start (a resumed run keeps its first start). */
  evaluate: (at: Date) => Promise<{facts: Record<string, FactValue>; obligations: readonly ObligationResult[]}>
}

export interface NotifyOptions {
  recipients: string
  templateId: string
  out?: string
  format: EmailFormat
  short: boolean
  dryRun: boolean
  resume: boolean
  mapping: Map<string, Field>
  /** Bytes of the recipients file read in this phase (the file is read twice: duplicates first, then notices). */
  onProgress?: (phase: NotifyPhase, bytesRead: number, notices: number) => void
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

/** What a resumed run must reuse so that its notices are the ones the interrupted run would have written. */
interface RunState {
  counts: Counts
  runToken: string
  startedAt: string
  seeds: Seeds
}

export interface NotifyResult {
  counts: Counts
  recipientsSha256: string
  outputs: OutputFile[]
  samples: {channel: string; language: string; jurisdiction: string; subject: string; text: string}[]
  shapes: number
  interrupted: boolean
}

const bump = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1
}

const emptyCounts = (): Counts => ({
  rows: 0,
  notices: 0,
  byChannel: {},
  byLanguage: {},
  byJurisdiction: {},
  rejects: 0,
  duplicates: 0,
  fallbackToEnglish: 0,
  letterBatches: 0,
  lastLine: 0,
})

/**
 * The mail merge: streams the recipients file, renders one notice per recipient in their language, for their
 * jurisdiction and with only their own data, and writes email to an mbox (or .eml / JSONL / HTML) and letters to
 * print-ready HTML batches. Bad rows go to rejects.csv and the run goes on; duplicates get one notice.
 *
 * The file is read twice: first for its duplicates (on disk, so memory does not grow with the file), then for the
 * notices. Each distinct shape of notice is rendered once and compiled to bytes; a notice is those bytes with the
 * recipient's name, id and address filled in.
 */
export async function notifyCustomers(incident: MergeIncident, options: NotifyOptions): Promise<NotifyResult> {
  const {config} = incident
  const org = config.organization
  const entry = findTemplate(options.templateId, incident.workspaceRoot)
  const metas = new Map(await Promise.all(entry.variants.map(async (v) => [v.file, await loadTemplateMeta(v)] as const)))
  if (!org.contact?.email && !options.dryRun)
    throw new UserError('organization.contact.email is not set: email notices need a From address', {hint: 'Set it in runbook.yaml.'})

  const optionsKey = JSON.stringify({template: options.templateId, format: options.format, short: options.short, mapping: [...options.mapping]})
  const checkpoint = options.out && options.resume ? OutputFolder.readCheckpoint<RunState>(options.out) : undefined
  if (options.resume && !checkpoint)
    throw new UserError(`nothing to resume in ${options.out}: no unfinished run was found there`, {hint: 'Run without --resume to start.'})
  if (checkpoint && checkpoint.options !== optionsKey) {
    throw new UserError(`${options.out} holds a run with other options (template, format, --short or --map)`, {
      hint: 'Resume with the same options, or start again in a new --out folder.',
    })
  }
  if (!options.resume && options.out && OutputFolder.readCheckpoint(options.out)) {
    throw new UserError(`${options.out} holds an unfinished run`, {hint: 'Continue it with --resume, or choose another --out folder.'})
  }
  // The file's hash, first: it is recorded, and a resumed run must read the very same file.
  const recipientsSha256 = await sha256File(options.recipients)
  if (checkpoint && checkpoint.recipientsSha256 !== recipientsSha256) {
    throw new UserError(`${options.recipients} changed since the interrupted run`, {
      hint: 'Resume only with the same file; otherwise start again in a new --out folder.',
    })
  }
  const state: RunState = checkpoint?.state ?? {
    counts: emptyCounts(),
    runToken: randomBytes(6).toString('hex'),
    startedAt: incident.now.toISOString(),
    seeds: [randomBytes(4).readUInt32LE(), randomBytes(4).readUInt32LE()],
  }
  const {counts, runToken} = state
  const now = new Date(state.startedAt)
  const {obligations, facts} = await incident.evaluate(now)
  const renderer = createRenderer(templateSearchPaths(incident.workspaceRoot))
  const shapes = new ShapeRenderer(
    renderer,
    entry,
    (file) => metas.get(file)!,
    (locale, extra, onMissing: (e: MissingValueError) => void) =>
      buildContext({
        config,
        state: incident.state,
        facts: {...facts, ...extra},
        obligations,
        locale,
        zone: org.timezone,
        now,
        short: options.short,
        onMissing,
      }),
    options.short,
  )

  const out = options.dryRun || !options.out ? undefined : new OutputFolder<RunState>(options.out, checkpoint)
  if (out) removeStaleIndexes(out.dir)
  const saveCheckpoint = (rowsDone: number) => out?.checkpoint(recipientsSha256, optionsKey, rowsDone, state)
  const defaultLanguage = org.locales[0] ?? 'en'
  const size = statSync(options.recipients).size
  const stopping = watchForCtrlC()
  try {
    const duplicates = await findDuplicates(options.recipients, size, out?.dir ?? tmpdir(), state.seeds, options.mapping, defaultLanguage, stopping, (bytes) =>
      options.onProgress?.('duplicates', bytes, counts.notices),
    )
    if (!duplicates) {
      saveCheckpoint(checkpoint?.rowsDone ?? 0)
      return {counts, recipientsSha256, outputs: [], samples: [], shapes: 0, interrupted: true}
    }
    try {
      return await writeNotices(duplicates)
    } finally {
      duplicates.close()
    }
  } finally {
    stopping.release()
    // Waits for the writer thread: the last checkpoint is on disk before the command returns.
    out?.release()
  }

  async function writeNotices(duplicates: DuplicateIndex): Promise<NotifyResult> {
    const writer = new NoticeWriter(out, {
      sender: org.contact?.email ?? 'runbook@localhost',
      orgName: org.name,
      now,
      runToken,
      incidentId: incident.state.id,
      exercise: incident.state.drill,
      format: options.format,
    })
    const samples: NotifyResult['samples'] = []
    const skipRows = checkpoint?.rowsDone ?? 0
    const skipLines = checkpoint?.state.counts.lastLine ?? 0
    const every = options.checkpointEvery ?? 20_000
    let reader: RecipientReader | undefined
    let row = 0
    let interrupted = false

    const reject = (rowNumber: number, line: number, reason: string) => {
      counts.rejects++
      if (!out) return
      if (counts.rejects === 1) out.write('rejects.csv', stringify([['row', 'line', 'reason']]))
      out.write('rejects.csv', stringify([[rowNumber || '', line, reason]], {escape_formulas: true}))
    }

    const handle = (recipient: Recipient) => {
      const match = duplicates.match(recipient.row)
      counts.rows++
      if (match) {
        counts.duplicates++
        if (out) {
          if (counts.duplicates === 1) out.write('duplicates.csv', stringify([['row', 'first_row', 'same']]))
          out.write('duplicates.csv', stringify([[recipient.row, match.firstRow, match.same]]))
        }
        return
      }
      counts.notices++
      bump(counts.byChannel, recipient.channel)
      bump(counts.byJurisdiction, recipient.jurisdiction)
      // "none" is the customer's choice: counted, not written.
      if (recipient.channel === 'none') return
      const shape = shapes.shapeFor(recipient)
      bump(counts.byLanguage, shape.locale)
      if (shape.fellBack) counts.fallbackToEnglish++
      if (samples.length < 3) {
        const filled = personalise(shape, recipient)
        samples.push({channel: recipient.channel, language: shape.locale, jurisdiction: recipient.jurisdiction, subject: filled.subject, text: filled.text})
      }
      writer.deliver(recipient, shape, counts.byChannel)
    }

    await streamRecipients(options.recipients, {
      bytes: (bytes) => options.onProgress?.('notices', bytes, counts.notices),
      broken: (line, message) => {
        // A broken record has no row number; a resumed run knows the ones it reported by their line.
        if (line <= skipLines) return
        counts.rows++
        reject(0, line, `not valid CSV: ${message}`)
      },
      record: (cells, line) => {
        if (!reader) {
          reader = new RecipientReader(resolveColumns(cells, options.mapping), cells.length, defaultLanguage)
          return
        }
        row++
        if (row <= skipRows) return
        counts.lastLine = line
        const recipient = reader.read(row, cells)
        if (isReject(recipient)) {
          counts.rows++
          reject(row, line, recipient.reason)
        } else {
          handle(recipient)
        }
        if (row % every === 0) saveCheckpoint(row)
        if (stopping.requested || (options.stopAfter !== undefined && row >= options.stopAfter)) {
          interrupted = true
          return false
        }
      },
    })
    if (interrupted) {
      saveCheckpoint(row)
      return {counts, recipientsSha256, outputs: [], samples, shapes: shapes.shapes, interrupted}
    }
    options.onProgress?.('notices', size, counts.notices)
    counts.letterBatches = Math.ceil((counts.byChannel.letter ?? 0) / LETTERS_PER_BATCH)
    if (!out) return {counts, recipientsSha256, outputs: [], samples, shapes: shapes.shapes, interrupted: false}
    writer.closeBatches(counts.byChannel)
    return {counts, recipientsSha256, outputs: await out.finish(), samples, shapes: shapes.shapes, interrupted: false}
  }
}

/** Ctrl-C asks the run to stop between two notices, where it checkpoints, so --resume loses and repeats nothing. */
function watchForCtrlC(): {readonly requested: boolean; release: () => void} {
  const watch = {
    requested: false,
    release: () => process.removeListener('SIGINT', onSignal),
  }
  const onSignal = () => {
    watch.requested = true
  }
  process.once('SIGINT', onSignal)
  return watch
}

/** The first pass: every valid row's id and email into the on-disk duplicate index. Undefined when stopped. */
async function findDuplicates(
  path: string,
  size: number,
  parent: string,
  seeds: Seeds,
  mapping: Map<string, Field>,
  defaultLanguage: string,
  stopping: {readonly requested: boolean},
  onBytes: (bytes: number) => void,
): Promise<DuplicateIndex | undefined> {
  const builder = new DuplicateIndexBuilder(parent, size, seeds)
  try {
    let reader: RecipientReader | undefined
    let row = 0
    const {stopped} = await streamRecipients(path, {
      bytes: onBytes,
      broken: () => undefined,
      record: (cells) => {
        if (!reader) {
          reader = new RecipientReader(resolveColumns(cells, mapping), cells.length, defaultLanguage)
          return
        }
        row++
        const recipient = reader.read(row, cells)
        if (isReject(recipient)) return
        builder.add(row, KEY_ID, recipient.id)
        if (recipient.email) builder.add(row, KEY_EMAIL, recipient.email.toLowerCase())
        if (row % 2048 === 0 && stopping.requested) return false
      },
    })
    if (!reader) throw new UserError(`${path} is empty: it needs a header row with at least id and email or address`)
    if (stopped) {
      builder.discard()
      return undefined
    }
    return builder.finish()
  } catch (error) {
    builder.discard()
    throw error
  }
}

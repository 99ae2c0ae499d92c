import {checkRegularFile} from '../store/files.js'
import {randomBytes} from 'node:crypto'
import {statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {stringify} from 'csv-stringify/sync'
import {buildContext, type MissingValueError, type StandInMode} from '../core/notices/context.js'
import {KEY_EMAIL, KEY_ID, type Seeds} from './dedupe.js'
import {isReject, RecipientReader, resolveColumns, type Field, type Recipient} from './recipients.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {UserError} from '../core/errors.js'
import {DuplicateIndexBuilder, removeStaleIndexes, type DuplicateIndex} from './duplicate-index.js'
import type {IncidentState} from '../core/incident/state.js'
import type {ObligationResult} from '../core/deadlines/obligations.js'
import type {TemplateEntry, TemplateMeta} from '../core/notices/schema.js'
import type {WorkspaceConfig} from '../core/workspace/config.js'
import {OutputFolder, prepareOutputFolder, sha256File, type OutputFile} from './output-folder.js'
import {CSV_READER, streamRecipients} from './recipients-file.js'
import {findTemplate, loadTemplateMeta, noticeRoutes, templateSearchPaths} from '../store/templates.js'
import {individualsApply, Router, type JurisdictionSummary} from './router.js'
import {personalise, ShapeCache, ShapeRenderer} from './shapes.js'
import {createRenderer, shortFormFor} from '../render/notice.js'
import {paperFor} from '../render/letter.js'
import {LETTERS_PER_BATCH, MBOX_FILE, NoticeWriter, type EmailFormat} from './notice-writer.js'

export {EMAIL_FORMATS, type EmailFormat} from './notice-writer.js'

export type NotifyPhase = 'duplicates' | 'notices'

/** The incident as the merge needs it: read-only, decided by the caller (the merge never touches the record). */
export interface MergeIncident {
  workspaceRoot: string
  config: WorkspaceConfig
  state: IncidentState
  /** The incident's now (a drill's simulated time), when a new run starts. */
  now: Date
  /** The incident's id when the commands a missing fact names need --incident to reach it. */
  incidentFlag?: string
  /** The facts and obligations as they stand at the run's start (a resumed run keeps its first start). */
  evaluate: (at: Date) => Promise<{facts: Record<string, FactValue>; obligations: readonly ObligationResult[]}>
}

export interface NotifyOptions {
  recipients: string
  /** Force one template for every reader (rows it does not serve are rejected unless forceTemplate). */
  templateId?: string
  forceTemplate?: boolean
  /** Accept the organisation's language for text facts without a translation (counted as fallbacks). */
  allowFallback?: boolean
  out?: string
  format: EmailFormat
  short: boolean
  dryRun: boolean
  resume: boolean
  /** Replace an earlier batch in --out (only the files a mail merge writes). */
  overwrite?: boolean
  /** Dry-run samples show the real names and addresses (else stand-ins). */
  showNames?: boolean
  mapping: Map<string, Field>
  /** Bytes of the recipients file read in this phase (the file is read twice: duplicates first, then notices). */
  onProgress?: (phase: NotifyPhase, bytesRead: number, notices: number) => void
  checkpointEvery?: number
  /** For tests of --resume: stop after this many rows as if interrupted. */
  stopAfter?: number
  /** For tests: the budget of the rendered shapes kept (shapes.ts SHAPE_CACHE_BYTES). */
  shapeCacheBytes?: number
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
  /** With --short: notices in the full form because the reader's notice has no short form (those templates listed). */
  fullFormInstead: number
  noShortForm: string[]
  /** Notices sent with a forced template to readers it does not serve (--force-template). */
  forced: number
  /** Per reader jurisdiction: rows, template, languages, fallbacks, and whether its law requires a notice. */
  jurisdictions: Record<string, JurisdictionSummary>
  /** Rejected rows by reason. */
  rejectReasons: Record<string, number>
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
  /** The first rejected rows (row number, line, reason), for the dry run. */
  rejected: {row: number; line: number; reason: string}[]
  /** Distinct shapes of notice rendered, and how many of them were kept in memory at the end. */
  shapes: number
  shapesHeld: number
  interrupted: boolean
}

const REJECTED_SHOWN = 50

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
  fullFormInstead: 0,
  noShortForm: [],
  forced: 0,
  jurisdictions: {},
  rejectReasons: {},
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
  if (options.templateId) await customerTemplate(options.templateId, incident.workspaceRoot)
  if (!org.contact?.email && !options.dryRun)
    throw new UserError('organization.contact.email is not set: email notices need a From address', {hint: 'Set it in runbook.yaml.'})

  const optionsKey = JSON.stringify({
    template: options.templateId ?? null,
    force: options.forceTemplate ?? false,
    fallback: options.allowFallback ?? false,
    format: options.format,
    short: options.short,
    mapping: [...options.mapping],
    // Row numbers are the CSV reader's: a run is resumed only by the reader that numbered its rows.
    reader: CSV_READER,
  })
  const checkpoint = options.out && options.resume ? OutputFolder.readCheckpoint<RunState>(options.out) : undefined
  // A run stopped before its first checkpoint left only partial files: resuming it starts again from the first row.
  const restart = Boolean(options.resume && !checkpoint)
  if (checkpoint && (JSON.parse(checkpoint.options) as {reader?: string}).reader !== CSV_READER) {
    throw new UserError(`${options.out} holds a run started by an earlier version of runbook, which read the CSV otherwise`, {
      hint: 'Start again in a new --out folder: resuming with this version could skip or repeat rows.',
    })
  }
  if (checkpoint && checkpoint.options !== optionsKey) {
    throw new UserError(`${options.out} holds a run with other options (template, format, --short or --map)`, {
      hint: 'Resume with the same options, or start again in a new --out folder.',
    })
  }
  if (!options.resume && options.out && OutputFolder.readCheckpoint(options.out)) {
    throw new UserError(`${options.out} holds an unfinished run`, {hint: 'Continue it with --resume, or choose another --out folder.'})
  }
  // A device or a pipe (/dev/zero) would never end: refused before a byte is read.
  checkRegularFile(options.recipients, 'recipients file')
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
  const defaultLanguage = org.locales[0] ?? 'en'
  const router = new Router(
    await noticeRoutes(config.notices?.routes),
    facts,
    defaultLanguage,
    options.templateId ? {template: options.templateId, anyway: options.forceTemplate ?? false} : undefined,
  )
  // One renderer of shapes per template the run sends, made when its first reader comes.
  const renderers = new Map<string, ShapeRenderer>()
  const shapeCache = new ShapeCache(options.shapeCacheBytes)
  const fullForm = new Set<string>()
  const shapesFor = async (templateId: string): Promise<ShapeRenderer> => {
    let shapes = renderers.get(templateId)
    if (!shapes) {
      const {entry, metas} = await customerTemplate(templateId, incident.workspaceRoot)
      const short = shortFormFor(entry, options.short, Boolean(options.templateId))
      if (options.short && !short) fullForm.add(templateId)
      shapes = new ShapeRenderer(
        renderer,
        entry,
        (file) => metas.get(file)!,
        (locale, extra, reader, onMissing: (e: MissingValueError) => void, onFallback: () => void, markdown: boolean, standIn?: StandInMode) =>
          buildContext({
            standIn,
            incidentFlag: incident.incidentFlag,
            markdown,
            config,
            state: incident.state,
            facts: {...facts, ...extra},
            obligations,
            locale,
            zone: org.timezone,
            now,
            short,
            reader,
            allowFallback: options.allowFallback,
            onFallback,
            onMissing,
          }),
        short,
        shapeCache,
      )
      renderers.set(templateId, shapes)
    }
    return shapes
  }
  // Templates are loaded before the rows are read (the record handler is synchronous): those the routes name. A
  // route to a template that does not exist rejects its readers, with the reason, rather than stopping the run.
  const routed = options.templateId ? [options.templateId] : [...new Set((await noticeRoutes(config.notices?.routes)).map((r) => r.template))]
  const unavailable = new Map<string, string>()
  for (const id of routed) {
    try {
      await shapesFor(id)
    } catch (error) {
      if (options.templateId || !(error instanceof UserError)) throw error
      unavailable.set(id, error.message)
    }
  }
  const shapeCount = () => [...renderers.values()].reduce((sum, s) => sum + s.shapes, 0)

  if (!options.dryRun && options.out) prepareOutputFolder(options.out, {resume: Boolean(checkpoint), overwrite: Boolean(options.overwrite) || restart})
  // The main thread hashes the mbox as it hands it over, the writer everything else: the two cores share the work.
  const out = options.dryRun || !options.out ? undefined : new OutputFolder<RunState>(options.out, checkpoint, new Set([MBOX_FILE]))
  if (out) removeStaleIndexes(out.dir)
  const saveCheckpoint = (rowsDone: number) => out?.checkpoint(recipientsSha256, optionsKey, rowsDone, state)
  const size = statSync(options.recipients).size
  const stopping = watchForCtrlC()
  try {
    const duplicates = await findDuplicates(options.recipients, size, out?.dir ?? tmpdir(), state.seeds, options.mapping, defaultLanguage, stopping, (bytes) =>
      options.onProgress?.('duplicates', bytes, counts.notices),
    )
    if (!duplicates) {
      saveCheckpoint(checkpoint?.rowsDone ?? 0)
      return {counts, recipientsSha256, outputs: [], samples: [], rejected: [], shapes: 0, shapesHeld: 0, interrupted: true}
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
      layout: {
        paper: paperFor(org.country ?? config.establishments?.find((e) => e.main)?.region.split('-')[0], org.paper),
        orgName: org.name,
        orgAddress: org.contact?.address,
        signatory: org.signatory,
        exercise: incident.state.drill,
      },
    })
    const samples: NotifyResult['samples'] = []
    const rejected: NotifyResult['rejected'] = []
    const skipRows = checkpoint?.rowsDone ?? 0
    const skipLines = checkpoint?.state.counts.lastLine ?? 0
    const every = options.checkpointEvery ?? 20_000
    let reader: RecipientReader | undefined
    let row = 0
    let interrupted = false

    /** `kind` is what is counted and recorded: never a value from the file (recipients.ts Reject). */
    const reject = (rowNumber: number, line: number, reason: string, kind = reason) => {
      counts.rejects++
      bump(counts.rejectReasons, kind)
      if (rejected.length < REJECTED_SHOWN) rejected.push({row: rowNumber, line, reason})
      if (!out) return
      if (counts.rejects === 1) out.write('rejects.csv', stringify([['row', 'line', 'reason']]))
      out.write('rejects.csv', stringify([[rowNumber || '', line, reason]], {escape_formulas: true}))
    }

    const handle = (recipient: Recipient, line: number) => {
      const match = duplicates.match(recipient.row)
      if (match) {
        counts.duplicates++
        if (out) {
          if (counts.duplicates === 1) out.write('duplicates.csv', stringify([['row', 'first_row', 'same']]))
          out.write('duplicates.csv', stringify([[recipient.row, match.firstRow, match.same]]))
        }
        counts.rows++
        return
      }
      const routing = router.route(recipient)
      if ('reject' in routing || unavailable.has(routing.template)) {
        counts.rows++
        reject(recipient.row, line, 'reject' in routing ? routing.reject : `the notice for this reader cannot be used: ${unavailable.get(routing.template)}`)
        return
      }
      counts.rows++
      counts.notices++
      bump(counts.byChannel, recipient.channel)
      bump(counts.byJurisdiction, recipient.jurisdiction)
      const summary = (counts.jurisdictions[recipient.jurisdiction] ??= {
        rows: 0,
        notices: 0,
        template: routing.template,
        languages: {},
        fallbacks: 0,
        forced: 0,
        applies: individualsApply(recipient.jurisdiction, obligations),
      })
      summary.rows++
      summary.notices++
      if (routing.forced) {
        counts.forced++
        summary.forced++
      }
      // "none" is the customer's choice: counted, not written.
      if (recipient.channel === 'none') return
      const reader = {...recipient, language: routing.language}
      const shape = renderers.get(routing.template)!.shapeFor(reader)
      bump(counts.byLanguage, shape.locale)
      bump(summary.languages, shape.locale)
      if (shape.fellBack) {
        counts.fallbackToEnglish++
        summary.fallbacks++
      }
      if (fullForm.has(routing.template)) {
        // A checkpoint from before these counts existed has neither.
        counts.fullFormInstead = (counts.fullFormInstead ?? 0) + 1
        if (!counts.noShortForm?.includes(routing.template)) counts.noShortForm = [...(counts.noShortForm ?? []), routing.template].sort()
      }
      if (samples.length < 3) {
        const filled = personalise(shape, options.showNames ? recipient : standIn(recipient, samples.length + 1))
        samples.push({channel: recipient.channel, language: shape.locale, jurisdiction: recipient.jurisdiction, subject: filled.subject, text: filled.text})
      }
      writer.deliver(recipient, shape, counts.byChannel)
    }

    await streamRecipients(options.recipients, {
      bytes: (bytes) => options.onProgress?.('notices', bytes, counts.notices),
      broken: (line, problem) => {
        // A broken record has no row number; a resumed run knows the ones it reported by their line.
        if (line <= skipLines) return
        counts.rows++
        reject(0, line, `not valid CSV: ${problem}`)
      },
      record: (cells, line) => {
        if (!reader) {
          reader = new RecipientReader(resolveColumns(cells, options.mapping), cells.length, '')
          return
        }
        row++
        if (row <= skipRows) return
        counts.lastLine = line
        const recipient = reader.read(row, cells)
        if (isReject(recipient)) {
          counts.rows++
          reject(row, line, recipient.reason, recipient.kind)
        } else {
          handle(recipient, line)
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
      return {counts, recipientsSha256, outputs: [], samples, rejected, shapes: shapeCount(), shapesHeld: shapeCache.size, interrupted}
    }
    options.onProgress?.('notices', size, counts.notices)
    counts.letterBatches = Math.ceil((counts.byChannel.letter ?? 0) / LETTERS_PER_BATCH)
    if (!out) return {counts, recipientsSha256, outputs: [], samples, rejected, shapes: shapeCount(), shapesHeld: shapeCache.size, interrupted: false}
    writer.closeBatches(counts.byChannel)
    return {counts, recipientsSha256, outputs: await out.finish(), samples, rejected, shapes: shapeCount(), shapesHeld: shapeCache.size, interrupted: false}
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

/**
 * A template the merge may send to customers: found, with its front matter; an internal document or a regulator
 * report is refused (they are not for customers' eyes).
 */
async function customerTemplate(templateId: string, workspaceRoot: string): Promise<{entry: TemplateEntry; metas: Map<string, TemplateMeta>}> {
  const entry = findTemplate(templateId, workspaceRoot)
  const metas = new Map(await Promise.all(entry.variants.map(async (v) => [v.file, await loadTemplateMeta(v)] as const)))
  const kind = [...metas.values()][0]?.kind
  if (kind !== 'customer') {
    throw new UserError(
      `${templateId} is ${kind === 'internal' ? 'an internal document' : `a ${kind} document`}, not a customer notice: it cannot be mailed to customers`,
      {
        hint: "Choose a customer notice (runbook notice list shows each template's kind), or leave out --template to route each reader to theirs.",
      },
    )
  }
  return {entry, metas}
}

/** A sample reader for previews that may end up in a terminal's scrollback or a CI log: no customer's details. */
function standIn(recipient: Recipient, n: number): Recipient {
  return {
    ...recipient,
    id: `SAMPLE-${n}`,
    name: `Sample Reader ${n}`,
    email: recipient.email ? `reader${n}@example.com` : '',
    address: recipient.address ? `${n} Sample Street\nSample Town` : '',
  }
}

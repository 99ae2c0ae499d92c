import {randomBytes} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {UserError} from '../core/errors.js'
import {isDrillId} from '../core/exercise.js'
import type {EventDraft, StoredEvent} from '../core/incident/events.js'
import type {Fork} from '../core/incident/fork.js'
import {fold, isOpen, type IncidentState} from '../core/incident/state.js'
import {EventLog, type AppendExpectation} from './event-log.js'

export {LogMovedError, type AppendExpectation} from './event-log.js'
import {watchFolder} from './watch.js'
import {ensurePrivateDir, fsyncDir, writeCacheFile} from './files.js'
import {cachePath, incidentsDir, type Workspace} from './workspace.js'

export const LOG_FILE = 'events.jsonl'

/** Incident ids are checked before they touch a path: no separators, no dots, nothing to climb out with. */
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,80}$/

export function checkIncidentId(id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new UserError(`"${id}" is not an incident id: ids are 3-81 lower-case letters, digits and hyphens`, {
      hint: 'See the ids with `runbook incident list`.',
    })
  }
  return id
}

/** A readable, sortable, collision-resistant id: 20261129-ransomware-7f3a. */
export function newIncidentId(base: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '')
  return `${day}-${base}-${randomBytes(2).toString('hex')}`
}

export interface LoadedIncident {
  events: StoredEvent[]
  state: IncidentState
}

/** What lists and "the single open incident" need, without the events. */
export interface IncidentSummary {
  id: string
  title: string
  timezone: string
  playbook: string
  openedAt: string
  closed: boolean
  drill: boolean
  /** For a drill: its scenario, and when it ended. */
  scenario?: string
  /** On the machine clock, when a drill ended. */
  drillEndedAt?: string
  openSteps: number
  lastSeq: number
}

/** A log that cannot be read: named, and left out, so it never hides the other incidents. */
export interface DamagedIncident {
  id: string
  where: string
  problem: string
}

export function summarise(state: IncidentState): IncidentSummary {
  return {
    id: state.id,
    title: state.title,
    timezone: state.timezone,
    playbook: state.playbook.id,
    openedAt: state.openedAt,
    closed: state.closed,
    drill: state.drill,
    ...(state.exercise
      ? {scenario: state.exercise.scenario.id, ...(state.exercise.endedRecordedAt ? {drillEndedAt: state.exercise.endedRecordedAt} : {})}
      : {}),
    openSteps: state.steps.filter(isOpen).length,
    lastSeq: state.lastSeq,
  }
}

/**
 * Where incidents are kept: the file store (the embedded default, a folder per incident, one JSONL log each) or
 * PostgreSQL (store/pg, for a team). Both keep the same events as the same canonical JSON lines, chained the same way.
 */
export interface IncidentStore {
  /** Where an incident's record lives, for messages: a file (and line), or a database and incident (and event). */
  where(id: string, seq?: number): Promise<string>
  exists(id: string): Promise<boolean>
  load(id: string): Promise<LoadedIncident>
  /** Every incident's summary (drills too with drills: true), and the logs that could not be read. */
  list(options?: {drills?: boolean}): Promise<{incidents: IncidentSummary[]; damaged: DamagedIncident[]}>
  /** Creates an incident with its first events, all or nothing. */
  create(id: string, drafts: readonly EventDraft[]): Promise<StoredEvent[]>
  /**
   * Appends in order, durable on return. Drafts that carry ids are a writer's named events: an append retried with
   * the same ids (its outcome unknown after a lost connection) returns the events already recorded, never twice.
   * With `afterSeq`, only if the record still ends at that event (checked under the writers' lock): else
   * LogMovedError, and nothing is written (another responder recorded something since it was read).
   */
  append(id: string, drafts: readonly EventDraft[], expect?: AppendExpectation): Promise<StoredEvent[]>
  /** The sequence number of the record's last event, read cheaply (the tail, not the whole record). */
  lastSeq(id: string): Promise<number>
  /**
   * The record as JSONL bytes (one canonical event per line, in order), for verification and copies. A store that
   * knows the size before it reads tells `beforeRead` (so that work on it can start meanwhile).
   */
  rawLog(id: string, options?: {beforeRead?: (bytes: number) => void}): Promise<Buffer>
  /** Takes in a record copied from another store exactly as it is (the same bytes, so the same hashes). */
  importLog(id: string, log: Buffer): Promise<void>
  /** The incomplete last line an interrupted write left (a file; a database transaction is never half-written). */
  tornTail(id: string): Promise<{where: string; bytes: Buffer} | null>
  /** Moves that line aside into a side file; null when there is none. */
  repairTornTail(id: string): Promise<{sideFile: string; bytes: number} | null>
  /**
   * Mends a forked record (see core/incident/fork.ts): the branch goes to a side file and its events are recorded
   * again as recovered. Null when there is no fork (a database record cannot fork: each number is taken once).
   */
  repairFork(id: string, actor: string): Promise<{sideFile: string; fork: Fork} | {refused: string} | null>
  /**
   * Calls `onAppend` soon after events are appended to the incident by any process (a live view re-reads then);
   * several appends close together may give one call. Resolves once watching; the returned function stops it.
   */
  subscribe(id: string, onAppend: () => void): Promise<() => Promise<void>>
  /** Lets go of what it holds open (connections), so the process can end. */
  close(): Promise<void>
}

interface IndexEntry {
  size: number
  mtimeMs: number
  summary: IncidentSummary
}

const INDEX_FILE = 'incidents.json'

/** A temporary incident folder older than this belongs to a create that was killed, not to one under way. */
const ABANDONED_AFTER_MS = 10 * 60_000

function removeAbandonedFolders(parent: string, now: Date): void {
  for (const entry of readdirSync(parent, {withFileTypes: true})) {
    if (!entry.isDirectory() || !/^\.[a-z0-9-]+\.[0-9a-f]{8}\.new$/.test(entry.name)) continue
    const folder = join(parent, entry.name)
    try {
      if (now.getTime() - statSync(folder).mtimeMs > ABANDONED_AFTER_MS) rmSync(folder, {recursive: true, force: true})
    } catch {
      // Another create removed it first.
    }
  }
}

/** The file store: incidents/<id>/events.jsonl, drills under drills/<id>/; an index in the cache keeps lists cheap. */
export class FileIncidentStore implements IncidentStore {
  constructor(
    private readonly workspace: Workspace,
    private readonly now: () => Date,
  ) {}

  private dirFor(id: string): string {
    return isDrillId(id) ? join(this.workspace.root, 'drills') : incidentsDir(this.workspace)
  }

  private logPath(id: string): string {
    return join(this.dirFor(checkIncidentId(id)), id, LOG_FILE)
  }

  private fileLog(id: string): EventLog {
    return new EventLog(this.logPath(id), {now: this.now})
  }

  async where(id: string, seq?: number): Promise<string> {
    return seq === undefined ? this.logPath(id) : `${this.logPath(id)}:${seq}`
  }

  async exists(id: string): Promise<boolean> {
    return existsSync(this.logPath(id))
  }

  private ids(drills: boolean): string[] {
    const dirs = [incidentsDir(this.workspace), ...(drills ? [join(this.workspace.root, 'drills')] : [])]
    return dirs.flatMap((dir) => {
      if (!existsSync(dir)) return []
      return readdirSync(dir, {withFileTypes: true})
        .filter((e) => e.isDirectory() && ID_PATTERN.test(e.name) && existsSync(join(dir, e.name, LOG_FILE)))
        .map((e) => e.name)
        .sort()
    })
  }

  async load(id: string): Promise<LoadedIncident> {
    const log = this.fileLog(id)
    if (!log.exists()) throw await this.unknown(id)
    const events = log.readAll()
    if (events.length === 0) {
      throw new UserError(`the incident log ${log.path} is empty: it was created but its first event was never written`, {
        hint: `Nothing was recorded in it. Move the folder ${join(this.dirFor(id), id)} aside and open the incident again.`,
        exitCode: 1,
      })
    }
    try {
      return {events, state: fold(events)}
    } catch {
      throw new UserError(`${log.path}:1 does not start with the incident's opening event: the log was edited or damaged`, {
        hint: 'Run `runbook verify` on it.',
        exitCode: 1,
      })
    }
  }

  private async unknown(id: string): Promise<UserError> {
    const known = this.ids(true)
    return new UserError(`unknown incident "${id}"${known.length ? `. Known: ${known.join(', ')}` : ': this workspace has no incidents yet'}`, {
      hint: known.length ? 'Run `runbook incident list` to see them.' : 'Open one with `runbook start PLAYBOOK` or `runbook incident open --playbook ID`.',
    })
  }

  async list(options: {drills?: boolean} = {}): Promise<{incidents: IncidentSummary[]; damaged: DamagedIncident[]}> {
    const indexFile = cachePath(this.workspace.root, INDEX_FILE)
    let index: Record<string, IndexEntry> = {}
    try {
      index = JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, IndexEntry>
    } catch {
      // No index yet, or an unreadable one: it is rebuilt from the logs.
    }
    let changed = false
    const incidents: IncidentSummary[] = []
    const damaged: DamagedIncident[] = []
    for (const id of this.ids(options.drills ?? false)) {
      const path = this.logPath(id)
      const {size, mtimeMs} = statSync(path)
      const cached = index[id]
      if (cached && cached.size === size && cached.mtimeMs === mtimeMs) {
        incidents.push(cached.summary)
        continue
      }
      try {
        const summary = summarise((await this.load(id)).state)
        index[id] = {size, mtimeMs, summary}
        incidents.push(summary)
      } catch (error) {
        delete index[id]
        damaged.push({id, where: path, problem: error instanceof Error ? error.message : String(error)})
      }
      changed = true
    }
    if (changed && !this.workspace.pending) {
      try {
        writeCacheFile(indexFile, JSON.stringify(index))
      } catch {
        // A read-only workspace lists without the index.
      }
    }
    return {incidents, damaged}
  }

  /**
   * The incident's folder is built under a temporary name and renamed into place once its first events are durable:
   * a crash leaves no incident (at most a hidden temporary folder, removed by the next create) or a whole one.
   */
  async create(id: string, drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    const path = this.logPath(id)
    if (existsSync(path)) throw new UserError(`incident ${id} already exists`)
    this.workspace.materialize()
    const parent = this.dirFor(id)
    ensurePrivateDir(parent)
    removeAbandonedFolders(parent, this.now())
    const temp = join(parent, `.${id}.${randomBytes(4).toString('hex')}.new`)
    ensurePrivateDir(temp)
    try {
      const events = await new EventLog(join(temp, LOG_FILE), {now: this.now}).create(drafts)
      fsyncDir(temp)
      if (existsSync(path)) throw new UserError(`incident ${id} already exists`)
      try {
        renameSync(temp, join(parent, id))
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new UserError(`incident ${id} already exists`)
        throw error
      }
      fsyncDir(parent)
      return events
    } finally {
      rmSync(temp, {recursive: true, force: true})
    }
  }

  async append(id: string, drafts: readonly EventDraft[], expect: AppendExpectation = {}): Promise<StoredEvent[]> {
    const log = this.fileLog(id)
    if (!log.exists()) throw await this.unknown(id)
    return log.append(drafts, expect)
  }

  async lastSeq(id: string): Promise<number> {
    const log = this.fileLog(id)
    if (!log.exists()) throw await this.unknown(id)
    return log.lastSeq()
  }

  async rawLog(id: string, options: {beforeRead?: (bytes: number) => void} = {}): Promise<Buffer> {
    const log = this.fileLog(id)
    if (!log.exists()) throw await this.unknown(id)
    return log.readBytes(options.beforeRead)
  }

  async importLog(id: string, log: Buffer): Promise<void> {
    const path = this.logPath(id)
    if (existsSync(path)) throw new UserError(`incident ${id} already exists in ${path}`)
    ensurePrivateDir(this.dirFor(id))
    ensurePrivateDir(join(this.dirFor(id), id))
    this.fileLog(id).createFromBytes(log)
  }

  async tornTail(id: string): Promise<{where: string; bytes: Buffer} | null> {
    const log = this.fileLog(id)
    if (!log.exists()) throw await this.unknown(id)
    const torn = log.tornTail()
    return torn && {where: log.path, bytes: torn.bytes}
  }

  async repairTornTail(id: string): Promise<{sideFile: string; bytes: number} | null> {
    const log = this.fileLog(id)
    if (!log.exists()) throw await this.unknown(id)
    return log.repairTornTail()
  }

  async repairFork(id: string, actor: string): Promise<{sideFile: string; fork: Fork} | {refused: string} | null> {
    const log = this.fileLog(id)
    if (!log.exists()) throw await this.unknown(id)
    return log.repairFork(actor)
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }

  async subscribe(id: string, onAppend: () => void): Promise<() => Promise<void>> {
    if (!(await this.exists(id))) throw await this.unknown(id)
    // The folder, not the file: a watch on the file would miss a log replaced by a repair.
    return watchFolder(join(this.dirFor(id), id), LOG_FILE, onAppend)
  }
}

import {randomBytes, randomUUID} from 'node:crypto'
import {closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, linkSync, openSync, readFileSync, readSync, rmSync} from 'node:fs'
import {basename, dirname} from 'node:path'
import {findFork, forkRepairDrafts, type Fork} from '../core/incident/fork.js'
import {EMPTY_TAIL, sealEvents, tailOf, type ChainTail} from '../core/incident/chain.js'
import {isStoredEvent, type EventDraft, type StoredEvent} from '../core/incident/events.js'
import {OperationalError, UserError} from '../core/errors.js'
import {FILE_MODE, fsyncDir, writeAll, writeFileAtomic} from './files.js'

const TAIL_CHUNK = 16 * 1024

let schemas: Promise<typeof import('../core/incident/event-schema.js')> | undefined
const loadSchemas = () => (schemas ??= import('../core/incident/event-schema.js'))

export interface AppendOptions {
  /** The clock that stamps recordedAt (the context's). */
  now: () => Date
}

/** What an append may expect of the log: that its last event is still the one the writer read (`afterSeq`). */
export interface AppendExpectation {
  afterSeq?: number
}

/**
 * The log has grown since the writer read it (another responder recorded something), so an append that expected
 * its last event to be `expected` wrote nothing. The writer reads again, checks, and tries again.
 */
export class LogMovedError extends OperationalError {
  constructor(
    readonly where: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${where} has events after #${expected} (now #${actual}) that were not read before this write; nothing was recorded`, {
      hint: 'Read the incident again and try again.',
    })
    this.name = 'LogMovedError'
  }
}

/**
 * The append-only event log of one incident: events.jsonl, one canonical JSON event per line, each
 * chained to the one before by SHA-256. Appends take a lock, read only the tail (cost stays flat as the
 * log grows), write one line and fsync before returning.
 */
export class EventLog {
  readonly path: string
  private readonly now: () => Date

  constructor(path: string, options: AppendOptions) {
    this.path = path
    this.now = options.now
  }

  exists(): boolean {
    return existsSync(this.path)
  }

  /**
   * Appends events in order, atomically with respect to other writers, durable on return. With `afterSeq`, only if
   * the log still ends at that event (checked under the lock); else LogMovedError and nothing is written.
   */
  async append(drafts: readonly EventDraft[], expect: AppendExpectation = {}): Promise<StoredEvent[]> {
    // Loaded here, not at start-up: commands that only read never pay for the schemas.
    const {checkDraft} = await loadSchemas()
    for (const draft of drafts) checkDraft(draft)
    const release = await this.lock()
    try {
      return this.appendLocked(drafts, expect)
    } finally {
      await release()
    }
  }

  /**
   * Creates the log with its first events, all or nothing: they are written to a temporary file beside it, made
   * durable, then linked into place (which fails if the log exists). A crash leaves no log or a whole one.
   */
  async create(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    const {checkDraft} = await loadSchemas()
    for (const draft of drafts) checkDraft(draft)
    const {events, bytes} = this.chain(drafts, EMPTY_TAIL)
    this.createFromBytes(bytes)
    return events
  }

  /** Writes a whole log at once, durable, linked into place only if there is none (a copy from another store). */
  createFromBytes(bytes: Buffer): void {
    const temp = `${this.path}.${randomBytes(6).toString('hex')}.new`
    const fd = openSync(temp, 'wx', FILE_MODE)
    try {
      writeAll(fd, bytes, temp)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    try {
      linkSync(temp, this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`${this.path} already exists`)
      throw error
    } finally {
      rmSync(temp, {force: true})
    }
    fsyncDir(dirname(this.path))
  }

  /** Events for drafts, chained after the tail, and their lines as one chunk. */
  private chain(drafts: readonly EventDraft[], tail: ChainTail): {events: StoredEvent[]; bytes: Buffer} {
    const sealed = sealEvents(drafts, tail, {recordedAt: this.now().toISOString(), newId: randomUUID})
    return {events: sealed.map((s) => s.event), bytes: Buffer.from(sealed.map((s) => s.line + '\n').join(''))}
  }

  readAll(): StoredEvent[] {
    const text = readFileSync(this.path, 'utf8')
    // A torn last line is left for `verify` and `repair`; the events before it are intact.
    const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1)
    const events: StoredEvent[] = []
    let line = 0
    for (const raw of complete.split('\n')) {
      line++
      // Blank lines (a stray newline from an editor) hold no event: `verify` names them, `repair` moves them aside.
      if (raw.trim() === '') continue
      const parsed = safeJson(raw)
      if (!isStoredEvent(parsed)) {
        throw new OperationalError(`${this.path}:${line} is not a valid event: the log was edited or damaged`, {
          hint: 'Run `runbook verify` to see the first bad line.',
        })
      }
      events.push(parsed)
    }
    return events
  }

  /**
   * The log's bytes, in memory that a second thread can read without a copy (a large log is verified on two,
   * store/log-verifier.ts); otherwise an ordinary Buffer.
   */
  readBytes(beforeRead?: (bytes: number) => void): Buffer {
    const fd = openSync(this.path, 'r')
    try {
      const size = fstatSync(fd).size
      beforeRead?.(size)
      const bytes = Buffer.from(new SharedArrayBuffer(size))
      let read = 0
      for (let n = 1; read < size && n > 0; read += n) n = readSync(fd, bytes, read, size - read, read)
      return bytes.subarray(0, read)
    } finally {
      closeSync(fd)
    }
  }

  /**
   * The sequence number of the last complete event, from the tail only (a few KB however long the log): what a
   * walk checks before each write to learn whether someone else recorded something. 0 for an empty log.
   */
  lastSeq(): number {
    const fd = openSync(this.path, 'r')
    try {
      const size = fstatSync(fd).size
      const tail = readTail(fd, size)
      if (blankTailStart(fd, size, tail) !== -1) throw blankTailError(this.path)
      if (!tail.lastCompleteLine) return 0
      const parsed = safeJson(tail.lastCompleteLine)
      if (!isStoredEvent(parsed))
        throw new OperationalError(`the last event in ${this.path} is damaged`, {hint: 'Run `runbook verify` to see the first bad line.'})
      return parsed.seq
    } finally {
      closeSync(fd)
    }
  }

  /**
   * The incomplete last line, if a write was interrupted, or the blank lines after the last event (an editor's
   * stray newline); null when the log ends cleanly.
   */
  tornTail(): {offset: number; bytes: Buffer} | null {
    const fd = openSync(this.path, 'r')
    try {
      const {size} = fstatSync(fd)
      const tail = readTail(fd, size)
      if (size === 0) return null
      if (tail.endsWithNewline) {
        const blank = blankTailStart(fd, size, tail)
        if (blank === -1) return null
        const bytes = Buffer.alloc(size - blank)
        readSync(fd, bytes, 0, bytes.length, blank)
        return {offset: blank, bytes}
      }
      return {offset: tail.lastLineStart, bytes: tail.lastLine}
    } finally {
      closeSync(fd)
    }
  }

  /** Under the lock: keeps `bytes` (the log from `offset` on) in a side file, durably, then cuts them from the log. */
  private moveAside(kind: 'torn' | 'fork', offset: number, bytes: Buffer): string {
    const sideFile = `${this.path}.${kind}-${this.now().toISOString().replace(/[:.]/g, '-')}`
    writeFileAtomic(sideFile, bytes)
    const fd = openSync(this.path, 'r+')
    try {
      ftruncateSync(fd, offset)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    return sideFile
  }

  /** Moves a torn last line into a side file and cuts it from the log; nothing else is touched. */
  async repairTornTail(): Promise<{sideFile: string; bytes: number} | null> {
    const release = await this.lock()
    try {
      const torn = this.tornTail()
      if (!torn) return null
      const sideFile = this.moveAside('torn', torn.offset, torn.bytes)
      return {sideFile, bytes: torn.bytes.length}
    } finally {
      await release()
    }
  }

  /**
   * Moves a forked branch aside into a side file and records its events again after the intact chain, with a record
   * of what was done; refuses anything that is not a clean fork (an edited event stays where it is, as evidence).
   */
  async repairFork(actor: string): Promise<{sideFile: string; fork: Fork} | {refused: string} | null> {
    const release = await this.lock()
    try {
      const finding = findFork(readFileSync(this.path))
      if ('none' in finding) return null
      if ('refused' in finding) return finding
      const {fork} = finding
      const sideFile = this.moveAside('fork', fork.offset, fork.bytes)
      const {checkDraft} = await loadSchemas()
      const drafts = forkRepairDrafts(fork, basename(sideFile), actor)
      for (const draft of drafts) checkDraft(draft)
      this.appendLocked(drafts)
      return {sideFile, fork}
    } finally {
      await release()
    }
  }

  private appendLocked(drafts: readonly EventDraft[], expect: AppendExpectation = {}): StoredEvent[] {
    const fd = openSync(this.path, 'a+', FILE_MODE)
    try {
      const {size} = fstatSync(fd)
      const tail = readTail(fd, size)
      if (size > 0 && !tail.endsWithNewline) {
        throw new OperationalError(`the incident log ${this.path} ends with an incomplete line (a write was interrupted); nothing new was recorded`, {
          hint: 'Run `runbook incident repair` to move the partial line aside, then try again.',
        })
      }
      if (blankTailStart(fd, size, tail) !== -1) throw blankTailError(this.path, 'nothing new was recorded')
      let last: StoredEvent | undefined
      if (tail.lastCompleteLine) {
        const parsed = safeJson(tail.lastCompleteLine)
        if (!isStoredEvent(parsed))
          throw new OperationalError(`the last event in ${this.path} is damaged; nothing new was recorded`, {
            hint: 'Run `runbook verify` to see the first bad line.',
          })
        last = parsed
      }
      // A writer that names its events may be retrying an append whose outcome it never learnt: if they are here
      // already, they are returned, not recorded twice. Only such writers pay for reading the log.
      const named = drafts.filter((d) => d.id !== undefined)
      if (named.length > 0) {
        const recorded = alreadyRecorded(this.readAll(), drafts, this.path)
        if (recorded) return recorded
      }
      const lastSeq = last?.seq ?? 0
      if (expect.afterSeq !== undefined && expect.afterSeq !== lastSeq) throw new LogMovedError(this.path, expect.afterSeq, lastSeq)
      const {events, bytes} = this.chain(drafts, tailOf(last))
      // Compare before write: the tail these events chain to must still be the tail. Under the lock it always is;
      // this refuses to fork the chain even if the lock were ever lost.
      if (fstatSync(fd).size !== size) {
        throw new OperationalError(`${this.path} changed while this write was prepared; nothing was recorded`, {hint: 'Try again.'})
      }
      // One write for the batch, every byte checked: a short write (a full disk) is cut back off, so the log is
      // as it was and nothing is acknowledged that is not wholly on disk.
      try {
        writeAll(fd, bytes, this.path)
        fsyncSync(fd)
      } catch (error) {
        ftruncateSync(fd, size)
        fsyncSync(fd)
        throw error
      }
      return events
    } finally {
      closeSync(fd)
    }
  }

  /**
   * The log's lock: an exclusive flock(2) on events.jsonl.lock, held by the kernel for the process that took it. A
   * holder that is alive keeps it however long it pauses (a laptop asleep, Ctrl-Z, a slow disk): nobody can steal
   * it, so two writers can never both append the same sequence number. A holder that dies loses it at once, so the
   * next append does not wait. The file is never removed, so there is nothing stale to clean up.
   */
  private async lock(): Promise<() => Promise<void>> {
    const {flockSync} = await loadFsExt()
    const path = `${this.path}.lock`
    const fd = openSync(path, 'a', FILE_MODE)
    const started = performance.now()
    for (let attempt = 0; ; attempt++) {
      try {
        flockSync(fd, 'exnb')
        break
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') {
          closeSync(fd)
          throw new OperationalError(`cannot lock ${this.path} (${code ?? 'unknown error'})`)
        }
        if (performance.now() - started > LOCK_WAIT_MS) {
          closeSync(fd)
          throw new OperationalError(`another runbook process has been writing to ${this.path} for more than ${LOCK_WAIT_MS / 1000} s; nothing was recorded`, {
            hint: 'It may be paused (Ctrl-Z, a suspended laptop). Let it finish, or stop it, then try again: the lock is released when it ends.',
          })
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 2)))
      }
    }
    return async () => {
      try {
        flockSync(fd, 'un')
      } finally {
        closeSync(fd)
      }
    }
  }
}

/** How long an append waits for another writer before saying so (a live holder is never interrupted). */
const LOCK_WAIT_MS = 60_000

let fsExt: Promise<typeof import('fs-ext')> | undefined
const loadFsExt = () => (fsExt ??= import('fs-ext').then((m) => ((m as {default?: typeof import('fs-ext')}).default ?? m) as typeof import('fs-ext')))

/**
 * The events of a retried batch when they were all recorded before (found by id), null when none was. Part of a
 * batch cannot be there (a batch is written whole), so that means ids reused for other events: refused.
 */
export function alreadyRecorded(events: readonly StoredEvent[], drafts: readonly EventDraft[], where: string): StoredEvent[] | null {
  const wanted = new Set(drafts.map((d) => d.id).filter((id) => id !== undefined))
  const found = events.filter((e) => e.id !== undefined && wanted.has(e.id))
  if (found.length === 0) return null
  if (found.length === drafts.length && drafts.every((d) => d.id !== undefined)) return found
  throw new OperationalError(`some of the event ids in this append are already in ${where} and some are not; nothing was recorded`, {
    hint: 'An event id names one event: give new events new ids (or none, and the store makes them).',
  })
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

interface Tail {
  endsWithNewline: boolean
  lastCompleteLine?: string
  lastLineStart: number
  lastLine: Buffer
}

const isBlankByte = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d

/**
 * Where blank lines after the log's last event begin, or -1 when there are none. An empty last line read as "no
 * event yet" started a new chain at event 1 after a stray newline, and every event after it was recorded there.
 * Looked for only when the last complete line is blank, so an append pays nothing for it.
 */
function blankTailStart(fd: number, size: number, tail: Tail): number {
  if (size === 0 || !tail.endsWithNewline || tail.lastCompleteLine?.trim()) return -1
  for (let chunk = Math.min(TAIL_CHUNK, size); ; chunk = Math.min(chunk * 2, size)) {
    const start = size - chunk
    const buffer = Buffer.alloc(chunk)
    readSync(fd, buffer, 0, chunk, start)
    let last = chunk - 1
    while (last >= 0 && isBlankByte(buffer[last])) last--
    if (last >= 0) return start + buffer.indexOf(0x0a, last) + 1
    if (start === 0) return 0
  }
}

function blankTailError(path: string, outcome?: string): OperationalError {
  return new OperationalError(`the incident log ${path} has blank lines after its last event (an editor may have added them)${outcome ? `; ${outcome}` : ''}`, {
    hint: 'Run `runbook incident repair` to move them aside, then try again.',
  })
}

/** Reads backwards from the end only as far as needed to find the last complete line. */
function readTail(fd: number, size: number): Tail {
  if (size === 0) return {endsWithNewline: true, lastLineStart: 0, lastLine: Buffer.alloc(0)}
  let chunkSize = Math.min(TAIL_CHUNK, size)
  for (;;) {
    const start = size - chunkSize
    const buffer = Buffer.alloc(chunkSize)
    readSync(fd, buffer, 0, chunkSize, start)
    const endsWithNewline = buffer[chunkSize - 1] === 0x0a
    const searchEnd = endsWithNewline ? chunkSize - 2 : chunkSize - 1
    const lastBreak = buffer.lastIndexOf(0x0a, searchEnd)
    if (lastBreak !== -1 || start === 0) {
      const lineStart = lastBreak + 1
      const lastLine = buffer.subarray(lineStart, endsWithNewline ? chunkSize - 1 : chunkSize)
      if (endsWithNewline) return {endsWithNewline, lastCompleteLine: lastLine.toString('utf8'), lastLineStart: start + lineStart, lastLine}
      // Torn tail: the last complete line is the one before the break.
      const prevBreak = lastBreak > 0 ? buffer.lastIndexOf(0x0a, lastBreak - 1) : -1
      if (lastBreak === -1) return {endsWithNewline, lastLineStart: start + lineStart, lastLine}
      if (prevBreak === -1 && start > 0) {
        chunkSize = Math.min(chunkSize * 2, size)
        continue
      }
      return {endsWithNewline, lastCompleteLine: buffer.subarray(prevBreak + 1, lastBreak).toString('utf8'), lastLineStart: start + lineStart, lastLine}
    }
    chunkSize = Math.min(chunkSize * 2, size)
  }
}

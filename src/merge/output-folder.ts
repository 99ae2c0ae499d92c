import {chmodSync, closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, truncateSync, rmSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {createHash, type Hash} from 'node:crypto'
import {join} from 'node:path'
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads'
import {OperationalError, UserError} from '../core/errors.js'
import type {Piece, SlotValues} from './pieces.js'
import {DIR_MODE, ensurePrivateDir, FILE_MODE, fsyncDir} from '../store/files.js'
import {ERROR_BYTES, readError, START_TIMEOUT_MS, STATE, STATE_SLOTS, type WriterRequest} from './writer-protocol.js'
import {PACKAGE_ROOT} from '../store/package-root.js'
import {compareOrdinal} from '../core/order.js'
import {hashPrefix} from './file-hash.js'

const BUFFER_SIZE = 1 << 20
/**
 * Memory of the buffers waiting for the writer thread (their size, not the bytes they hold: the last buffer of each
 * closed batch of letters is mostly empty); past this the main thread waits, so memory stays flat.
 */
const MAX_IN_FLIGHT = 4 << 20
/**
 * Written buffers come back from the writer and are filled again: memory for buffers is bounded by bytes
 * (in flight + one per open file + these), and none is left for the writer's garbage collector, which runs rarely
 * on a thread that allocates little (the dead buffers it held grew the peak with the number of rows). As many as
 * can be in flight: they come back in bursts, and one dropped from a burst was one allocated again soon after.
 */
const MAX_SPARE = MAX_IN_FLIGHT / BUFFER_SIZE + 2

interface OpenFile {
  name: string
  /** Bytes handed to the writer (on disk once it has caught up). */
  bytes: number
  /** Encoded straight into a fixed buffer, so each notice's strings die young and memory stays flat. */
  buffer: Buffer
  used: number
  /** The file's SHA-256 under way, when this thread keeps it (hashHere) rather than the writer. */
  hash?: Hash
}

export interface OutputFile {
  file: string
  sha256: string
  bytes: number
}

/** What a checkpoint remembers: how far the input was read and how many bytes of each output are good. */
export interface Checkpoint<S> {
  recipientsSha256: string
  options: string
  rowsDone: number
  outputs: Record<string, number>
  state: S
}

export const PROGRESS_FILE = '.progress.json'

/** What a mail merge writes into its folder: only these are ever replaced by --overwrite. */
const OUTPUT_NAMES = /^(notices\.mbox|rejects\.csv|duplicates\.csv|MANIFEST\.sha256|(letters|emails)-\d{4}\.(html|pdf)|\.progress\.json|\.dedupe[\w.-]*|eml)$/

/**
 * Makes the output folder ready: a new or empty folder is used as is; a folder with an earlier batch is refused
 * unless the run resumes it or --overwrite replaces it, and --overwrite never removes a file runbook did not write.
 * The folder and what is kept in it are made private (0700 / 0600), whatever their modes were.
 */
export function prepareOutputFolder(dir: string, options: {resume: boolean; overwrite: boolean}): void {
  if (!existsSync(dir)) return ensurePrivateDir(dir)
  if (!statSync(dir).isDirectory()) throw new UserError(`--out ${dir} is a file, not a folder`, {hint: 'Give a new or empty folder.'})
  const entries = readdirSync(dir)
  if (entries.length === 0 || options.resume) {
    chmodSync(dir, DIR_MODE)
    for (const name of entries) if (statSync(join(dir, name)).isFile()) chmodSync(join(dir, name), FILE_MODE)
    return
  }
  const foreign = entries.filter((name) => !OUTPUT_NAMES.test(name))
  if (!options.overwrite || foreign.length > 0) {
    throw new UserError(
      `--out ${dir} is not empty${foreign.length ? `: it holds files runbook did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''})` : ': it holds an earlier batch'}`,
      {
        hint: foreign.length
          ? 'Choose a new folder for this batch.'
          : 'Choose a new folder, continue an interrupted run with --resume, or replace the earlier batch with --overwrite.',
      },
    )
  }
  for (const name of entries) rmSync(join(dir, name), {recursive: true, force: true})
  chmodSync(dir, DIR_MODE)
  fsyncDir(dir)
}

/**
 * The output folder of a mail merge: append-only files with byte counts, buffered writes, and checkpoints that
 * fsync every file before recording how far the run got. Resuming truncates each file back to its checkpoint, so a
 * crash or Ctrl-C costs only the notices after the last checkpoint, and each one is produced exactly once.
 *
 * The main thread fills buffers; a writer thread writes them, hashes them and fsyncs at checkpoints, in the order
 * they were handed over, so the two cores work at once. Every call here stays synchronous.
 */
export class OutputFolder<S> {
  private readonly files = new Map<string, OpenFile>()
  /** Files complete and closed (finished letter batches), with their size; their hash comes from the writer. */
  private readonly closed = new Map<string, number>()
  private readonly worker: Worker
  private readonly replies: MessagePort
  /** Buffers the writer has written and hands back. */
  private readonly returned: MessagePort
  private readonly spare: ArrayBuffer[] = []
  private readonly state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * 4))
  private readonly errorText = new Uint8Array(new SharedArrayBuffer(ERROR_BYTES))
  private sent = 0
  private released = false
  private workerError: Error | undefined

  /** SHA-256 of the files hashed here, as each is closed. */
  private readonly digests = new Map<string, string>()

  /**
   * `hashHere`: files whose SHA-256 this thread keeps as it hands their buffers over, rather than the writer thread.
   * The writer copies every byte into the page cache and was the thread waited for (5 s of a million-row merge);
   * hashing the largest file here shares that work between the two cores.
   */
  constructor(
    readonly dir: string,
    private readonly resumeFrom?: Checkpoint<S>,
    private readonly hashHere: ReadonlySet<string> = new Set(),
  ) {
    ensurePrivateDir(dir)
    // Bytes written after the checkpoint are cut off now, also from files this run may not write to again.
    for (const [name, bytes] of Object.entries(resumeFrom?.outputs ?? {})) {
      const path = join(dir, name)
      if (existsSync(path)) truncateSync(path, bytes)
    }
    const channel = new MessageChannel()
    this.replies = channel.port1
    const buffers = new MessageChannel()
    this.returned = buffers.port1
    this.worker = new Worker(join(PACKAGE_ROOT, 'dist', 'merge', 'writer-thread.js'), {
      workerData: {state: this.state.buffer, error: this.errorText.buffer, replies: channel.port2, returned: buffers.port2},
      transferList: [channel.port2, buffers.port2],
      // The writer allocates little on its heap (the buffers are outside it): a small young generation keeps its
      // share of the peak small.
      resourceLimits: {maxYoungGenerationSizeMb: 2},
    })
    // The run waits for the writer explicitly (release, finish); an idle writer must not keep the process alive.
    this.worker.unref()
    // Reported by waitForWriter; without a listener a worker that fails to load would crash with a stack trace.
    this.worker.on('error', (error) => {
      this.workerError = error
    })
  }

  static readCheckpoint<S>(dir: string): Checkpoint<S> | undefined {
    const file = join(dir, PROGRESS_FILE)
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Checkpoint<S>) : undefined
  }

  private post(request: WriterRequest, transfer: ArrayBuffer[] = []): void {
    this.failIfWriterFailed()
    this.worker.postMessage(request, transfer)
    this.sent++
  }

  private failIfWriterFailed(): void {
    if (this.workerError && !this.released) {
      this.released = true
      throw new OperationalError(`the writer thread stopped: ${this.workerError.message}`, {
        hint: 'Reinstall runbook if dist/ is incomplete (npm ci builds it); continue with --resume: everything up to the last checkpoint is kept.',
      })
    }
    if (Atomics.load(this.state, STATE.failed)) {
      throw new OperationalError(`could not write the notices in ${this.dir}: ${readError(this.errorText)}`, {
        hint: 'Free space or fix the folder, then continue with --resume: everything up to the last checkpoint is kept.',
      })
    }
  }

  /** Blocks until the writer has handled everything sent so far and its last checkpoint is on disk (or `until` holds). */
  private waitForWriter(until: () => boolean = () => this.caughtUp()): void {
    const since = performance.now()
    while (!until()) {
      const handled = Atomics.load(this.state, STATE.handled)
      if (this.caughtUp() || Atomics.load(this.state, STATE.failed)) break
      if (!Atomics.load(this.state, STATE.started) && performance.now() - since > START_TIMEOUT_MS) {
        this.released = true
        void this.worker.terminate()
        throw new OperationalError(`the writer thread did not start${this.workerError ? `: ${this.workerError.message}` : ''}`, {
          hint: 'Reinstall runbook (npm ci builds dist/); nothing was written after the last checkpoint.',
        })
      }
      Atomics.wait(this.state, STATE.handled, handled, 200)
    }
    this.failIfWriterFailed()
  }

  private caughtUp(): boolean {
    return Atomics.load(this.state, STATE.handled) === this.sent && Atomics.load(this.state, STATE.syncing) === 0
  }

  private open(name: string): OpenFile {
    let file = this.files.get(name)
    if (file) return file
    const path = join(this.dir, name)
    ensurePrivateDir(join(path, '..'))
    const keep = this.resumeFrom?.outputs[name] ?? 0
    const here = this.hashHere.has(name)
    this.post({op: 'open', name, path, keep, hash: !here})
    file = {name, bytes: keep, buffer: this.emptyBuffer(), used: 0, ...(here ? {hash: keptHash(path, keep)} : {})}
    this.files.set(name, file)
    return file
  }

  write(name: string, text: string): void {
    const file = this.open(name)
    const length = Buffer.byteLength(text)
    if (file.used + length > BUFFER_SIZE) this.flush(file)
    if (length > BUFFER_SIZE) {
      const data = Buffer.allocUnsafeSlow(length)
      data.write(text)
      this.hand(file, data, length)
      return
    }
    file.used += file.buffer.write(text, file.used)
  }

  /** Writes a compiled notice: its shared bytes copied, its slots encoded from the values. */
  writePieces(name: string, pieces: readonly Piece[], values: SlotValues): void {
    const file = this.open(name)
    let length = 0
    for (const piece of pieces) length += typeof piece === 'string' ? Buffer.byteLength(values[piece]) : piece.length
    if (length > BUFFER_SIZE) {
      this.write(name, pieces.map((piece) => (typeof piece === 'string' ? values[piece] : piece.toString())).join(''))
      return
    }
    if (file.used + length > BUFFER_SIZE) this.flush(file)
    const {buffer} = file
    let used = file.used
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        used += buffer.write(values[piece], used)
      } else {
        // TypedArray#set: Buffer#copy checks its arguments in JavaScript on every call.
        buffer.set(piece, used)
        used += piece.length
      }
    }
    file.used = used
  }

  /** A file of its own (one .eml per notice), written whole by the writer; returns its SHA-256 for the manifest. */
  writeSeparate(name: string, text: string): string {
    const path = join(this.dir, name)
    ensurePrivateDir(join(path, '..'))
    const data = Buffer.allocUnsafeSlow(Buffer.byteLength(text))
    data.write(text)
    const sha256 = createHash('sha256').update(data).digest('hex')
    Atomics.add(this.state, STATE.pendingBytes, data.buffer.byteLength)
    this.post({op: 'separate', path, data: data.buffer as ArrayBuffer, length: data.length}, [data.buffer as ArrayBuffer])
    this.waitIfBehind()
    return sha256
  }

  /** Hands a filled buffer to the writer (it is transferred, not copied) and waits if too much is in flight. */
  private hand(file: OpenFile, data: Buffer, length: number): void {
    file.hash?.update(data.subarray(0, length))
    Atomics.add(this.state, STATE.pendingBytes, data.buffer.byteLength)
    this.post({op: 'write', name: file.name, position: file.bytes, data: data.buffer as ArrayBuffer, length}, [data.buffer as ArrayBuffer])
    file.bytes += length
    this.waitIfBehind()
  }

  private waitIfBehind(): void {
    if (Atomics.load(this.state, STATE.pendingBytes) > MAX_IN_FLIGHT)
      this.waitForWriter(() => Atomics.load(this.state, STATE.pendingBytes) <= MAX_IN_FLIGHT / 2)
  }

  /** `refill` false for a file being closed: a buffer taken for it would only wait for the garbage collector. */
  private flush(file: OpenFile, refill = true): void {
    if (file.used === 0) return
    this.hand(file, file.buffer, file.used)
    if (refill) file.buffer = this.emptyBuffer()
    file.used = 0
  }

  /** A buffer the writer has given back, else a new one. */
  private emptyBuffer(): Buffer {
    for (let back = receiveMessageOnPort(this.returned); back; back = receiveMessageOnPort(this.returned)) {
      this.keepSpare(back.message as ArrayBuffer)
    }
    const reused = this.spare.pop()
    return reused ? Buffer.from(reused) : Buffer.allocUnsafeSlow(BUFFER_SIZE)
  }

  private keepSpare(buffer: ArrayBuffer): void {
    if (buffer.byteLength === BUFFER_SIZE && this.spare.length < MAX_SPARE) this.spare.push(buffer)
  }

  /** Finishes one file (a full batch of letters): its buffer and descriptor are released, so memory stays flat. */
  close(name: string): void {
    const file = this.files.get(name)
    if (!file) return
    // A closed file's buffer, if it was never handed over, goes back to the spares.
    if (file.used === 0) this.keepSpare(file.buffer.buffer as ArrayBuffer)
    this.flush(file, false)
    if (file.hash) this.digests.set(name, file.hash.digest('hex'))
    this.post({op: 'close', name})
    this.files.delete(name)
    this.closed.set(name, file.bytes)
  }

  /** Hands everything over and has the writer fsync it, then record how far the run got. Does not wait. */
  checkpoint(recipientsSha256: string, options: string, rowsDone: number, state: S): void {
    for (const file of this.files.values()) this.flush(file)
    const outputs = {
      ...this.resumeFrom?.outputs,
      ...Object.fromEntries(this.closed),
      ...Object.fromEntries([...this.files].map(([name, f]) => [name, f.bytes] as const)),
    }
    this.post({
      op: 'checkpoint',
      names: [...this.files.keys()],
      dir: this.dir,
      progressPath: join(this.dir, PROGRESS_FILE),
      progress: JSON.stringify({recipientsSha256, options, rowsDone, outputs, state} satisfies Checkpoint<S>),
    })
  }

  /** Waits for the writer to finish what it was given (the last checkpoint included) and stops it. */
  release(): void {
    if (this.released) return
    this.released = true
    try {
      this.waitForWriter()
    } finally {
      void this.worker.terminate()
      this.replies.close()
      this.returned.close()
    }
  }

  /** Closes every file and says what each holds; the progress file is removed once the run is complete. */
  async finish(): Promise<OutputFile[]> {
    for (const name of [...this.files.keys()]) this.close(name)
    this.post({op: 'finish'})
    this.waitForWriter()
    const digests = {
      ...(receiveMessageOnPort(this.replies)?.message as {digests: Record<string, string>} | undefined)?.digests,
      ...Object.fromEntries(this.digests),
    }
    this.release()
    fsyncDir(this.dir)
    rmSync(join(this.dir, PROGRESS_FILE), {force: true})
    const outputs: OutputFile[] = [...this.closed].map(([file, bytes]) => ({file, sha256: digests[file]!, bytes}))
    // Files finished by an interrupted run and not touched since: hashed from disk.
    for (const [file, bytes] of Object.entries(this.resumeFrom?.outputs ?? {})) {
      if (!this.closed.has(file)) outputs.push({file, sha256: await sha256File(join(this.dir, file)), bytes})
    }
    return outputs.sort((a, b) => compareOrdinal(a.file, b.file))
  }
}

/** The SHA-256 under way of a file a resumed run writes on: its kept bytes (already cut to `keep`) hashed first. */
function keptHash(path: string, keep: number): Hash {
  if (keep === 0 || !existsSync(path)) return createHash('sha256')
  const fd = openSync(path, 'r')
  try {
    return hashPrefix(fd, keep)
  } finally {
    closeSync(fd)
  }
}

/**
 * One buffer, read into again and again: a read stream makes a new buffer per chunk, and a recipients file of
 * 100 MB left that much garbage outside the JavaScript heap, which raised the merge's peak memory for good.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  const file = await open(path, 'r')
  try {
    const chunk = Buffer.allocUnsafeSlow(1 << 20)
    for (let read = await file.read(chunk, 0, chunk.length); read.bytesRead > 0; read = await file.read(chunk, 0, chunk.length))
      hash.update(chunk.subarray(0, read.bytesRead))
  } finally {
    await file.close()
  }
  return hash.digest('hex')
}

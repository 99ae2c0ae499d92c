import {closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, truncateSync, writeSync, createReadStream, rmSync} from 'node:fs'
import {createHash, type Hash} from 'node:crypto'
import {join} from 'node:path'
import type {Piece, SlotValues} from '../render/merge-pieces.js'
import {ensurePrivateDir, FILE_MODE, fsyncDir, writeFileAtomic} from './files.js'

const BUFFER_SIZE = 1 << 20

interface OpenFile {
  fd: number
  /** Bytes on disk. */
  bytes: number
  /** Encoded straight into a fixed buffer, so each notice's strings die young and memory stays flat. */
  buffer: Buffer
  used: number
  /** SHA-256 of the bytes on disk, kept up to date as they are written, so the file is not read again to hash it. */
  hash: Hash
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

/**
 * The output folder of a mail merge: append-only files with byte counts, buffered writes, and checkpoints that
 * fsync every file before recording how far the run got. Resuming truncates each file back to its checkpoint, so a
 * crash or Ctrl-C costs only the notices after the last checkpoint, and each one is produced exactly once.
 */
export class OutputFolder<S> {
  private readonly files = new Map<string, OpenFile>()
  /** Files already complete and closed (finished letter batches). */
  private readonly closed = new Map<string, OutputFile>()

  constructor(readonly dir: string, private readonly resumeFrom?: Checkpoint<S>) {
    ensurePrivateDir(dir)
    // Bytes written after the checkpoint are cut off now, also from files this run may not write to again.
    for (const [name, bytes] of Object.entries(resumeFrom?.outputs ?? {})) {
      const path = join(dir, name)
      if (existsSync(path)) truncateSync(path, bytes)
    }
  }

  static readCheckpoint<S>(dir: string): Checkpoint<S> | undefined {
    const file = join(dir, PROGRESS_FILE)
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Checkpoint<S>) : undefined
  }

  private open(name: string): OpenFile {
    let file = this.files.get(name)
    if (file) return file
    const path = join(this.dir, name)
    ensurePrivateDir(join(path, '..'))
    const fd = openSync(path, 'a+', FILE_MODE)
    const good = this.resumeFrom?.outputs[name] ?? 0
    // Anything past the last checkpoint was written by the interrupted run and will be written again.
    ftruncateSync(fd, good)
    file = {fd, bytes: good, buffer: Buffer.allocUnsafe(BUFFER_SIZE), used: 0, hash: hashPrefix(fd, good)}
    this.files.set(name, file)
    return file
  }

  write(name: string, text: string): void {
    const file = this.open(name)
    const length = Buffer.byteLength(text)
    if (file.used + length > BUFFER_SIZE) this.flush(file)
    if (length > BUFFER_SIZE) {
      const data = Buffer.from(text)
      writeSync(file.fd, data, 0, data.length, file.bytes)
      file.hash.update(data)
      file.bytes += data.length
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
    for (const piece of pieces) used += typeof piece === 'string' ? buffer.write(values[piece], used) : piece.copy(buffer, used)
    file.used = used
  }

  /** A file of its own (one .eml per notice), written whole; returns its SHA-256 for the manifest. */
  writeSeparate(name: string, text: string): string {
    const path = join(this.dir, name)
    const data = Buffer.from(text)
    const fd = openSync(path, 'w', FILE_MODE)
    try {
      writeSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    return createHash('sha256').update(data).digest('hex')
  }

  private flush(file: OpenFile): void {
    if (file.used === 0) return
    writeSync(file.fd, file.buffer, 0, file.used, file.bytes)
    file.hash.update(file.buffer.subarray(0, file.used))
    file.bytes += file.used
    file.used = 0
  }

  /** Finishes one file (a full batch of letters): its buffer and descriptor are released, so memory stays flat. */
  close(name: string): void {
    const file = this.files.get(name)
    if (!file) return
    this.flush(file)
    fsyncSync(file.fd)
    closeSync(file.fd)
    this.files.delete(name)
    this.closed.set(name, {file: name, sha256: file.hash.digest('hex'), bytes: file.bytes})
  }

  /** Flushes and fsyncs everything, then records how far the run got. */
  checkpoint(recipientsSha256: string, options: string, rowsDone: number, state: S): void {
    for (const file of this.files.values()) {
      this.flush(file)
      fsyncSync(file.fd)
    }
    fsyncDir(this.dir)
    const outputs = {...this.resumeFrom?.outputs, ...Object.fromEntries([...this.closed.values()].map((f) => [f.file, f.bytes] as const)), ...Object.fromEntries([...this.files].map(([name, f]) => [name, f.bytes] as const))}
    writeFileAtomic(join(this.dir, PROGRESS_FILE), JSON.stringify({recipientsSha256, options, rowsDone, outputs, state} satisfies Checkpoint<S>))
  }

  /** Closes every file and says what each holds; the progress file is removed once the run is complete. */
  async finish(): Promise<OutputFile[]> {
    for (const name of [...this.files.keys()]) this.close(name)
    fsyncDir(this.dir)
    rmSync(join(this.dir, PROGRESS_FILE), {force: true})
    const outputs = [...this.closed.values()]
    // Files finished by an interrupted run and not touched since: hashed from disk.
    for (const [file, bytes] of Object.entries(this.resumeFrom?.outputs ?? {})) {
      if (!this.closed.has(file)) outputs.push({file, sha256: await sha256File(join(this.dir, file)), bytes})
    }
    return outputs.sort((a, b) => a.file.localeCompare(b.file))
  }
}

/** A hash of the first `bytes` of an open file (what a resumed run keeps of it). */
function hashPrefix(fd: number, bytes: number): Hash {
  const hash = createHash('sha256')
  const chunk = Buffer.allocUnsafe(Math.min(BUFFER_SIZE, Math.max(1, bytes)))
  for (let at = 0; at < bytes;) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, bytes - at), at)
    if (read === 0) break
    hash.update(chunk.subarray(0, read))
    at += read
  }
  return hash
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

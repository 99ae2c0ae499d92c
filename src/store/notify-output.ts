import {closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync, createReadStream, rmSync} from 'node:fs'
import {createHash} from 'node:crypto'
import {join} from 'node:path'
import {ensurePrivateDir, FILE_MODE, fsyncDir, writeFileAtomic} from './files.js'

const BUFFER_SIZE = 1 << 20

interface OpenFile {
  fd: number
  /** Bytes on disk. */
  bytes: number
  /** Encoded straight into a fixed buffer, so each notice's strings die young and memory stays flat. */
  buffer: Buffer
  used: number
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
  /** Files already complete and closed (finished letter batches), with their final size. */
  private readonly closed = new Map<string, number>()

  constructor(readonly dir: string, private readonly resumeFrom?: Checkpoint<S>) {
    ensurePrivateDir(dir)
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
    file = {fd, bytes: good, buffer: Buffer.allocUnsafe(BUFFER_SIZE), used: 0}
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
      file.bytes += data.length
      return
    }
    file.used += file.buffer.write(text, file.used)
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
    this.closed.set(name, file.bytes)
  }

  /** Flushes and fsyncs everything, then records how far the run got. */
  checkpoint(recipientsSha256: string, options: string, rowsDone: number, state: S): void {
    for (const file of this.files.values()) {
      this.flush(file)
      fsyncSync(file.fd)
    }
    fsyncDir(this.dir)
    const outputs = Object.fromEntries([...this.closed, ...[...this.files].map(([name, f]) => [name, f.bytes] as const)])
    writeFileAtomic(join(this.dir, PROGRESS_FILE), JSON.stringify({recipientsSha256, options, rowsDone, outputs, state} satisfies Checkpoint<S>))
  }

  /** Closes every file; the progress file is removed once the run is complete. */
  finish(): string[] {
    for (const file of this.files.values()) {
      this.flush(file)
      fsyncSync(file.fd)
      closeSync(file.fd)
    }
    rmSync(join(this.dir, PROGRESS_FILE), {force: true})
    return [...new Set([...this.files.keys(), ...this.closed.keys(), ...Object.keys(this.resumeFrom?.outputs ?? {})])].sort()
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

import {closeSync, fstatSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {FirstSeen, hash32, preferredMatch, type DuplicateMatch, type KeyKind, type Seeds, KEY_ID} from './dedupe.js'
import {FILE_MODE} from '../store/files.js'
import {OperationalError} from '../core/errors.js'

/** Fingerprints in one partition that fit a fixed-size table; bigger partitions are split again. */
const MAX_KEYS_IN_MEMORY = 1 << 20
/** One partition per this many bytes of CSV (about 30,000 recipients), at most MAX_PARTITIONS. */
const BYTES_PER_PARTITION = 4 << 20
const MAX_PARTITIONS = 256
const SPLIT_FANOUT = 16
const INDEX_PREFIX = '.dedupe-'
/**
 * Records buffered per open file: key records are 5 words (high, low, row, kind, key offset), matches 3 (row, first
 * row, kind). Small, because every partition keeps its buffers open at once: at 4,096 records and 64 KB of keys a
 * partition held 144 KB, 37 MB at the 256 partitions of a CSV of 1 GB or more; now 36 KB, 9 MB (the writes are
 * four times as many and still few: 40 MB of key records at a million rows).
 */
const BUFFERED_RECORDS = 1024
const KEY_WIDTH = 5
const KEY_BUFFER = 16 << 10

class RecordWriter {
  private readonly buffer: Uint32Array
  private used = 0
  count = 0
  private readonly fd: number

  constructor(
    readonly path: string,
    private readonly width: number,
  ) {
    this.buffer = new Uint32Array(BUFFERED_RECORDS * width)
    this.fd = openSync(path, 'w', FILE_MODE)
  }

  add(a: number, b: number, c: number, d = 0, e = 0): void {
    const at = this.used
    this.buffer[at] = a
    this.buffer[at + 1] = b
    this.buffer[at + 2] = c
    if (this.width > 3) this.buffer[at + 3] = d
    if (this.width > 4) this.buffer[at + 4] = e
    this.used += this.width
    this.count++
    if (this.used === this.buffer.length) this.flush()
  }

  private flush(): void {
    if (this.used) writeSync(this.fd, this.buffer, 0, this.used * 4)
    this.used = 0
  }

  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

/**
 * The keys themselves, beside their fingerprints: each as a 4-byte length and its UTF-8 bytes, so two keys that
 * share a fingerprint are told apart by comparing them (no notice is dropped on a hash collision).
 */
class KeyWriter {
  private readonly buffer = Buffer.allocUnsafe(KEY_BUFFER)
  private used = 0
  /** Bytes written so far: the offset of the next key. */
  offset = 0
  private readonly fd: number

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', FILE_MODE)
  }

  add(key: Buffer): number {
    const at = this.offset
    const need = 4 + key.length
    if (this.used + need > this.buffer.length) this.flush()
    if (need > this.buffer.length) {
      const whole = Buffer.allocUnsafe(need)
      whole.writeUInt32LE(key.length, 0)
      key.copy(whole, 4)
      writeSync(this.fd, whole)
    } else {
      this.buffer.writeUInt32LE(key.length, this.used)
      key.copy(this.buffer, this.used + 4)
      this.used += need
    }
    this.offset += need
    return at
  }

  private flush(): void {
    if (this.used) writeSync(this.fd, this.buffer, 0, this.used)
    this.used = 0
  }

  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

/** A partition on disk: fingerprint records and the keys they stand for. */
class PartitionWriter {
  readonly records: RecordWriter
  readonly keys: KeyWriter

  constructor(readonly path: string) {
    this.records = new RecordWriter(path, KEY_WIDTH)
    this.keys = new KeyWriter(`${path}.keys`)
  }

  add(high: number, low: number, row: number, kind: number, key: Buffer): void {
    this.records.add(high, low, row, kind, this.keys.add(key))
  }

  get count(): number {
    return this.records.count
  }

  close(): void {
    this.records.close()
    this.keys.close()
  }
}

const keyAt = (bytes: Buffer, offset: number): Buffer => bytes.subarray(offset + 4, offset + 4 + bytes.readUInt32LE(offset))

/** Reads fixed-width records of 32-bit words back in order, a buffer at a time. */
class RecordReader {
  private readonly buffer: Uint32Array
  private fd: number | undefined
  private length = 0
  /** Index (in words) of the current record in the buffer. */
  at = 0

  constructor(
    path: string,
    readonly width: number,
  ) {
    this.buffer = new Uint32Array(BUFFERED_RECORDS * width)
    this.fd = openSync(path, 'r')
    this.fill()
  }

  get done(): boolean {
    return this.at >= this.length
  }

  word(index: number): number {
    return this.buffer[this.at + index]!
  }

  next(): void {
    this.at += this.width
    if (this.at >= this.length) this.fill()
  }

  private fill(): void {
    this.at = 0
    this.length = 0
    if (this.fd === undefined) return
    const bytes = readSync(this.fd, this.buffer, 0, this.buffer.byteLength, null)
    this.length = Math.floor(bytes / 4)
    if (bytes === 0) this.close()
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}

/**
 * The duplicate pre-pass, on disk: every key of every valid row goes, as a fingerprint with its row, to one of a
 * number of partition files chosen by the fingerprint. Each partition is then read in row order through a table
 * sized for it, and the rows whose key was seen before are written, still in row order, to a matches file. The
 * mail merge reads the matches back, merged across partitions, as it reaches each row. Memory stays the same
 * whatever the number of recipients: more recipients make more partitions, not bigger tables.
 */
/** Removes duplicate indexes that a killed run left in its output folder (only ever ours, by name). */
export function removeStaleIndexes(outputDir: string): void {
  for (const name of readdirSync(outputDir)) if (name.startsWith(INDEX_PREFIX)) rmSync(join(outputDir, name), {recursive: true, force: true})
}

export interface IndexLimits {
  maxKeysInMemory?: number
  /** For tests: a fingerprint that collides on purpose. */
  fingerprint?: (key: string) => [number, number]
}

export class DuplicateIndexBuilder {
  readonly dir: string
  private readonly partitions: PartitionWriter[]
  private readonly maxKeysInMemory: number
  private readonly fingerprint: (key: string) => [number, number]
  /**
   * One table and one keys buffer for every partition in turn: a fresh pair per partition (about 4 MB at a million
   * rows) was garbage outside the JavaScript heap, collected late, and lifted the peak as the partitions were read.
   */
  private tableWords: Uint32Array | undefined
  private keyBytes: Buffer | undefined

  constructor(parent: string, csvBytes: number, seeds: Seeds, limits: IndexLimits = {}) {
    this.dir = mkdtempSync(join(parent, INDEX_PREFIX))
    this.maxKeysInMemory = limits.maxKeysInMemory ?? MAX_KEYS_IN_MEMORY
    this.fingerprint = limits.fingerprint ?? ((key) => [hash32(key, seeds[0]), hash32(key, seeds[1])])
    const count = Math.min(MAX_PARTITIONS, Math.max(1, Math.ceil(csvBytes / BYTES_PER_PARTITION)))
    this.partitions = Array.from({length: count}, (_, i) => new PartitionWriter(join(this.dir, `keys-${i}`)))
  }

  /** An id and an email are different keys even when they are the same text (an id may be an address). */
  add(row: number, kind: KeyKind, key: string): void {
    const [high, low] = this.fingerprint(`${kind}\u0000${key}`)
    this.partitions[high % this.partitions.length]!.add(high, low, row, kind, Buffer.from(`${kind}\u0000${key}`))
  }

  /** Finds the duplicates of every partition; the keys files are removed as each is done. */
  finish(): DuplicateIndex {
    const matches: string[] = []
    for (const partition of this.partitions) {
      partition.close()
      this.resolve(partition.path, partition.count, 0, matches)
    }
    return new DuplicateIndex(this.dir, matches)
  }

  private resolve(path: string, count: number, depth: number, matches: string[]): void {
    const reader = new RecordReader(path, KEY_WIDTH)
    const keys = this.readKeys(`${path}.keys`)
    if (count > this.maxKeysInMemory && depth < 6) {
      // Too many keys for one table: split by other bits of the fingerprint (row order is kept within each part).
      const parts = Array.from({length: SPLIT_FANOUT}, (_, i) => new PartitionWriter(`${path}.${i}`))
      for (; !reader.done; reader.next()) {
        parts[(reader.word(1) >>> (depth * 4)) % SPLIT_FANOUT]!.add(reader.word(0), reader.word(1), reader.word(2), reader.word(3), keyAt(keys, reader.word(4)))
      }
      reader.close()
      rmSync(path)
      rmSync(`${path}.keys`)
      for (const part of parts) {
        part.close()
        this.resolve(part.path, part.count, depth + 1, matches)
      }
      return
    }
    const words = FirstSeen.capacityFor(count) * 4
    if (!this.tableWords || this.tableWords.length < words) this.tableWords = new Uint32Array(words)
    const table = new FirstSeen(count, keys, this.tableWords)
    const out = new RecordWriter(`${path}.matches`, 3)
    for (; !reader.done; reader.next()) {
      const row = reader.word(2)
      const first = table.claim(reader.word(0), reader.word(1), row, reader.word(4))
      if (first !== row) out.add(row, first, reader.word(3))
    }
    reader.close()
    out.close()
    rmSync(path)
    rmSync(`${path}.keys`)
    if (out.count) matches.push(out.path)
    else rmSync(out.path)
  }

  /** A partition's keys file, read into the reused buffer (valid until the next call). */
  private readKeys(path: string): Buffer {
    const fd = openSync(path, 'r')
    try {
      const {size} = fstatSync(fd)
      if (!this.keyBytes || this.keyBytes.length < size) this.keyBytes = Buffer.allocUnsafeSlow(Math.max(size, (this.keyBytes?.length ?? 0) * 2))
      for (let at = 0; at < size;) {
        const read = readSync(fd, this.keyBytes, at, size - at, at)
        if (read === 0)
          throw new OperationalError(`${path} was cut short while the duplicates were found`, {
            hint: 'Check the disk that holds --out, then run the command again.',
          })
        at += read
      }
      return this.keyBytes.subarray(0, size)
    } finally {
      closeSync(fd)
    }
  }

  /** Removes the temporary files (after an error, or once the index is no longer needed). */
  discard(): void {
    rmSync(this.dir, {recursive: true, force: true})
  }
}

/** The duplicates, read in row order: ask for rows in increasing order. */
export class DuplicateIndex {
  private readonly readers: RecordReader[]
  private nextRow = 0

  constructor(
    private readonly dir: string,
    files: string[],
  ) {
    this.readers = files.map((file) => new RecordReader(file, 3))
    this.nextRow = this.smallestHead()
  }

  /** Whether this row repeats an earlier row's id or email, and which row. */
  match(row: number): DuplicateMatch | undefined {
    if (row < this.nextRow) return undefined
    let found: DuplicateMatch | undefined
    for (const reader of this.readers) {
      while (!reader.done && reader.word(0) < row) reader.next()
      while (!reader.done && reader.word(0) === row) {
        found = preferredMatch(found, {firstRow: reader.word(1), same: reader.word(2) === KEY_ID ? 'id' : 'email'})
        reader.next()
      }
    }
    this.nextRow = this.smallestHead()
    return found
  }

  get files(): number {
    return this.readers.length
  }

  private smallestHead(): number {
    let smallest = Number.POSITIVE_INFINITY
    for (const reader of this.readers) if (!reader.done && reader.word(0) < smallest) smallest = reader.word(0)
    return smallest
  }

  close(): void {
    for (const reader of this.readers) reader.close()
    rmSync(this.dir, {recursive: true, force: true})
  }
}

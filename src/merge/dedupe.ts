/**
 * Duplicate recipients, found in constant memory. A row is a duplicate when its id or its email (case-insensitive)
 * was on an earlier valid row; it gets no notice, and duplicates.csv names the earliest row it matched.
 *
 * Keys are sorted into partitions and looked up by 64-bit fingerprints (two 32-bit hashes with random per-run
 * seeds); two keys with the same fingerprint are compared byte for byte, so a hash collision can never make a
 * different recipient a "duplicate" and cost them their notice. The keys sit in a 0700 folder inside --out for
 * the run and are removed at its end (they are the same ids and addresses the recipients file holds).
 */

export const KEY_ID = 0
export const KEY_EMAIL = 1
export type KeyKind = typeof KEY_ID | typeof KEY_EMAIL

export type Seeds = readonly [number, number]

/** MurmurHash3's mixing over UTF-16 code units, seeded. */
export function hash32(text: string, seed: number): number {
  let h = (seed ^ text.length) | 0
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    h ^= Math.imul(k, 0x1b873593)
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** The keys of a recipient: its id, and its email lower-cased when it has one. */
export function recipientKeys(id: string, email: string): [KeyKind, string][] {
  return email
    ? [
        [KEY_ID, id],
        [KEY_EMAIL, email.toLowerCase()],
      ]
    : [[KEY_ID, id]]
}

/**
 * First row per key, in an open-addressing table of typed arrays: 16 bytes a slot, no object per key. A slot holds
 * the key's fingerprint and where its bytes are; equal fingerprints are confirmed by comparing the keys. Sized for
 * a known number of keys (one partition of the input), so its memory is fixed when it is made.
 */
export class FirstSeen {
  private readonly high: Uint32Array
  private readonly low: Uint32Array
  /** Row + 1; 0 marks an empty slot. */
  private readonly rows: Uint32Array
  private readonly offsets: Uint32Array
  private readonly mask: number

  /** `keys` holds every key of the partition, each as a 4-byte length and its bytes. */
  constructor(
    count: number,
    private readonly keys: Buffer,
    /** Words to build the table in (reused from one partition to the next), if there are enough. */
    storage?: Uint32Array,
  ) {
    const capacity = FirstSeen.capacityFor(count)
    const words = storage && storage.length >= capacity * 4 ? storage : new Uint32Array(capacity * 4)
    this.high = words.subarray(0, capacity)
    this.low = words.subarray(capacity, capacity * 2)
    this.rows = words.subarray(capacity * 2, capacity * 3).fill(0)
    this.offsets = words.subarray(capacity * 3, capacity * 4)
    this.mask = capacity - 1
  }

  /** Slots for `count` keys (at most half full); the table takes four words a slot. */
  static capacityFor(count: number): number {
    let capacity = 16
    while (capacity < count * 2) capacity *= 2
    return capacity
  }

  /** The first row that had this key (found at `offset` in the keys); the row itself when it is the first. */
  claim(high: number, low: number, row: number, offset: number): number {
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & this.mask
    for (;;) {
      const stored = this.rows[slot]!
      if (stored === 0) {
        this.high[slot] = high
        this.low[slot] = low
        this.rows[slot] = row + 1
        this.offsets[slot] = offset
        return row
      }
      if (this.high[slot] === high && this.low[slot] === low && this.sameKey(this.offsets[slot]!, offset)) return stored - 1
      slot = (slot + 1) & this.mask
    }
  }

  private sameKey(a: number, b: number): boolean {
    const length = this.keys.readUInt32LE(a)
    return length === this.keys.readUInt32LE(b) && this.keys.compare(this.keys, b + 4, b + 4 + length, a + 4, a + 4 + length) === 0
  }
}

export interface DuplicateMatch {
  /** The earliest row with the same key. */
  firstRow: number
  same: 'id' | 'email'
}

/** Of the matches found for one row (its id and its email), the one to report: the id first, then the earlier row. */
export function preferredMatch(a: DuplicateMatch | undefined, b: DuplicateMatch): DuplicateMatch {
  if (!a) return b
  if (a.same !== b.same) return a.same === 'id' ? a : b
  return a.firstRow <= b.firstRow ? a : b
}

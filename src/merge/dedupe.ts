/**
 * Duplicate recipients, found in constant memory. A row is a duplicate when its id or its email (case-insensitive)
 * was on an earlier valid row; it gets no notice, and duplicates.csv names the earliest row it matched.
 *
 * Keys are reduced to 64-bit fingerprints (two 32-bit hashes with random per-run seeds, so the fingerprints in the
 * temporary files say nothing about an address without the seeds). At a million recipients (two million keys) the
 * chance that two different keys share a fingerprint is about 1 in 10 million per run.
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
  return email ? [[KEY_ID, id], [KEY_EMAIL, email.toLowerCase()]] : [[KEY_ID, id]]
}

/**
 * First row per fingerprint, in an open-addressing table of typed arrays: 12 bytes a slot, no object per key.
 * Sized for a known number of keys (one partition of the input), so its memory is fixed when it is made.
 */
export class FirstSeen {
  private readonly high: Uint32Array
  private readonly low: Uint32Array
  /** Row + 1; 0 marks an empty slot. */
  private readonly rows: Uint32Array
  private readonly mask: number

  constructor(keys: number) {
    let capacity = 16
    while (capacity < keys * 2) capacity *= 2
    this.high = new Uint32Array(capacity)
    this.low = new Uint32Array(capacity)
    this.rows = new Uint32Array(capacity)
    this.mask = capacity - 1
  }

  /** The first row that had this fingerprint; the row itself when it is the first. */
  claim(high: number, low: number, row: number): number {
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & this.mask
    for (;;) {
      const stored = this.rows[slot]!
      if (stored === 0) {
        this.high[slot] = high
        this.low[slot] = low
        this.rows[slot] = row + 1
        return row
      }
      if (this.high[slot] === high && this.low[slot] === low) return stored - 1
      slot = (slot + 1) & this.mask
    }
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

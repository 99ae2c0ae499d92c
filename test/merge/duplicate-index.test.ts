import {describe, expect, it} from 'vitest'
import {KEY_EMAIL, KEY_ID, type DuplicateMatch} from '../../src/merge/dedupe.js'
import {DuplicateIndexBuilder} from '../../src/merge/duplicate-index.js'
import {tempDir} from '../helpers/cli.js'

/** The obvious in-memory answer: a row repeats the earliest earlier row with its id, else with its email. */
function reference(rows: [string, string][]): Map<number, DuplicateMatch> {
  const firstId = new Map<string, number>()
  const firstEmail = new Map<string, number>()
  const result = new Map<number, DuplicateMatch>()
  rows.forEach(([id, email], index) => {
    const row = index + 1
    const byId = firstId.get(id)
    const byEmail = email ? firstEmail.get(email.toLowerCase()) : undefined
    if (byId !== undefined) result.set(row, {firstRow: byId, same: 'id'})
    else if (byEmail !== undefined) result.set(row, {firstRow: byEmail, same: 'email'})
    if (byId === undefined) firstId.set(id, row)
    if (email && byEmail === undefined) firstEmail.set(email.toLowerCase(), row)
  })
  return result
}

function build(rows: [string, string][], csvBytes: number, maxKeysInMemory?: number, fingerprint?: (key: string) => [number, number]) {
  const builder = new DuplicateIndexBuilder(tempDir(), csvBytes, [12345, 67890], {maxKeysInMemory, fingerprint})
  rows.forEach(([id, email], index) => {
    builder.add(index + 1, KEY_ID, id)
    if (email) builder.add(index + 1, KEY_EMAIL, email.toLowerCase())
  })
  const index = builder.finish()
  const found = new Map<number, DuplicateMatch>()
  for (let row = 1; row <= rows.length; row++) {
    const match = index.match(row)
    if (match) found.set(row, match)
  }
  index.close()
  return found
}

describe('the duplicate index', () => {
  it('finds rows that repeat an id or an email (any case) and names the earliest row', () => {
    const rows: [string, string][] = [
      ['1', 'a@x.org'],
      ['2', 'A@X.org'],
      ['1', 'b@x.org'],
      ['3', ''],
      ['4', 'c@x.org'],
      ['3', 'c@x.org'],
    ]
    expect(build(rows, 100)).toEqual(
      new Map([
        [2, {firstRow: 1, same: 'email'}],
        [3, {firstRow: 1, same: 'id'}],
        [6, {firstRow: 4, same: 'id'}],
      ]),
    )
  })

  it('gives the same answer as an in-memory set over many partitions and tables split to fit', () => {
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1664525 + 1013904223) % 4294967296
      return Math.floor((seed / 4294967296) * n)
    }
    const rows: [string, string][] = Array.from({length: 20_000}, () => [`C${random(15_000)}`, random(10) === 0 ? '' : `u${random(15_000)}@mail.example`])
    const expected = reference(rows)
    expect(expected.size).toBeGreaterThan(5000)
    // 64 partitions (one per 4 MiB claimed), each split again because only 100 keys fit a table.
    expect(build(rows, 256 << 20, 100)).toEqual(expected)
    expect(build(rows, 10)).toEqual(expected)
  })

  it('never takes two different keys for one because their fingerprints are equal', () => {
    // Every key gets the same fingerprint: only comparing the keys themselves can tell them apart.
    const rows: [string, string][] = [
      ['1', 'a@x.org'],
      ['2', 'b@x.org'],
      ['1', 'c@x.org'],
      ['3', 'B@x.org'],
    ]
    expect(build(rows, 100, undefined, () => [7, 7])).toEqual(
      new Map([
        [3, {firstRow: 1, same: 'id'}],
        [4, {firstRow: 2, same: 'email'}],
      ]),
    )
    let seed = 3
    const random = (n: number) => ((seed = (seed * 1664525 + 1013904223) % 4294967296), Math.floor((seed / 4294967296) * n))
    const many: [string, string][] = Array.from({length: 3000}, () => [`C${random(2000)}`, `u${random(2000)}@mail.example`])
    // A fingerprint with 16 values: thousands of collisions, over split tables too.
    expect(build(many, 10, 100, (key) => [key.length % 4, key.charCodeAt(key.length - 1) % 4])).toEqual(reference(many))
  })

  it("an id is not a duplicate of another row's email, even when they are the same text", () => {
    const rows: [string, string][] = [
      ['ana@x.org', ''],
      ['2', 'ana@x.org'],
    ]
    expect(build(rows, 100)).toEqual(new Map())
  })

  it('answers rows asked in increasing order even when some are skipped (a resumed run)', () => {
    const rows: [string, string][] = [
      ['1', ''],
      ['1', ''],
      ['1', ''],
      ['2', ''],
      ['2', ''],
    ]
    const builder = new DuplicateIndexBuilder(tempDir(), 10, [1, 2])
    rows.forEach(([id], index) => builder.add(index + 1, KEY_ID, id))
    const index = builder.finish()
    expect(index.match(3)).toEqual({firstRow: 1, same: 'id'})
    expect(index.match(4)).toBeUndefined()
    expect(index.match(5)).toEqual({firstRow: 4, same: 'id'})
    index.close()
  })

  it('holds at most about 9 MB of write buffers, even for a file big enough for the most partitions', () => {
    // 256 partitions (a CSV of 1 GB or more), each with its key records and key bytes buffered: 37 MB before.
    const before = process.memoryUsage().arrayBuffers
    const builder = new DuplicateIndexBuilder(tempDir(), 2 ** 31, [1, 2])
    try {
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10 << 20)
    } finally {
      builder.discard()
    }
  })
})

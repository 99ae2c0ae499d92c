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

function build(rows: [string, string][], csvBytes: number, maxKeysInMemory?: number) {
  const builder = new DuplicateIndexBuilder(tempDir(), csvBytes, [12345, 67890], {maxKeysInMemory})
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
    const rows: [string, string][] = [['1', 'a@x.org'], ['2', 'A@X.org'], ['1', 'b@x.org'], ['3', ''], ['4', 'c@x.org'], ['3', 'c@x.org']]
    expect(build(rows, 100)).toEqual(new Map([[2, {firstRow: 1, same: 'email'}], [3, {firstRow: 1, same: 'id'}], [6, {firstRow: 4, same: 'id'}]]))
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

  it('answers rows asked in increasing order even when some are skipped (a resumed run)', () => {
    const rows: [string, string][] = [['1', ''], ['1', ''], ['1', ''], ['2', ''], ['2', '']]
    const builder = new DuplicateIndexBuilder(tempDir(), 10, [1, 2])
    rows.forEach(([id], index) => builder.add(index + 1, KEY_ID, id))
    const index = builder.finish()
    expect(index.match(3)).toEqual({firstRow: 1, same: 'id'})
    expect(index.match(4)).toBeUndefined()
    expect(index.match(5)).toEqual({firstRow: 4, same: 'id'})
    index.close()
  })
})

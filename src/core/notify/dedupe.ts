/**
 * Remembers which ids and email addresses have had a notice, in constant memory per recipient: a 53-bit
 * fingerprint of each key (two 32-bit FNV-1a variants) in a Map to the first row that used it. At a million
 * recipients (two million keys) the chance that two different keys share a fingerprint is about 2 in 10,000 per
 * run; every duplicate is written to duplicates.csv with the row it matched, so one can be checked.
 */
export class Dedupe {
  private readonly seen = new Map<number, number>()

  /** The first row that used any of these keys, or undefined (and the keys are remembered for this row). */
  claim(row: number, keys: readonly string[]): {row: number; key: string} | undefined {
    const prints = keys.filter(Boolean).map((k) => [k, fingerprint(k)] as const)
    for (const [key, print] of prints) {
      const first = this.seen.get(print)
      if (first !== undefined) return {row: first, key}
    }
    for (const [, print] of prints) this.seen.set(print, row)
    return undefined
  }

  get size(): number {
    return this.seen.size
  }
}

export function fingerprint(text: string): number {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15)
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff)
}

import {compareOrdinal} from './order.js'

/**
 * How many single-character edits turn `a` into `b`: insertions, deletions, substitutions and swaps of two
 * neighbouring characters (the optimal string alignment form of the Damerau-Levenshtein distance). "summry" is 1
 * from "summary", and so is "sumamry".
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (!a.length) return b.length
  if (!b.length) return a.length
  // Three rows suffice: the row before the previous one is what a swap looks back to.
  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({length: b.length + 1}, (_v, j) => j)
  let current = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1)
      current[j] = best
    }
    ;[before, previous, current] = [previous, current, before]
  }
  return previous[b.length]!
}

/**
 * The candidates close enough to `word` to be what was meant, nearest first: within a third of the word's length
 * (at least 1, at most 3 edits), or differing only in case. An empty list when nothing is close.
 */
export function nearest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase()
  const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)))
  const scored: [string, number][] = []
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue
    const distance = editDistance(lower, candidate.toLowerCase())
    if (distance <= allowed) scored.push([candidate, distance])
  }
  return scored
    .sort((x, y) => x[1] - y[1] || compareOrdinal(x[0], y[0]))
    .slice(0, limit)
    .map(([candidate]) => candidate)
}

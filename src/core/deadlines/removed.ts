import {factDefinition, type FactValue} from '../facts/vocabulary.js'
import type {ObligationResult} from './obligations.js'

/**
 * The other answers a judgement could have been, to compare with: the opposite yes or no, every other level of a
 * choice, one person instead of none. Empty for answers that scope rather than judge (a list of data kinds, a count
 * above zero, a time, a text): they narrow which laws apply with every answer, and asking to confirm each of them
 * would teach people to confirm without reading. Changed later, such an answer is compared with the one it
 * replaces instead (app/deadlines.ts obligationsRemovedBy).
 */
export function alternativeAnswers(key: string, value: FactValue): FactValue[] {
  const type = factDefinition(key)?.type
  if (type?.kind === 'boolean') return [!value]
  if (type?.kind === 'choice') return type.values.filter((v) => v !== value)
  if (type?.kind === 'count' && value === 0) return [1]
  return []
}

/**
 * The obligations an answer takes away: those that applied or may have applied before it and do not after it,
 * when another answer would have kept more obligations applying. So "encrypted, key safe", "risk none or low",
 * "nobody affected in California" or "not significant" count; "risk high" does not, though it retires the no-harm
 * filings some states want when people are not told: it is the most demanding answer, not a way out. A wrong
 * answer that removes duties is silent (the safe-harbour trap), so it is confirmed, with a reason. Empty otherwise.
 */
export function removedObligations(
  before: readonly ObligationResult[],
  after: readonly ObligationResult[],
  alternatives: readonly (readonly ObligationResult[])[],
): ObligationResult[] {
  const was = new Map(before.map((o) => [o.id, o.applies]))
  const removed = after.filter((o) => o.applies === 'no' && (was.get(o.id) ?? 'no') !== 'no')
  const applying = (results: readonly ObligationResult[]) => results.filter((o) => o.applies !== 'no').length
  return removed.length > 0 && alternatives.some((other) => applying(other) > applying(after)) ? removed : []
}

import type {FactValue} from '../facts/vocabulary.js'

/**
 * A condition over incident facts, written in YAML by people who are not programmers:
 *   {fact: data_categories, includes: health}
 *   {fact: affected.US-CA, more_than: 500}
 *   {all: [...]} / {any: [...]} / {not: {...}}
 * Used by playbook steps (`when`) and regulations (applicability).
 */
export type Condition =
  | {fact: string; equals: string | number | boolean}
  | {fact: string; includes: string}
  | {fact: string; includes_any: string[]}
  | {fact: string; at_least: number}
  | {fact: string; more_than: number}
  | {fact: string; is_set: boolean}
  | {all: Condition[]}
  | {any: Condition[]}
  | {not: Condition}

/** Three-valued: a condition over a fact nobody has set yet is unknown, never guessed. */
export type Truth = 'yes' | 'no' | 'unknown'

export interface Evaluation {
  result: Truth
  /** Facts whose values would decide an unknown result. */
  missing: string[]
}

export type FactLookup = (key: string) => FactValue | undefined

export function evaluate(condition: Condition, lookup: FactLookup): Evaluation {
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluate(c, lookup))
    if (parts.some((p) => p.result === 'no')) return {result: 'no', missing: []}
    return combineUnknown(parts, 'yes')
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluate(c, lookup))
    if (parts.some((p) => p.result === 'yes')) return {result: 'yes', missing: []}
    return combineUnknown(parts, 'no')
  }
  if ('not' in condition) {
    const inner = evaluate(condition.not, lookup)
    return {result: inner.result === 'yes' ? 'no' : inner.result === 'no' ? 'yes' : 'unknown', missing: inner.missing}
  }
  const value = lookup(condition.fact)
  if ('is_set' in condition) return truth((value !== undefined) === condition.is_set)
  if (value === undefined) return {result: 'unknown', missing: [condition.fact]}
  if ('equals' in condition) return truth(value === condition.equals)
  if ('includes' in condition) return truth(Array.isArray(value) && value.includes(condition.includes))
  if ('includes_any' in condition) return truth(Array.isArray(value) && condition.includes_any.some((v) => value.includes(v)))
  if ('at_least' in condition) return truth(typeof value === 'number' && value >= condition.at_least)
  return truth(typeof value === 'number' && value > condition.more_than)
}

function truth(value: boolean): Evaluation {
  return {result: value ? 'yes' : 'no', missing: []}
}

function combineUnknown(parts: Evaluation[], whenAllKnown: Truth): Evaluation {
  const missing = [...new Set(parts.flatMap((p) => p.missing))]
  return parts.some((p) => p.result === 'unknown') ? {result: 'unknown', missing} : {result: whenAllKnown, missing: []}
}

/** Every fact key a condition reads, for validation of dangling references. */
export function factsIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(factsIn)
  if ('any' in condition) return condition.any.flatMap(factsIn)
  if ('not' in condition) return factsIn(condition.not)
  return [condition.fact]
}

/** A short human reading of a condition: "data_categories includes health". */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ')
  if ('any' in condition) return `(${condition.any.map(describeCondition).join(' or ')})`
  if ('not' in condition) return `not (${describeCondition(condition.not)})`
  if ('equals' in condition) return `${condition.fact} is ${String(condition.equals)}`
  if ('includes' in condition) return `${condition.fact} includes ${condition.includes}`
  if ('includes_any' in condition) return `${condition.fact} includes any of ${condition.includes_any.join(', ')}`
  if ('at_least' in condition) return `${condition.fact} is at least ${condition.at_least}`
  if ('more_than' in condition) return `${condition.fact} is more than ${condition.more_than}`
  return condition.is_set ? `${condition.fact} is set` : `${condition.fact} is not set`
}

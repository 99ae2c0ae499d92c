import {formatFactValue, groupDigits, type FactValue} from '../facts/vocabulary.js'
import {canonicalRegion, expandRegion, SUBDIVISIONS} from '../facts/regions.js'

/**
 * A condition over incident facts, written in YAML by people who are not programmers:
 *   {fact: data_categories, includes: health}
 *   {fact: affected.US-CA, more_than: 500}
 *   {affected_in: [EEA], at_least: 1}        people residing in a region (countries, subdivisions or groups)
 *   {known: materiality_determined_at}       unknown until the fact is set, then true
 *   {fact: risk, in: [risk, high]}           the fact's value is one of these
 *   {established_in: [EEA]}                  the organisation has an establishment there (GDPR Art. 3(1))
 *   {all: [...]} / {any: [...]} / {not: {...}}
 * Used by playbook steps (`when`) and regulations (applicability).
 */
export type Condition =
  | {fact: string; equals: string | number | boolean}
  | {fact: string; includes: string}
  | {fact: string; includes_any: string[]}
  | {fact: string; in: (string | number | boolean)[]}
  | {fact: string; at_least: number}
  | {fact: string; more_than: number}
  | {fact: string; is_set: boolean}
  | {affected_in: string[]; at_least?: number; more_than?: number; per_subdivision?: boolean}
  | {known: string}
  | {established_in: string[]}
  | {all: Condition[]}
  | {any: Condition[]}
  | {not: Condition}

/** Three-valued: a condition over a fact nobody has set yet is unknown, never guessed. */
export type Truth = 'yes' | 'no' | 'unknown'

export interface Evaluation {
  result: Truth
  /** Facts whose values would decide an unknown result. */
  missing: string[]
  /** Plain sentences saying why, from the facts that decided it. */
  reasons: string[]
}

export type Facts = Readonly<Record<string, FactValue | undefined>>

export function evaluate(condition: Condition, facts: Facts): Evaluation {
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluate(c, facts))
    const failed = parts.find((p) => p.result === 'no')
    if (failed) return {result: 'no', missing: [], reasons: failed.reasons}
    return combine(parts, 'yes')
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluate(c, facts))
    const passed = parts.find((p) => p.result === 'yes')
    if (passed) return {result: 'yes', missing: [], reasons: passed.reasons}
    return combine(parts, 'no')
  }
  if ('not' in condition) {
    const inner = evaluate(condition.not, facts)
    return {result: inner.result === 'yes' ? 'no' : inner.result === 'no' ? 'yes' : 'unknown', missing: inner.missing, reasons: inner.reasons}
  }
  if ('affected_in' in condition) return affectedIn(condition, facts)
  if ('established_in' in condition) return establishedIn(condition.established_in, facts)
  if ('known' in condition) {
    const value = facts[condition.known]
    return value === undefined
      ? {result: 'unknown', missing: [condition.known], reasons: [`${condition.known} is not set yet`]}
      : {result: 'yes', missing: [], reasons: [`${condition.known} is ${formatFactValue(value)}`]}
  }
  const value = facts[condition.fact]
  if ('is_set' in condition) {
    const isSet = value !== undefined
    return truth(isSet === condition.is_set, `${condition.fact} is ${isSet ? 'set' : 'not set'}`)
  }
  if (value === undefined) return {result: 'unknown', missing: [condition.fact], reasons: [`${condition.fact} is not known yet`]}
  const shown = formatFactValue(value)
  if ('equals' in condition) return truth(value === condition.equals, `${condition.fact} is ${shown}`)
  if ('in' in condition) {
    const hit = condition.in.includes(value as string | number | boolean)
    return truth(hit, hit ? `${condition.fact} is ${shown}` : `${condition.fact} is ${shown}, not ${condition.in.join(' or ')}`)
  }
  if ('includes' in condition) {
    const has = Array.isArray(value) && value.includes(condition.includes)
    return truth(has, has ? `${condition.fact} includes ${condition.includes}` : `${condition.fact} (${shown}) does not include ${condition.includes}`)
  }
  if ('includes_any' in condition) {
    const hits = Array.isArray(value) ? condition.includes_any.filter((v) => value.includes(v)) : []
    return truth(
      hits.length > 0,
      hits.length ? `${condition.fact} includes ${hits.join(', ')}` : `${condition.fact} (${shown}) includes none of ${condition.includes_any.join(', ')}`,
    )
  }
  const n = typeof value === 'number' ? value : Number.NaN
  if ('at_least' in condition)
    return truth(
      n >= condition.at_least,
      `${condition.fact} is ${shown}, ${n >= condition.at_least ? 'at least' : 'fewer than'} ${groupDigits(condition.at_least)}`,
    )
  return truth(
    n > condition.more_than,
    `${condition.fact} is ${shown}, ${n > condition.more_than ? 'more than' : 'not more than'} ${groupDigits(condition.more_than)}`,
  )
}

function truth(value: boolean, reason: string): Evaluation {
  return {result: value ? 'yes' : 'no', missing: [], reasons: [reason]}
}

function combine(parts: Evaluation[], whenAllKnown: Truth): Evaluation {
  const unknown = parts.filter((p) => p.result === 'unknown')
  if (unknown.length === 0) return {result: whenAllKnown, missing: [], reasons: parts.flatMap((p) => p.reasons)}
  return {result: 'unknown', missing: [...new Set(unknown.flatMap((p) => p.missing))], reasons: parts.flatMap((p) => p.reasons)}
}

const AFFECTED = 'affected.'

/**
 * People affected who reside in a set of regions. A region's count is its own fact, else the sum of its
 * subdivisions' facts. Regions without a fact count as zero only when the breakdown is complete: the
 * countries' counts add up to affected.total. Otherwise they are unknown, and a known partial count still
 * decides when it already passes the threshold.
 */
function affectedIn(condition: {affected_in: string[]; at_least?: number; more_than?: number; per_subdivision?: boolean}, facts: Facts): Evaluation {
  if (condition.per_subdivision) {
    // "More than 500 residents of a State": each subdivision on its own, not their sum.
    const subdivisions = condition.affected_in.flatMap(expandRegion).flatMap((c) => (SUBDIVISIONS[c] ?? []).map((s) => `${c}-${s}`))
    const parts = subdivisions.map((code) => affectedIn({affected_in: [code], at_least: condition.at_least, more_than: condition.more_than}, facts))
    const hit = parts.find((p) => p.result === 'yes')
    if (hit) return hit
    if (parts.some((p) => p.result === 'unknown')) {
      return {
        result: 'unknown',
        missing: [`affected.<state of ${condition.affected_in.join(', ')}>`],
        reasons: [`people affected per state of ${condition.affected_in.join(', ')} not known yet`],
      }
    }
    return {
      result: 'no',
      missing: [],
      reasons: [
        `no single state of ${condition.affected_in.join(', ')} has ${condition.more_than !== undefined ? `more than ${condition.more_than}` : `at least ${condition.at_least ?? 1}`} people affected`,
      ],
    }
  }
  const codes = [...new Set(condition.affected_in.flatMap(expandRegion).map(canonicalRegion))]
  const {own, subdivisionSums} = regionFacts(facts)
  const countryTotal = (country: string) => own.get(country) ?? subdivisionSums.get(country) ?? 0
  const total = facts['affected.total']
  const countries = new Set([...own.keys()].filter((c) => !c.includes('-')).concat([...subdivisionSums.keys()]))
  const complete = typeof total === 'number' && [...countries].reduce((sum, c) => sum + countryTotal(c), 0) === total
  let known = 0
  const missing: string[] = []
  for (const code of codes) {
    const value = own.get(code)
    if (value !== undefined) {
      known += value
      continue
    }
    const [country, sub] = code.split('-') as [string, string | undefined]
    if (!sub) {
      known += subdivisionSums.get(code) ?? 0
      if (!complete) missing.push(AFFECTED + code)
      continue
    }
    // A subdivision without its own count is zero only if its country's count is fully broken down.
    const countryExact = own.has(country) || complete
    const brokenDown = countryExact && (subdivisionSums.get(country) ?? 0) === countryTotal(country)
    if (!brokenDown) missing.push(AFFECTED + code)
  }
  const threshold = condition.more_than !== undefined ? condition.more_than + 1 : (condition.at_least ?? 1)
  const words = condition.more_than !== undefined ? `more than ${groupDigits(condition.more_than)}` : `at least ${groupDigits(threshold)}`
  const where = condition.affected_in.join(', ')
  if (known >= threshold) return {result: 'yes', missing: [], reasons: [`${groupDigits(known)} people affected in ${where}, ${words}`]}
  if (missing.length === 0) return {result: 'no', missing: [], reasons: [`${groupDigits(known)} people affected in ${where}, not ${words}`]}
  const ask = missing.length > 3 ? [`affected.<region in ${where}>`] : missing
  return {result: 'unknown', missing: ask, reasons: [`people affected in ${where} not known yet${known ? ` (${groupDigits(known)} so far)` : ''}`]}
}

/**
 * Where the organisation is established (the `establishments` fact, from runbook.yaml): a subdivision counts for its
 * country (DE-BE is in DE, so in the EEA). Unknown until the organisation has said where it is established.
 */
function establishedIn(regions: string[], facts: Facts): Evaluation {
  const value = facts.establishments
  if (!Array.isArray(value))
    return {result: 'unknown', missing: ['establishments'], reasons: ['where the organisation is established is not known (establishments in runbook.yaml)']}
  const wanted = new Set(regions.flatMap(expandRegion))
  const hits = value.filter((code) => wanted.has(code) || wanted.has(code.split('-')[0]!))
  const where = regions.join(', ')
  return truth(hits.length > 0, hits.length ? `established in ${hits.join(', ')} (${where})` : `no establishment in ${where}`)
}

/** The affected.<REGION> facts: each region's own count, and each country's sum of subdivision counts. */
function regionFacts(facts: Facts): {own: Map<string, number>; subdivisionSums: Map<string, number>} {
  const own = new Map<string, number>()
  const subdivisionSums = new Map<string, number>()
  for (const [key, value] of Object.entries(facts)) {
    if (!key.startsWith(AFFECTED) || key === 'affected.total' || typeof value !== 'number') continue
    const region = canonicalRegion(key.slice(AFFECTED.length))
    own.set(region, (own.get(region) ?? 0) + value)
    const [country, sub] = region.split('-') as [string, string | undefined]
    if (sub) subdivisionSums.set(country, (subdivisionSums.get(country) ?? 0) + value)
  }
  return {own, subdivisionSums}
}

/** Every fact key a condition reads, for validation of dangling references. */
export function factsIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(factsIn)
  if ('any' in condition) return condition.any.flatMap(factsIn)
  if ('not' in condition) return factsIn(condition.not)
  if ('affected_in' in condition) return []
  if ('established_in' in condition) return ['establishments']
  if ('known' in condition) return [condition.known]
  return [condition.fact]
}

/** Every region code a condition names, for validation. */
export function regionsIn(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(regionsIn)
  if ('any' in condition) return condition.any.flatMap(regionsIn)
  if ('not' in condition) return regionsIn(condition.not)
  if ('affected_in' in condition) return condition.affected_in
  if ('established_in' in condition) return condition.established_in
  return []
}

/** A short human reading of a condition: "data_categories includes health". */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ')
  if ('any' in condition) return `(${condition.any.map(describeCondition).join(' or ')})`
  if ('not' in condition) return `not (${describeCondition(condition.not)})`
  if ('affected_in' in condition) {
    const n = condition.more_than !== undefined ? `more than ${condition.more_than}` : `at least ${condition.at_least ?? 1}`
    return `${n} people affected in ${condition.affected_in.join(', ')}`
  }
  if ('known' in condition) return `${condition.known} is known`
  if ('established_in' in condition) return `established in ${condition.established_in.join(', ')}`
  if ('in' in condition) return `${condition.fact} is ${condition.in.join(' or ')}`
  if ('equals' in condition) return `${condition.fact} is ${String(condition.equals)}`
  if ('includes' in condition) return `${condition.fact} includes ${condition.includes}`
  if ('includes_any' in condition) return `${condition.fact} includes any of ${condition.includes_any.join(', ')}`
  if ('at_least' in condition) return `${condition.fact} is at least ${condition.at_least}`
  if ('more_than' in condition) return `${condition.fact} is more than ${condition.more_than}`
  return condition.is_set ? `${condition.fact} is set` : `${condition.fact} is not set`
}

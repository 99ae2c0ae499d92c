import type {ObligationResult} from '../deadlines/obligations.js'
import {canonicalRegion, REGION_GROUPS, withinJurisdiction} from '../facts/regions.js'
import type {FactValue} from '../facts/vocabulary.js'
import {formatElapsed} from '../time/duration.js'
import type {ReportFrame} from './context.js'

/**
 * The people a regulator counts: those who live in its jurisdiction (the sum of the known per-region counts), or
 * everyone affected when the organisation is established there (its law covers all the people of that processing,
 * e.g. GDPR Art. 3(1)). Null when no count is known.
 */
export function peopleFor(jurisdiction: string, facts: Readonly<Record<string, FactValue | undefined>>): {people: number | null; scope: string} {
  const establishments = Array.isArray(facts.establishments) ? facts.establishments : []
  const established = establishments.some((e) => withinJurisdiction(e, jurisdiction))
  const total = facts['affected.total']
  if (established) {
    return {people: typeof total === 'number' ? total : null, scope: `all people affected (the organisation is established in ${jurisdiction})`}
  }
  let sum = 0
  let known = false
  for (const [key, value] of Object.entries(facts)) {
    if (!key.startsWith('affected.') || key === 'affected.total' || typeof value !== 'number') continue
    const region = canonicalRegion(key.slice('affected.'.length))
    if (!withinJurisdiction(region, jurisdiction)) continue
    const country = region.split('-')[0]!
    // A country's own count includes its subdivisions: count one or the other, not both.
    if (region.includes('-') && Object.hasOwn(facts, `affected.${country}`) && jurisdiction !== region) continue
    sum += value
    known = true
  }
  const where = REGION_GROUPS[jurisdiction] ? `the ${jurisdiction}` : jurisdiction
  return {people: known ? sum : null, scope: `people who live in ${where}`}
}

/** The frame of a regulator report for one obligation: its authority, people, zone, and lateness as recorded. */
export function reportFrame(obligation: ObligationResult, facts: Readonly<Record<string, FactValue | undefined>>, now: Date): ReportFrame {
  const {people, scope} = peopleFor(obligation.regulation.jurisdiction, facts)
  const madeAt = obligation.met?.at
  const lateMs = obligation.dueAt ? Date.parse(madeAt ?? now.toISOString()) - Date.parse(obligation.dueAt) : 0
  return {
    obligation: obligation.id,
    title: obligation.title,
    jurisdiction: obligation.regulation.jurisdiction,
    authority: obligation.recipient ?? obligation.regulation.authority,
    people,
    peopleScope: scope,
    zone: obligation.zone,
    dueAt: obligation.dueAt,
    late: lateMs > 0,
    lateBy: lateMs > 0 ? formatElapsed(lateMs) : '',
    delayReason: obligation.met?.delayReason ?? null,
    portal: obligation.authorities?.lead?.portal ?? obligation.portal ?? null,
  }
}

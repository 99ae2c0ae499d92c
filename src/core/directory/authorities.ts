import type {SupervisoryAuthority} from './schema.js'
import {REGION_GROUPS, TERRITORY_OF} from '../facts/regions.js'

/** Where the organisation is established, as runbook.yaml says it. */
export interface Establishment {
  region: string
  main?: boolean
  name?: string
}

export interface AuthorityChoice {
  /** The authority to notify first (the lead, or the only competent one). */
  lead?: SupervisoryAuthority
  /** Other authorities concerned (where people affected live), for a controller without an establishment in the area. */
  concerned: SupervisoryAuthority[]
  /** Why these, in a sentence. */
  reason: string
}

const EEA = new Set(REGION_GROUPS.EEA)

/** The authority that supervises a region: the subdivision's own (a German Land), else the country's. */
export function authorityFor(region: string, authorities: readonly SupervisoryAuthority[]): SupervisoryAuthority | undefined {
  const country = region.split('-')[0]!
  return authorities.find((a) => a.region === region) ?? authorities.find((a) => a.region === (TERRITORY_OF[country] ?? country))
}

/**
 * Which GDPR supervisory authority to notify of a breach (Arts. 55-56). With an establishment in the EEA, the
 * authority of the main establishment leads (one-stop shop); with one establishment there, its authority. For a
 * German establishment the Land's authority supervises private companies, so the Land (DE-BE) decides. Without an
 * establishment in the EEA there is no lead: each authority where people affected live is concerned.
 */
export function gdprAuthorities(
  establishments: readonly Establishment[],
  affectedCountries: readonly string[],
  authorities: readonly SupervisoryAuthority[],
): AuthorityChoice {
  const inEea = establishments.filter((e) => EEA.has(e.region.split('-')[0]!))
  const chosen = inEea.find((e) => e.main) ?? (inEea.length === 1 ? inEea[0] : undefined)
  if (chosen) {
    const lead = authorityFor(chosen.region, authorities)
    const why = chosen.main ? `main establishment in ${chosen.region} (Art. 56)` : `only establishment in the EEA, in ${chosen.region} (Art. 55)`
    if (chosen.region === 'DE') {
      return {lead, concerned: [], reason: `${why}; name the Land (e.g. DE-BE) in runbook.yaml: the Land's authority supervises companies`}
    }
    return {lead, concerned: [], reason: why}
  }
  if (inEea.length > 1) {
    return {
      concerned: inEea.map((e) => authorityFor(e.region, authorities)).filter((a): a is SupervisoryAuthority => Boolean(a)),
      reason: 'several EEA establishments and none marked main: true in runbook.yaml',
    }
  }
  const concerned = [...new Set(affectedCountries.filter((c) => EEA.has(c)))]
    .map((c) => authorityFor(c, authorities))
    .filter((a): a is SupervisoryAuthority => Boolean(a))
  return {concerned, reason: 'no establishment in the EEA: the authority of each member state where people affected live (Art. 3(2); no one-stop shop)'}
}

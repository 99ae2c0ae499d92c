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

/**
 * Germany without a Land: the Land's authority supervises companies (BDSG s. 40(1)); the federal commissioner (BfDI)
 * is not it, and was named here before. Which Land is a judgment (the establishment's seat; for a controller outside
 * the EEA, usually its Art. 27 representative's), so it is asked for, not guessed.
 */
const GERMAN_LAND = 'the authority of the Land where it is, not the federal commissioner: name the Land (e.g. DE-BE) in establishments'
const GERMAN_READERS = 'for Germany, the authority of a Land (usually where the Art. 27 representative is), not the federal commissioner'

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
    const why = chosen.main ? `main establishment in ${chosen.region} (Art. 56)` : `only establishment in the EEA, in ${chosen.region} (Art. 55)`
    // Not the federal commissioner: it supervises federal bodies and telecoms and postal firms, not companies (BDSG s. 40).
    if (chosen.region === 'DE') return {concerned: [], reason: `${why}; ${GERMAN_LAND}`}
    return {lead: authorityFor(chosen.region, authorities), concerned: [], reason: why}
  }
  if (inEea.length > 1) {
    return {
      concerned: inEea.map((e) => authorityFor(e.region, authorities)).filter((a): a is SupervisoryAuthority => Boolean(a)),
      reason: 'several EEA establishments and none marked main: true in runbook.yaml',
    }
  }
  const countries = [...new Set(affectedCountries.filter((c) => EEA.has(c)))]
  const concerned = countries
    .filter((c) => c !== 'DE')
    .map((c) => authorityFor(c, authorities))
    .filter((a): a is SupervisoryAuthority => Boolean(a))
  const reason = 'no establishment in the EEA: the authority of each member state where people affected live (Art. 3(2); no one-stop shop)'
  return {concerned, reason: countries.includes('DE') ? `${reason}; ${GERMAN_READERS}` : reason}
}

// ISO 3166-2 subdivisions for the countries whose notification laws are set per subdivision.
// Other countries' subdivisions are accepted by shape (CC-XXX) when CC is a valid country.
// prettier-ignore
export const SUBDIVISIONS: Readonly<Record<string, readonly string[]>> = {
  US: [
    'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
    'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
    'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI',
  ],
  CA: ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'],
  AU: ['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'],
}

/** English names of the subdivisions above, for advice when a file gives a state or province by name. */
// prettier-ignore
const SUBDIVISION_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    ALABAMA: 'AL', ALASKA: 'AK', ARIZONA: 'AZ', ARKANSAS: 'AR', CALIFORNIA: 'CA', COLORADO: 'CO', CONNECTICUT: 'CT',
    DELAWARE: 'DE', 'DISTRICT OF COLUMBIA': 'DC', FLORIDA: 'FL', GEORGIA: 'GA', HAWAII: 'HI', IDAHO: 'ID',
    ILLINOIS: 'IL', INDIANA: 'IN', IOWA: 'IA', KANSAS: 'KS', KENTUCKY: 'KY', LOUISIANA: 'LA', MAINE: 'ME',
    MARYLAND: 'MD', MASSACHUSETTS: 'MA', MICHIGAN: 'MI', MINNESOTA: 'MN', MISSISSIPPI: 'MS', MISSOURI: 'MO',
    MONTANA: 'MT', NEBRASKA: 'NE', NEVADA: 'NV', 'NEW HAMPSHIRE': 'NH', 'NEW JERSEY': 'NJ', 'NEW MEXICO': 'NM',
    'NEW YORK': 'NY', 'NORTH CAROLINA': 'NC', 'NORTH DAKOTA': 'ND', OHIO: 'OH', OKLAHOMA: 'OK', OREGON: 'OR',
    PENNSYLVANIA: 'PA', 'RHODE ISLAND': 'RI', 'SOUTH CAROLINA': 'SC', 'SOUTH DAKOTA': 'SD', TENNESSEE: 'TN',
    TEXAS: 'TX', UTAH: 'UT', VERMONT: 'VT', VIRGINIA: 'VA', WASHINGTON: 'WA', 'WEST VIRGINIA': 'WV',
    WISCONSIN: 'WI', WYOMING: 'WY', 'AMERICAN SAMOA': 'AS', GUAM: 'GU', 'NORTHERN MARIANA ISLANDS': 'MP',
    'PUERTO RICO': 'PR', 'U.S. VIRGIN ISLANDS': 'VI', 'US VIRGIN ISLANDS': 'VI',
  },
  CA: {
    ALBERTA: 'AB', 'BRITISH COLUMBIA': 'BC', MANITOBA: 'MB', 'NEW BRUNSWICK': 'NB', 'NEWFOUNDLAND AND LABRADOR': 'NL',
    'NOVA SCOTIA': 'NS', 'NORTHWEST TERRITORIES': 'NT', NUNAVUT: 'NU', ONTARIO: 'ON', 'PRINCE EDWARD ISLAND': 'PE',
    QUEBEC: 'QC', QUÉBEC: 'QC', SASKATCHEWAN: 'SK', YUKON: 'YT',
  },
}

/** The code of a US state or Canadian province given by its English name ("California": CA); else undefined. */
export function subdivisionCodeForName(country: string, name: string): string | undefined {
  return SUBDIVISION_NAMES[country]?.[name.trim().toUpperCase()]
}

let regionNames: Intl.DisplayNames | undefined

/** True for an ISO 3166-1 alpha-2 country code that the runtime's CLDR data knows. */
const countryCache = new Map<string, boolean>()

export function isCountryCode(code: string): boolean {
  const cached = countryCache.get(code)
  if (cached !== undefined) return cached
  if (!/^[A-Z]{2}$/.test(code)) return false
  regionNames ??= new Intl.DisplayNames(['en'], {type: 'region', fallback: 'none'})
  // "EU" and "ZZ" are CLDR pseudo-regions, not countries.
  const valid = code !== 'ZZ' && code !== 'EU' && code !== 'UN' && regionNames.of(code) !== undefined
  countryCache.set(code, valid)
  return valid
}

let codesByName: Map<string, string> | undefined

/**
 * The ISO code of a country given by its English name ("Germany", "united kingdom"), or of the usual short forms
 * USA and UK; undefined for anything else. For advice only: a file that names countries is told their codes, not
 * routed on a guess (Georgia is a country and a US state).
 */
export function countryCodeForName(name: string): string | undefined {
  if (!codesByName) {
    codesByName = new Map([
      ['USA', 'US'],
      ['UK', 'GB'],
    ])
    const names = new Intl.DisplayNames(['en'], {type: 'region', fallback: 'none'})
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b)
        const english = isCountryCode(code) ? names.of(code) : undefined
        if (english) codesByName.set(english.toUpperCase(), code)
      }
    }
  }
  return codesByName.get(name.trim().toUpperCase())
}

/** Checks a region code; returns null when valid, else a message that says what is accepted. */
export function regionProblem(code: string): string | null {
  const match = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/.exec(code)
  if (!match) return `"${code}" is not an ISO 3166 region code: use a country such as DE or JP, or a subdivision such as US-CA`
  const [, country, sub] = match as unknown as [string, string, string | undefined]
  if (!isCountryCode(country)) return `"${country}" is not an ISO 3166-1 country code (for example DE, FR, JP, US, BR)`
  const known = SUBDIVISIONS[country]
  if (sub && known && !known.includes(sub)) {
    return `"${code}" is not a subdivision of ${country}; valid ones: ${known.map((s) => `${country}-${s}`).join(', ')}`
  }
  return null
}

// prettier-ignore
const EU_MEMBER_STATES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']

/**
 * Parts of the EU that ISO 3166-1 codes on their own: the French outermost regions Guadeloupe, French Guiana,
 * Martinique, Reunion, Mayotte and Saint-Martin (TFEU Arts. 349 and 355(1)), and the Aland Islands (part of
 * Finland; Art. 355(4) concerns only taxes). The other outermost regions (Canary Islands, Azores, Madeira) are
 * coded as subdivisions of ES and PT and count with them.
 */
export const EU_TERRITORIES_CODED_APART = ['GP', 'GF', 'MQ', 'RE', 'YT', 'MF', 'AX']

/** The member state each of those territories belongs to (its authorities are that state's). */
export const TERRITORY_OF: Readonly<Record<string, string>> = {GP: 'FR', GF: 'FR', MQ: 'FR', RE: 'FR', YT: 'FR', MF: 'FR', AX: 'FI'}

/** Named groups of countries that laws refer to. */
export const REGION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  EU: [...EU_MEMBER_STATES, ...EU_TERRITORIES_CODED_APART],
  EEA: [...EU_MEMBER_STATES, ...EU_TERRITORIES_CODED_APART, 'IS', 'LI', 'NO'],
}

/**
 * Territories of the United States that ISO 3166-1 also codes as countries: a recipient or a fact may use either
 * code, and both count as the same place (a resident of Puerto Rico is a resident of US-PR).
 */
export const REGION_ALIASES: Readonly<Record<string, string>> = {PR: 'US-PR', GU: 'US-GU', VI: 'US-VI', AS: 'US-AS', MP: 'US-MP', UM: 'US-UM'}

/** The code runbook counts a region under (PR -> US-PR); other codes stand for themselves. */
export function canonicalRegion(code: string): string {
  return REGION_ALIASES[code] ?? code
}

/** A group expands to its countries; a country or subdivision stands for itself. */
export function expandRegion(code: string): readonly string[] {
  return REGION_GROUPS[code] ?? [code]
}

/** Null when `code` is a group, country or subdivision runbook knows; else what to use. */
export function regionOrGroupProblem(code: string): string | null {
  if (REGION_GROUPS[code]) return null
  const problem = regionProblem(code)
  return problem ? `${problem}; groups: ${Object.keys(REGION_GROUPS).join(', ')}` : null
}

/** Whether a region lies within a jurisdiction: a group's countries, a country and its subdivisions, itself. */
export function withinJurisdiction(region: string, jurisdiction: string): boolean {
  const codes = new Set(expandRegion(jurisdiction).map(canonicalRegion))
  const canonical = canonicalRegion(region)
  return codes.has(canonical) || codes.has(canonical.split('-')[0]!)
}

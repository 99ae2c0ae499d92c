import {readInstant, INSTANT_HELP} from '../time/instant.js'

/** The largest count a fact holds: far beyond any breach, and exact in a double. */
export const MAX_COUNT = 999_999_999_999_999
import {regionProblem} from './regions.js'
import {nearest} from '../nearest.js'

/**
 * The fact vocabulary shared by playbooks, regulations and templates (docs/facts.md is written from it: npm run docs).
 * This table is the single source of truth: the CLI parses with it, playbooks are validated
 * against it, and prompts are chosen from it.
 */
export type FactValue = string | number | boolean | string[]

export type FactType =
  | {kind: 'instant'}
  | {kind: 'count'}
  | {kind: 'boolean'}
  | {kind: 'choice'; values: readonly string[]}
  | {kind: 'choices'; values: readonly string[]; alone?: readonly string[]}
  | {kind: 'text'}
  | {kind: 'regions'}
  // Kinds an organisation's own facts can have (runbook.yaml facts:, see org-facts.ts).
  | {kind: 'number'}
  | {kind: 'date'}
  | {kind: 'list'}

export interface FactDefinition {
  key: string
  type: FactType
  label: string
  description: string
  /** A text that reads the same in every language (a phone number, an id): notices in any language print it as set. */
  languageNeutral?: boolean
  /** Where it is declared: runbook's own vocabulary (absent), or the workspace's runbook.yaml (facts:). */
  source?: 'runbook.yaml'
}

/**
 * Kinds of personal data. `government_id` is any government-issued number of a kind not named below (and the safe
 * choice when the kind is not known); the specific kinds let state laws that list only some of them decide exactly.
 */
export const DATA_CATEGORIES = [
  'contact',
  'government_id',
  'ssn',
  'drivers_license',
  'passport',
  'tax_id',
  'military_id',
  'financial',
  'payment_card',
  'health',
  'health_insurance',
  'credentials',
  'special_category',
  'children',
  'biometric',
  'genetic',
  'date_of_birth',
  'mothers_maiden_name',
  'electronic_signature',
  'employee_id',
  'location',
  'other',
] as const

export const ENTITY_TYPES = [
  'sec_registrant',
  'hipaa_covered_entity',
  'hipaa_business_associate',
  'nydfs_covered_entity',
  'nis2_essential',
  'nis2_important',
  'dora_financial_entity',
  'card_merchant',
  'processor',
] as const

export const RISK_LEVELS = ['none', 'low', 'risk', 'high'] as const

/*
 * Incident prioritisation, the three factors of NIST SP 800-61 Rev. 2 section 3.2.6 (Tables 3-2, 3-3 and 3-4:
 * functional impact, information impact, recoverability effort). Rev. 3 (April 2025) withdrew Rev. 2 and dropped the
 * tables, leaving prioritisation to the organisation (RS.MA-03: incidents are categorised and prioritised); the Rev. 2
 * categories remain the best-known field scheme. Reviewed 2026-11-30; confidence: high for the category names.
 */
/** Rev. 2 Table 3-2: none; low (efficiency lost); medium (a critical service lost for some users); high (for all). */
export const FUNCTIONAL_IMPACTS = ['none', 'low', 'medium', 'high'] as const
/** Rev. 2 Table 3-3: none, or any of privacy breach, proprietary breach, integrity loss (they combine). */
export const INFORMATION_IMPACTS = ['none', 'privacy', 'proprietary', 'integrity'] as const
/** Rev. 2 Table 3-4: regular, supplemented, extended (outside help), not recoverable. */
export const RECOVERABILITY = ['regular', 'supplemented', 'extended', 'not_recoverable'] as const

const instant = {kind: 'instant'} as const
const count = {kind: 'count'} as const
const boolean = {kind: 'boolean'} as const
const text = {kind: 'text'} as const

const DEFINITIONS: FactDefinition[] = [
  {
    key: 'aware_at',
    type: instant,
    label: 'Became aware at',
    description: 'when the organisation became aware, with reasonable certainty, that personal data was affected',
  },
  {key: 'discovered_at', type: instant, label: 'Discovered at', description: 'when the breach was discovered (defaults to aware_at)'},
  {
    key: 'determined_at',
    type: instant,
    label: 'Breach determined at',
    description: 'when the organisation determined that a breach occurred (defaults to aware_at)',
  },
  {
    key: 'materiality_determined_at',
    type: instant,
    label: 'Materiality determined at',
    description: 'when the incident was determined to be material (SEC 8-K)',
  },
  {key: 'classified_major_at', type: instant, label: 'Classified major at', description: 'when the incident was classified as major (DORA)'},
  {key: 'notifiable_determined_at', type: instant, label: 'Assessed notifiable at', description: 'when the breach was assessed as notifiable (Singapore PDPA)'},
  {key: 'ransom_paid_at', type: instant, label: 'Ransom paid at', description: 'when an extortion payment was made'},
  {key: 'contained_at', type: instant, label: 'Contained at', description: 'when the incident was contained'},
  {key: 'occurred_at', type: instant, label: 'Breach occurred at', description: 'when the breach itself happened (start), if known'},
  {key: 'affected.total', type: count, label: 'People affected', description: 'number of people affected'},
  {key: 'records.total', type: count, label: 'Records affected', description: 'number of records affected, where it differs from people'},
  {key: 'data_categories', type: {kind: 'choices', values: DATA_CATEGORIES}, label: 'Data categories', description: 'the kinds of personal data involved'},
  {key: 'encrypted', type: boolean, label: 'Encrypted, key safe', description: 'the data was encrypted and the key was not compromised'},
  {key: 'risk', type: {kind: 'choice', values: RISK_LEVELS}, label: 'Risk to people', description: 'the assessed risk to the people affected'},
  {
    key: 'unlawful_purpose_suspected',
    type: boolean,
    label: 'Unlawful purpose suspected',
    description: 'the breach may have been caused with an unlawful purpose',
  },
  {key: 'ransomware', type: boolean, label: 'Ransomware or extortion', description: 'ransomware or extortion is involved'},
  {
    key: 'significant_incident',
    type: boolean,
    label: 'Significant incident (NIS2)',
    description: 'the incident is significant under NIS2 Art. 23(3): severe disruption or loss, or considerable damage to others',
  },
  {
    key: 'establishments',
    type: {kind: 'regions'},
    label: 'Establishments',
    description: 'where the organisation is established (ISO 3166 countries or subdivisions; from runbook.yaml)',
  },
  {key: 'entity_types', type: {kind: 'choices', values: ENTITY_TYPES}, label: 'Entity types', description: 'what kind of regulated entity the organisation is'},
  {key: 'summary', type: text, label: 'What happened', description: 'a plain summary of what happened, for notices and reports'},
  {key: 'cause', type: text, label: 'Cause', description: 'how the breach happened, as far as known'},
  {key: 'consequences', type: text, label: 'Likely consequences', description: 'the likely consequences for the people affected'},
  {key: 'measures_taken', type: text, label: 'Measures taken', description: 'what the organisation has done and will do'},
  {key: 'customer_actions', type: text, label: 'What people can do', description: 'what the people affected can do to protect themselves'},
  {key: 'systems_affected', type: text, label: 'Systems affected', description: 'the systems, devices or services involved'},
  {key: 'third_party', type: text, label: 'Third party', description: 'the vendor, processor or recipient involved'},
  {key: 'law_enforcement_notified', type: boolean, label: 'Law enforcement notified', description: 'the police or another law-enforcement agency was told'},
  {
    key: 'breach_ended_at',
    type: instant,
    label: 'Breach ended at',
    description: 'when the unauthorised access or exposure ended, if known (with occurred_at: the date range of the breach)',
  },
  {
    key: 'law_enforcement_delay',
    type: boolean,
    label: 'Delayed by law enforcement',
    description: 'the notice was delayed because a law-enforcement agency asked for it (California and others require saying so)',
  },
  {
    key: 'monitoring_months',
    type: count,
    label: 'Monitoring offered (months)',
    description: 'how many months of credit monitoring or identity protection are offered at no cost',
  },
  {
    key: 'monitoring_offer',
    type: text,
    label: 'Monitoring offer',
    description: 'the credit monitoring or identity protection offered: the provider, what it covers, and how to enrol (code, web page, deadline)',
  },
  {
    key: 'parent_company',
    type: text,
    label: 'Parent company',
    description: 'the parent or affiliated company, where the breached organisation is owned by another (Massachusetts)',
  },
  {
    key: 'material_impact',
    type: text,
    label: 'Material impact',
    description:
      'the material impact, or reasonably likely material impact, on the company: financial condition and results of operations (SEC Form 8-K Item 1.05)',
  },
  {
    key: 'material_impact_determined',
    type: boolean,
    label: 'Material impact determined',
    description:
      'whether the material impact on the company has been fully determined; false: the 8-K must say it has not yet been (Form 8-K Item 1.05, Instruction 2)',
  },
  {key: 'data_recovered', type: boolean, label: 'Data recovered', description: 'the data was retrieved, deleted by the recipient, or otherwise secured again'},
  {
    key: 'contact_phone_jp',
    type: text,
    languageNeutral: true,
    label: 'Phone line for Japan',
    description:
      'the number readers in Japan call about this breach, as they dial it (a 0120 or 0800 free-dial line, or a Japanese number), with its hours in Japanese if wanted; a +1 800 number cannot be dialled from Japan',
  },
  {
    key: 'press_contact',
    type: text,
    languageNeutral: true,
    label: 'Press contact',
    description: 'how journalists reach the press office about this breach: a name, an email address and a phone number',
  },
  {key: 'next_update_at', type: instant, label: 'Next update at', description: 'when the next public update (website, press) will be given'},
  {
    key: 'filing',
    type: text,
    languageNeutral: true,
    label: 'Filing for the cover letter',
    description: 'the regulator filing a cover letter goes with, by obligation id (e.g. gdpr-art33); without it, the next filing due',
  },
  {
    key: 'functional_impact',
    type: {kind: 'choice', values: FUNCTIONAL_IMPACTS},
    label: 'Functional impact',
    description:
      'effect on the business (SP 800-61r2 Table 3-2): none; low (efficiency lost, critical services still provided); medium (a critical service lost for a subset of users); high (a critical service lost for all users)',
  },
  {
    key: 'information_impact',
    type: {kind: 'choices', values: INFORMATION_IMPACTS, alone: ['none']},
    label: 'Information impact',
    description:
      'effect on information (SP 800-61r2 Table 3-3): none, or one or more of privacy (personal data accessed or taken), proprietary (trade secrets or confidential business information accessed or taken), integrity (sensitive or proprietary information changed or deleted)',
  },
  {
    key: 'recoverability',
    type: {kind: 'choice', values: RECOVERABILITY},
    label: 'Recoverability',
    description:
      'effort to recover (SP 800-61r2 Table 3-4): regular (predictable, existing resources); supplemented (predictable, more resources); extended (unpredictable, outside help needed); not_recoverable (e.g. data taken and published)',
  },
]

const BY_KEY = new Map(DEFINITIONS.map((d) => [d.key, d]))

export const FACT_DEFINITIONS: readonly FactDefinition[] = DEFINITIONS

/** `affected.US-CA` style keys: people affected per ISO 3166 region. */
const AFFECTED_REGION = /^affected\.(.+)$/

/** `summary.ja`: a text fact written in another language, for notices in that language. */
const TRANSLATED = /^(.+)\.([a-z]{2})$/

/** A fact by key: runbook's own, else one the organisation declares (`extra`, from runbook.yaml's facts:). */
export function factDefinition(key: string, extra: readonly FactDefinition[] = []): FactDefinition | undefined {
  const lookup = (k: string) => BY_KEY.get(k) ?? extra.find((d) => d.key === k)
  const known = lookup(key)
  if (known) return known
  const translated = TRANSLATED.exec(key)
  const base = translated && lookup(translated[1]!)
  if (base?.type.kind === 'text' && !base.languageNeutral)
    return {...base, key, label: `${base.label} (${translated![2]})`, description: `${base.description}, in language ${translated![2]}`}
  const region = AFFECTED_REGION.exec(key)?.[1]
  if (region && region !== 'total' && regionProblem(region) === null) {
    return {key, type: count, label: `People affected in ${region}`, description: `number of people affected who reside in ${region}`}
  }
  return undefined
}

/** The fact keys a near miss is compared with: runbook's and the organisation's. */
export function factKeys(extra: readonly FactDefinition[] = []): string[] {
  return [...DEFINITIONS, ...extra].map((d) => d.key)
}

/** Known keys close to a mistyped one ("summry" -> summary), nearest first. */
export function similarFacts(key: string, extra: readonly FactDefinition[] = []): string[] {
  const translated = TRANSLATED.exec(key)
  // "summry.ja" is a translation of a mistyped fact: the suggestion keeps the language.
  if (translated && !factDefinition(translated[1]!, extra)) return nearest(translated[1]!, factKeys(extra)).map((k) => `${k}.${translated[2]}`)
  return nearest(key, factKeys(extra))
}

/** Why a key is not in the vocabulary, with what to use instead. */
export function unknownFactMessage(key: string, extra: readonly FactDefinition[] = []): string {
  const region = AFFECTED_REGION.exec(key)?.[1]
  if (region) return `unknown fact "${key}": ${regionProblem(region) ?? 'not a region'}`
  const near = similarFacts(key, extra)
  if (near.length) return `unknown fact "${key}"; did you mean ${near.join(' or ')}?`
  const own = extra.length ? `; the organisation's own (runbook.yaml facts:): ${extra.map((d) => d.key).join(', ')}` : ''
  return `unknown fact "${key}". Known facts: ${DEFINITIONS.map((d) => d.key).join(', ')}, affected.<REGION> (e.g. affected.US-CA, affected.DE); text facts can take a language: summary.ja${own}. An organisation declares its own in runbook.yaml (facts:)`
}

export type ParseResult = {ok: true; value: FactValue} | {ok: false; message: string}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1'])
const FALSE_WORDS = new Set(['false', 'no', 'n', '0'])

/**
 * Digit groups that are not thousands: "1,24" or "12,40" (a typo, or a decimal comma) were read as 124 and 1,240,
 * and counts decide thresholds (500, 1,000 residents). Groups of three after the first are accepted (1,240 and
 * 1 240 and 1_240); anything else is refused with both readings offered.
 */
function groupingProblem(input: string, decimal = false): string | undefined {
  if (!/[,_ ]/.test(input) || /^\d{1,3}([,_ ]\d{3})+$/.test(input)) return undefined
  if (!/^[\d,_ ]+$/.test(input)) return undefined
  const whole = input.replace(/[,_ ]/g, '')
  const parts = input.split(/[,_ ]/)
  const other = decimal && parts.length === 2 ? `${parts[0]}.${parts[1]}` : parts[0]
  return `"${input}" groups its digits unlike thousands: did you mean ${whole} or ${other}? (write ${decimal ? '1240 or 12.5' : '1240 or 1,240'})`
}

/** Parses a typed-in value for a fact; instants are stored as ISO 8601 UTC. */
export function parseFactValue(definition: FactDefinition, raw: string, zone: string): ParseResult {
  const input = raw.trim()
  const {type, key} = definition
  switch (type.kind) {
    case 'instant': {
      const reading = readInstant(input, zone)
      if (reading.ok) return {ok: true, value: reading.date.toISOString()}
      return {ok: false, message: `${key}: ${reading.reason}; use ${INSTANT_HELP}`}
    }
    case 'count': {
      const grouping = groupingProblem(input)
      if (grouping) return {ok: false, message: `${key}: ${grouping}`}
      const normalised = input.replace(/[,_ ]/g, '')
      if (!/^\d+$/.test(normalised)) return {ok: false, message: `${key}: "${raw}" is not a whole number of people or records (e.g. 1240)`}
      // Exact or refused: beyond 2^53 a number would be stored rounded (1e+23).
      if (normalised.length > 15 || Number(normalised) > MAX_COUNT)
        return {ok: false, message: `${key}: ${raw} is more than runbook can count exactly (${groupDigits(MAX_COUNT)})`}
      return {ok: true, value: Number(normalised)}
    }
    case 'boolean': {
      const lower = input.toLowerCase()
      if (TRUE_WORDS.has(lower)) return {ok: true, value: true}
      if (FALSE_WORDS.has(lower)) return {ok: true, value: false}
      return {ok: false, message: `${key}: "${raw}" is not true or false (yes/no also work)`}
    }
    case 'choice': {
      if (type.values.includes(input)) return {ok: true, value: input}
      return {ok: false, message: `${key}: "${raw}" is not one of: ${type.values.join(', ')}`}
    }
    case 'choices': {
      const items = input
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      const bad = items.filter((item) => !type.values.includes(item))
      if (bad.length > 0)
        return {ok: false, message: `${key}: ${bad.map((b) => `"${b}"`).join(', ')} not valid; use a comma-separated list of: ${type.values.join(', ')}`}
      const lone = aloneProblem(type, items)
      if (lone) return {ok: false, message: `${key}: ${lone}`}
      return {ok: true, value: [...new Set(items)]}
    }
    case 'text': {
      if (!input) return {ok: false, message: `${key}: the text is empty`}
      return {ok: true, value: input}
    }
    case 'regions': {
      const items = input
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean)
      const problem = items.map(regionProblem).find(Boolean)
      if (problem) return {ok: false, message: `${key}: ${problem}`}
      if (items.length === 0) return {ok: false, message: `${key}: give at least one ISO 3166 code, e.g. DE-BE,FR`}
      return {ok: true, value: [...new Set(items)]}
    }
    case 'number': {
      const grouping = /\./.test(input) ? groupingProblem(input.replace(/^-/, '').replace(/\.\d*$/, '')) : groupingProblem(input.replace(/^-/, ''), true)
      if (grouping) return {ok: false, message: `${key}: ${grouping}`}
      const normalised = input.replace(/[,_ ]/g, '')
      // Digits with an optional sign and decimal point; "1e3", "0x10" and "Infinity" are not what anyone typed.
      if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(normalised)) return {ok: false, message: `${key}: "${raw}" is not a number (e.g. 1240 or 12.5)`}
      const value = Number(normalised)
      if (!Number.isFinite(value) || Math.abs(value) > MAX_COUNT) return {ok: false, message: `${key}: ${raw} is too large`}
      return {ok: true, value}
    }
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input)
      if (!match) return {ok: false, message: `${key}: "${raw}" is not a date; use YYYY-MM-DD, e.g. 2026-06-30`}
      const [y, m, d] = match.slice(1).map(Number) as [number, number, number]
      const day = new Date(Date.UTC(y, m - 1, d))
      if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
        return {ok: false, message: `${key}: ${input} is not a day of the calendar`}
      return {ok: true, value: input}
    }
    case 'list': {
      const items = input
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      if (items.length === 0) return {ok: false, message: `${key}: give at least one item; separate items with commas`}
      return {ok: true, value: [...new Set(items)]}
    }
  }
}

/** `none` with anything else says two opposite things: a value listed as `alone` stands by itself. */
function aloneProblem(type: {values: readonly string[]; alone?: readonly string[]}, items: readonly string[]): string | null {
  const lone = type.alone?.find((value) => items.includes(value))
  return lone !== undefined && new Set(items).size > 1 ? `"${lone}" cannot be combined with other values` : null
}

/** Checks an already-typed value (from YAML or an event) against the definition. */
export function checkFactValue(definition: FactDefinition, value: unknown): string | null {
  const {type} = definition
  switch (type.kind) {
    case 'instant':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'expected an ISO 8601 instant'
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0 ? null : 'expected a whole number'
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected true or false'
    case 'choice':
      return typeof value === 'string' && type.values.includes(value) ? null : `expected one of: ${type.values.join(', ')}`
    case 'choices':
      if (!Array.isArray(value) || !value.every((v) => type.values.includes(v))) return `expected a list of: ${type.values.join(', ')}`
      return aloneProblem(type, value as string[])
    case 'text':
      return typeof value === 'string' ? null : 'expected text'
    case 'regions':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && regionProblem(v) === null)
        ? null
        : 'expected a list of ISO 3166 codes such as DE-BE, FR'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number'
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'expected a date (YYYY-MM-DD)'
    case 'list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'expected a list of text items'
  }
}

/**
 * 1234567 -> "1,234,567", as toLocaleString('en-US') prints it. The first toLocaleString in a process sets up
 * ICU's number formatting (about 20 ms), which every `runbook status` paid for the reasons of its deadlines.
 */
export function groupDigits(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US')
  return `${value < 0 ? '-' : ''}${String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',')}`
}

export function formatFactValue(value: FactValue): string {
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'number') return groupDigits(value)
  return String(value)
}

/** The facts as a notice in `locale` reads them: a text fact's translation (summary.ja) stands in for it. */
export function localisedFacts(facts: Readonly<Record<string, FactValue>>, locale: string): Record<string, FactValue> {
  return localise(facts, locale, locale).facts
}

/**
 * The facts as a notice in `locale` reads them, when the text facts are written in `baseLocale`: a translation
 * (summary.ja) stands in for its fact; a text fact with no translation is listed as untranslated (the caller stops
 * the render when it is read) unless `allowFallback`, when the base text stands and is listed as a fallback.
 */
export function localise(
  facts: Readonly<Record<string, FactValue>>,
  locale: string,
  baseLocale: string,
  allowFallback = false,
  extra: readonly FactDefinition[] = [],
): {facts: Record<string, FactValue>; untranslated: string[]; fellBack: string[]} {
  const language = locale.slice(0, 2)
  const out: Record<string, FactValue> = {...facts}
  const untranslated: string[] = []
  const fellBack: string[] = []
  for (const definition of [...DEFINITIONS, ...extra]) {
    if (definition.type.kind !== 'text' || definition.languageNeutral) continue
    const translated = facts[`${definition.key}.${language}`]
    if (translated !== undefined) out[definition.key] = translated
    else if (facts[definition.key] !== undefined && language !== baseLocale.slice(0, 2)) {
      // Kept, so `'cause' in facts` still says the fact exists; reading it stops the render (see buildContext).
      if (allowFallback) fellBack.push(definition.key)
      else untranslated.push(definition.key)
    }
  }
  return {facts: out, untranslated, fellBack}
}

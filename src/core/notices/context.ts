import {factDefinition, localise, similarFacts, type FactType, type FactValue} from '../facts/vocabulary.js'
import {orgFactDefinitions} from '../facts/org-definitions.js'
import type {ObligationResult} from '../deadlines/obligations.js'
import type {WorkspaceConfig} from '../workspace/config.js'
import {compareOrdinal} from '../order.js'

/** Where the reader of a notice lives: the jurisdiction whose rules the notice follows. */
export interface Reader {
  jurisdiction: string
  country: string
  /** The subdivision (US-MA), or '' when only the country is known. */
  state: string
}

/** A regulator report's own frame: whom it goes to, the people of its jurisdiction, its zone, lateness. */
export interface ReportFrame {
  obligation: string
  title: string
  jurisdiction: string
  authority: string
  /** People affected that this regulator counts, and in words what they are. */
  people: number | null
  peopleScope: string
  zone: string
  dueAt: string | null
  /** Whether the notification is (or would now be) late, by how much in words, and the recorded reasons. */
  late: boolean
  lateBy: string
  delayReason: string | null
  portal: string | null
}

/** A notification already made, from the record (for reports that must say who was told, and when). */
export interface MadeNotice {
  obligation: string
  title: string
  jurisdiction: string
  at: string
  ref: string | null
}

/** A report to a regulator that applies to the incident: what a cover letter names, and who deals with the breach. */
export interface Filing {
  id: string
  title: string
  /** The law it is made under (the regulation's name). */
  law: string
  /** Whether it applies on the facts known, or only may. */
  applies: 'yes' | 'maybe'
  /** Who receives it: the lead authority, those concerned, or the regulation's own recipient. */
  recipient: string
  /** The supervisory authorities the directory names for it, each also in its own language. */
  authorities: {name: string; localName: string; website: string; lead: boolean}[]
  /** Its zone: a cover letter is dated in its regulator's zone. */
  zone: string
  dueAt?: string
  portal?: string
  /** When it was made (recorded with deadline met), and the regulator's reference. */
  met?: {at: string; ref?: string}
}

/** What a template may read, and where a missing value would come from. */
export interface NoticeContext {
  org: Record<string, unknown>
  facts: Record<string, FactValue>
  incident: {id: string; title: string; openedAt: string; playbook: string}
  obligations: {id: string; title: string; dueAt: string | null; applies: string; recipient?: string}[]
  /** Notices to individuals recorded as made, with when. */
  notices: MadeNotice[]
  exercise: boolean
  locale: string
  zone: string
  now: string
  short: boolean
  /** Whose rules a customer notice follows (a mail merge: each recipient's; `notice render --for`). */
  reader?: Reader
  /** For a regulator report: its regulator, its people count, its zone, its lateness. */
  report?: ReportFrame
  /** The regulator filings that apply, by obligation id (gdpr-art33). */
  filings: Record<string, Filing>
  /** The filing a cover letter goes with: the fact `filing`, else the next one due that is not made yet. */
  filing: Filing
  /** runbook.yaml's response roster, by role (roster.communications.primary.email). */
  roster: Record<string, unknown>
  /** In a mail merge: this recipient (name and id are placeholders the merge fills in). */
  recipient?: {name: string; id: string; jurisdiction: string; country: string; state: string; language: string}
}

/** A value the template needs that the incident or workspace lacks, with how to supply it. */
export class MissingValueError extends Error {
  readonly path: string
  readonly fix: string
  /** The template reads a fact runbook does not know (a typo, or a fact runbook.yaml does not declare). */
  readonly unknown: boolean
  /** Known names close to an unknown one ("summry" -> summary). */
  readonly suggestions: string[]

  constructor(path: string, fix: string, details: {unknown?: boolean; suggestions?: string[]} = {}) {
    super(details.unknown ? `the template reads ${path}, which is not a fact runbook knows` : `the template needs ${path}, which is not set`)
    this.name = 'MissingValueError'
    this.path = path
    this.fix = fix
    this.unknown = details.unknown ?? false
    this.suggestions = details.suggestions ?? []
  }
}

// Names nunjucks and JS probe on any object; reading them must not count as the template needing a value.
const PROBES = new Set(['then', 'toJSON', 'toString', 'valueOf', 'constructor', 'length', '__keywords', 'inspect', 'asymmetricMatch', '$$typeof', 'nodeType'])

/**
 * How a render goes on past a missing value when it collects them all: `truthy` reads each as a stand-in that
 * is true in a condition and prints as "[missing: facts.x]", `falsy` as an empty string. Rendering once each way
 * walks both sides of a condition on a missing fact.
 */
export type StandInMode = 'truthy' | 'falsy'

const STAND_INS = new WeakSet<object>()

/** Whether a value is a stand-in for a missing one (filters pass it through rather than fail on it). */
export function isStandIn(value: unknown): boolean {
  return typeof value === 'object' && value !== null && STAND_INS.has(value)
}

/**
 * A value that is true in a condition, prints as its text, has the string methods filters call, and answers any
 * other key with another stand-in (so `missing.name` goes on too). It iterates as empty.
 */
export function truthyStandIn(text: string): object {
  const proxy: object = new Proxy(Object.create(null) as object, {
    get(_target, key) {
      if (key === Symbol.toPrimitive) return () => text
      if (key === 'toString' || key === 'valueOf' || key === 'toJSON') return () => text
      if (typeof key === 'symbol' || PROBES.has(key)) return key === 'length' ? text.length : undefined
      const method = (String.prototype as unknown as Record<string, unknown>)[key]
      if (typeof method === 'function') return (method as (...args: unknown[]) => unknown).bind(text)
      return truthyStandIn(text)
    },
    has: () => false,
    ownKeys: () => [],
  })
  STAND_INS.add(proxy)
  return proxy
}

interface MissingPolicy {
  fix: (fullPath: string, key: string) => string
  onMissing?: (error: MissingValueError) => void
  rename?: (key: string) => string
  refused?: ReadonlySet<string>
  /** Whether a key names a fact runbook does not know, and which known ones are near it. */
  about?: (key: string) => {unknown?: boolean; suggestions?: string[]}
  /** Collecting: a missing value reads as a stand-in instead of stopping the render. */
  standIn?: StandInMode
  /** Keys whose value is the base-language text standing in for a translation: each read is told to `onRead`. */
  fellBack?: {keys: ReadonlySet<string>; onRead: (key: string) => void}
  /** Keys whose value is an object (org.contact): when missing, collecting goes on into their fields. */
  objects?: ReadonlySet<string>
}

/**
 * Wraps an object so that reading a key it lacks throws a MissingValueError naming it. `{% if 'x' in facts %}`
 * still tests presence without throwing, so templates can have optional parts.
 */
export function strict<T extends object>(
  value: T,
  path: string,
  fix: (fullPath: string, key: string) => string,
  onMissing: (error: MissingValueError) => void = () => {},
  rename: (key: string) => string = (key) => key,
  refused: ReadonlySet<string> = new Set(),
): T {
  return guard(value, path, {fix, onMissing, rename, refused})
}

function guard<T extends object>(value: T, path: string, policy: MissingPolicy): T {
  const {fix, onMissing, rename = (key: string) => key, refused = new Set<string>(), about, standIn, fellBack} = policy
  const missing = (key: string): unknown => {
    if (standIn && policy.objects?.has(key)) return guard({}, `${path}.${key}`, {...policy, objects: undefined, rename: undefined, refused: undefined})
    const error = new MissingValueError(`${path}.${rename(key)}`, fix(`${path}.${key}`, key), about?.(key))
    // Recorded before throwing: the template engine wraps what it catches, and the caller wants the name.
    onMissing?.(error)
    if (standIn) return standIn === 'truthy' ? truthyStandIn(`[missing: ${error.path}]`) : ''
    throw error
  }
  return new Proxy(value, {
    get(target, key, receiver) {
      // A refused key exists (a template may test for it) but must not be printed: an untranslated text.
      if (typeof key === 'string' && refused.has(key)) return missing(key)
      // An English stand-in counts as a fallback only when the notice prints it, not because the fact exists.
      if (typeof key === 'string' && fellBack?.keys.has(key)) fellBack.onRead(key)
      if (typeof key === 'symbol' || PROBES.has(key) || Reflect.has(target, key)) {
        const inner = Reflect.get(target, key, receiver) as unknown
        if (typeof key === 'string' && inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
          return guard(inner, `${path}.${key}`, {fix, onMissing, standIn})
        }
        if ((inner === undefined || inner === null) && typeof key === 'string' && !PROBES.has(key)) return missing(key)
        return inner
      }
      return missing(key)
    },
  })
}

/** Fields of runbook.yaml's organization whose value is an object, so a missing one is collected field by field. */
const ORG_OBJECTS = new Set(['contact', 'dpo', 'signatory'] satisfies (keyof WorkspaceConfig['organization'])[])

const orgFix = (path: string) => `set organization${path.slice('org'.length)} in runbook.yaml`
const rosterFix = (path: string) => `set ${path} in runbook.yaml`

/** The regulator filings that apply (or may), each with its authorities, due time and record. */
export function filingsOf(obligations: readonly ObligationResult[]): Record<string, Filing> {
  const filings: Record<string, Filing> = {}
  for (const o of obligations) {
    if (o.applies === 'no' || !o.notify.includes('regulator')) continue
    const lead = o.authorities?.lead
    const directory = lead ? [lead] : (o.authorities?.concerned ?? [])
    filings[o.id] = {
      id: o.id,
      title: o.title,
      law: o.regulation.name,
      applies: o.applies,
      recipient: o.recipient ?? o.regulation.authority,
      authorities: directory.map((a) => ({name: a.name, localName: a.localName, website: a.website, lead: a === lead})),
      zone: o.zone,
      ...(o.dueAt ? {dueAt: o.dueAt} : {}),
      ...(o.portal ? {portal: o.portal} : {}),
      ...(o.met ? {met: {at: o.met.at, ...(o.met.ref ? {ref: o.met.ref} : {})}} : {}),
    }
  }
  return filings
}

/**
 * The filing a cover letter goes with: the one the fact `filing` names, else the next one due that is not made.
 * When there is none, reading it stops the render and says how to choose one.
 */
function chosenFiling(filings: Record<string, Filing>, chosen: unknown, onMissing?: (error: MissingValueError) => void): Filing {
  const ids = Object.keys(filings)
  const pending = Object.values(filings)
    .filter((f) => !f.met && f.applies === 'yes')
    .sort((a, b) => compareOrdinal(a.dueAt ?? '9999', b.dueAt ?? '9999') || compareOrdinal(a.id, b.id))
  const found = typeof chosen === 'string' ? filings[chosen] : pending[0]
  if (found)
    return strict(found, 'filing', (path) => `${path} is not known for this filing: test it with {% if '${path.split('.').pop()}' in filing %}`, onMissing)
  const known = ids.length ? `one of: ${ids.join(', ')}` : 'no regulator filing applies to this incident on the facts known'
  const fix =
    typeof chosen === 'string'
      ? `runbook fact set filing ID ("${chosen}" is not a regulator filing of this incident; ${known})`
      : `runbook fact set filing ID (no filing that applies is still to be made; ${known})`
  return new Proxy({} as Filing, {
    get(_target, key) {
      if (typeof key === 'symbol' || PROBES.has(key)) return undefined
      const error = new MissingValueError('facts.filing', fix)
      onMissing?.(error)
      throw error
    },
  })
}

export function buildContext(input: {
  config: WorkspaceConfig
  state: {id: string; title: string; openedAt: string; drill: boolean; playbook: {id: string}}
  facts: Record<string, FactValue>
  obligations: readonly ObligationResult[]
  locale: string
  zone: string
  now: Date
  short: boolean
  reader?: Reader
  report?: ReportFrame
  /** Accept the base-language text of a fact with no translation (counted by the caller through onFallback). */
  allowFallback?: boolean
  /** The template is Markdown: text facts are escaped so they print as text (no links, emphasis or headings). */
  markdown?: boolean
  onFallback?: (facts: string[]) => void
  onMissing?: (error: MissingValueError) => void
  /** Collecting every missing value: each reads as a stand-in instead of stopping the render. */
  standIn?: StandInMode
  /** The incident, when `runbook fact set` needs --incident to reach it (it is not the single open one). */
  incidentFlag?: string
}): NoticeContext {
  const {organization} = input.config
  const own = orgFactDefinitions(input.config.facts)
  // Text facts are written in the organisation's first language; a notice in another language needs each in its own.
  const base = organization.locales[0] ?? 'en'
  const localised = localise(input.facts, input.locale, base, input.allowFallback, own)
  if (input.markdown)
    for (const [key, value] of Object.entries(localised.facts))
      if (factDefinition(key, own)?.type.kind === 'text' && typeof value === 'string') localised.facts[key] = escapeMarkdown(value)
  const fellBack = new Set(localised.fellBack)
  const language = input.locale.slice(0, 2)
  const untranslated = new Set(localised.untranslated)
  const incident = input.incidentFlag ? ` --incident ${input.incidentFlag}` : ''
  const factFix = (_path: string, key: string) => {
    if (untranslated.has(key))
      return `runbook fact set ${key}.${language} "..."${incident} (the ${language} text of ${key}; or accept the ${base} text with --allow-fallback)`
    const definition = factDefinition(key, own)
    if (definition) return `runbook fact set ${key} ${valueHint(definition.type)}${incident}`
    const near = similarFacts(key, own)
    return near.length
      ? `correct the template: did you mean facts.${near.join(' or facts.')}?`
      : `correct the template, or declare ${key} in runbook.yaml under facts: (a type and a description)`
  }
  const aboutFact = (key: string) => (untranslated.has(key) || factDefinition(key, own) ? {} : {unknown: true, suggestions: similarFacts(key, own)})
  const filings = filingsOf(input.obligations)
  const notices = input.obligations
    .filter((o) => o.met && o.notify.includes('individuals'))
    .map((o) => ({obligation: o.id, title: o.title, jurisdiction: o.regulation.jurisdiction, at: o.met!.at, ref: o.met!.ref ?? null}))
    .sort((a, b) => compareOrdinal(a.at, b.at))
  return {
    org: guard({...organization} as Record<string, unknown>, 'org', {fix: orgFix, onMissing: input.onMissing, standIn: input.standIn, objects: ORG_OBJECTS}),
    facts: guard(localised.facts, 'facts', {
      fix: factFix,
      onMissing: input.onMissing,
      rename: (key) => (untranslated.has(key) ? `${key}.${language}` : key),
      refused: untranslated,
      about: aboutFact,
      standIn: input.standIn,
      fellBack: {keys: fellBack, onRead: (key) => input.onFallback?.([key])},
    }),
    incident: {id: input.state.id, title: input.state.title, openedAt: input.state.openedAt, playbook: input.state.playbook.id},
    obligations: input.obligations
      .filter((o) => o.applies !== 'no')
      .map((o) => ({id: o.id, title: o.title, dueAt: o.dueAt, applies: o.applies, recipient: o.recipient})),
    notices,
    filings: strict(
      filings,
      'filings',
      (_path, key) => `"${key}" is not a regulator filing of this incident (known: ${Object.keys(filings).join(', ') || 'none'})`,
      input.onMissing,
    ),
    filing: chosenFiling(filings, input.facts.filing, input.onMissing),
    roster: strict({...(input.config.roster ?? {})} as Record<string, unknown>, 'roster', rosterFix, input.onMissing),
    exercise: input.state.drill,
    locale: input.locale,
    // A regulator report is dated and timed in its regulator's zone.
    zone: input.report?.zone ?? input.zone,
    now: input.now.toISOString(),
    short: input.short,
    ...(input.reader ? {reader: input.reader} : {}),
    ...(input.report ? {report: input.report} : {}),
  }
}

/** The reader of a jurisdiction: US-MA is in US, state US-MA; DE is in DE, no state. */
export function readerOf(jurisdiction: string): Reader {
  const [country, sub] = jurisdiction.split('-')
  return {jurisdiction, country: country ?? jurisdiction, state: sub ? jurisdiction : ''}
}

/** What to type for a fact's value in the command that sets it. */
export function valueHint(type: FactType): string {
  switch (type.kind) {
    case 'instant':
      return '"YYYY-MM-DD HH:MM"'
    case 'date':
      return 'YYYY-MM-DD'
    case 'count':
    case 'number':
      return 'NUMBER'
    case 'boolean':
      return 'true|false'
    case 'choice':
      return type.values.join('|')
    case 'choices':
      return `${type.values.slice(0, 2).join(',')}...`
    case 'regions':
      return 'US-CA,DE...'
    case 'list':
      return '"ITEM,ITEM..."'
    case 'text':
      return '"..."'
  }
}

/**
 * A fact's text as Markdown text: characters Markdown would read as syntax are escaped, so "[click](https://...)"
 * or "# Update" typed into a fact print as written, never as a link, an image or a heading.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>!|~]/g, '\\$&')
    .replace(/^(\s*)([#>+-])(?=\s)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.')
}

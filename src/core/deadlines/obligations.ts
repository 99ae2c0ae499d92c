import {lightFormat} from 'date-fns/lightFormat'
import {evaluate, type Facts} from '../conditions/condition.js'
import type {Obligation, Regulation} from '../regulations/schema.js'
import {computeDue, describeClock, type Due, type HolidayLookup} from './clock.js'
import {gdprAuthorities, type Establishment} from '../directory/authorities.js'
import type {SupervisoryAuthority} from '../directory/schema.js'
import {compareOrdinal} from '../order.js'
import {inZone} from '../time/zone.js'

export type Applies = 'yes' | 'no' | 'maybe'
export type DeadlineStatus = 'open' | 'due-soon' | 'overdue' | 'met-on-time' | 'met-late' | 'not-applicable'

export interface MetRecord {
  at: string
  ref?: string
  delayReason?: string
  actor: string
}

export interface StageSummary {
  id: string
  name: string
  dueAt: string | null
  status: DeadlineStatus
}

export interface ObligationResult {
  id: string
  title: string
  regulation: {id: string; name: string; jurisdiction: string; authority: string; source: string; lastReviewed: string; confidence: string}
  notify: string[]
  recipient?: string
  applies: Applies
  /** Why it applies, does not, or may. */
  reasons: string[]
  /** Facts to set to decide a "maybe" or to start the clock. */
  missing: string[]
  rule: string
  dueAt: string | null
  asap: boolean
  targetAt: string | null
  zone: string
  status: DeadlineStatus
  /** Positive: time left; negative: overdue by. Null without a due time or once met. */
  timeLeftMs: number | null
  met?: MetRecord & {lateByMs: number | null; sinceAwarenessMs: number | null}
  delayReasonRequired: boolean
  stage?: {report: string; name: string}
  stages: StageSummary[]
  notes: string[]
  source: string
  confidence: string
  /** The regulator's form or portal for this notification, where there is one. */
  portal?: string
  voluntary: boolean
  /** For obligations whose recipient the directory decides: the lead authority (or those concerned), and why. */
  authorities?: {lead?: AuthorityRecipient; concerned: AuthorityRecipient[]; reason: string}
}

export interface EvaluationInput {
  regulations: readonly Regulation[]
  facts: Facts
  met: Readonly<Record<string, MetRecord>>
  now: Date
  isHoliday: HolidayLookup
  /** The directory of supervisory authorities, and where the organisation is established (runbook.yaml). */
  authorities?: readonly SupervisoryAuthority[]
  establishments?: readonly Establishment[]
}

/** The authority an obligation goes to when the directory decides it (GDPR's lead supervisory authority). */
export interface AuthorityRecipient {
  id: string
  name: string
  localName: string
  region: string
  website: string
  portal?: string
  email?: string
  phone?: string
}

const DAY_MS = 86_400_000

/** Every obligation of every regulation, decided from the facts, with its deadline and state at `now`. */
export function evaluateObligations(input: EvaluationInput): ObligationResult[] {
  const results: ObligationResult[] = []
  // The day in a zone costs a time-zone lookup (the first in each zone is slow), so it is worked out only when it can
  // matter: every zone's day is within a day of the UTC day, and a rule whose window holds all three is in force.
  const at = arisenAt(input)
  const utcDays = [-DAY_MS, DAY_MS].map((delta) => new Date(at.getTime() + delta).toISOString().slice(0, 10)) as [string, string]
  const days = new Map<string, string>()
  const dayOf = (regulation: Regulation): JudgedDay => ({
    within: utcDays,
    exact: () => {
      let day = days.get(regulation.zone)
      if (day === undefined) days.set(regulation.zone, (day = inZone(regulation.zone, (zoned) => lightFormat(zoned.in(at), 'yyyy-MM-dd'))))
      return day
    },
  })
  for (const regulation of input.regulations) {
    for (const obligation of regulation.obligations) results.push(evaluateOne(regulation, obligation, input, dayOf(regulation)))
  }
  // Stages of one report see each other.
  const byReport = new Map<string, ObligationResult[]>()
  for (const r of results) if (r.stage) byReport.set(r.stage.report, [...(byReport.get(r.stage.report) ?? []), r])
  for (const r of results) {
    const group = r.stage ? byReport.get(r.stage.report)! : [r]
    r.stages = group.map((s) => ({id: s.id, name: s.stage?.name ?? s.title, dueAt: s.dueAt, status: s.status}))
  }
  return results.sort(byUrgency)
}

/**
 * The instant an incident is judged at for rules with effective dates: when the duty arose (the earliest of
 * awareness, discovery and determination), so the law in force then applies; else now. The day is taken in each
 * regime's zone.
 */
function arisenAt(input: EvaluationInput): Date {
  // The first of the facts that can start a duty (awareness, discovery, determination) marks when it arose.
  const starts = ['aware_at', 'discovered_at', 'determined_at']
    .map((key) => input.facts[key])
    .filter((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)))
    .map((v) => Date.parse(v))
  return starts.length > 0 ? new Date(Math.min(...starts)) : input.now
}

/** The day judged on, worked out on demand; `within` is a range of days it is known to fall in. */
export interface JudgedDay {
  within: readonly [string, string]
  exact: () => string
}

/** Null when the obligation is in force on `day`, else why not. */
export function notInForce(regulation: Regulation, obligation: Obligation, day: string | JudgedDay): string | null {
  const from = [regulation.in_force_from, obligation.in_force_from].filter(Boolean).sort().at(-1)
  const until = [regulation.in_force_until, obligation.in_force_until].filter(Boolean).sort()[0]
  if (!from && !until) return null
  if (typeof day !== 'string') {
    if ((!from || from <= day.within[0]) && (!until || day.within[1] <= until)) return null
    day = day.exact()
  }
  if (from && day < from) return `not in force until ${from} (the incident is judged on ${day})`
  if (until && day > until) return `no longer in force after ${until} (the incident is judged on ${day})`
  return null
}

function evaluateOne(regulation: Regulation, obligation: Obligation, input: EvaluationInput, day: JudgedDay): ObligationResult {
  const outOfForce = notInForce(regulation, obligation, day)
  const applicability = outOfForce ? {result: 'no' as const, missing: [], reasons: [outOfForce]} : evaluate(obligation.applies, input.facts)
  const applies: Applies = applicability.result === 'unknown' ? 'maybe' : applicability.result
  // An obligation that does not apply has no deadline to compute (and its calendar need not be loaded).
  const due: Due =
    applies === 'no'
      ? {dueAt: null, asap: Boolean(obligation.clock.asap), rule: describeClock(obligation.clock), notes: []}
      : computeDue(obligation.clock, {
          facts: input.facts,
          metAt: (id) => input.met[id]?.at,
          zone: regulation.zone,
          calendar: obligation.clock.calendar ?? regulation.calendar,
          isHoliday: input.isHoliday,
        })
  const met = input.met[obligation.id]
  const aware = input.facts.aware_at
  const awareMs = typeof aware === 'string' ? Date.parse(aware) : undefined
  const missing = [...applicability.missing]
  if (due.waitingFor && !due.waitingFor.includes(' ')) missing.push(due.waitingFor)
  const notes = [...due.notes]
  if (due.waitingFor) notes.unshift(`the clock starts at ${due.waitingFor}${due.waitingFor.includes(' ') ? '' : ' (not set yet)'}`)
  let status: DeadlineStatus
  let timeLeftMs: number | null = null
  let metResult: ObligationResult['met']
  if (applies === 'no') {
    status = 'not-applicable'
  } else if (met) {
    const lateByMs = due.dueAt ? Date.parse(met.at) - Date.parse(due.dueAt) : null
    status = lateByMs !== null && lateByMs > 0 ? 'met-late' : 'met-on-time'
    metResult = {...met, lateByMs, sinceAwarenessMs: awareMs === undefined ? null : Date.parse(met.at) - awareMs}
  } else {
    const deadline = due.dueAt ?? due.targetAt
    timeLeftMs = deadline ? Date.parse(deadline) - input.now.getTime() : null
    status = timeLeftMs === null ? 'open' : timeLeftMs < 0 ? 'overdue' : timeLeftMs <= DAY_MS ? 'due-soon' : 'open'
  }
  return {
    id: obligation.id,
    title: obligation.title,
    regulation: {
      id: regulation.id,
      name: regulation.name,
      jurisdiction: regulation.jurisdiction,
      authority: regulation.authority,
      source: regulation.source,
      lastReviewed: regulation.last_reviewed,
      confidence: regulation.confidence,
    },
    notify: obligation.notify,
    recipient: obligation.recipient,
    applies,
    reasons: applies === 'maybe' ? [...applicability.reasons, `may apply: set ${[...new Set(applicability.missing)].join(', ')}`] : applicability.reasons,
    missing: [...new Set(missing)],
    rule: due.rule,
    dueAt: due.dueAt,
    asap: due.asap,
    targetAt: due.targetAt ?? null,
    zone: regulation.zone,
    status,
    timeLeftMs,
    met: metResult,
    delayReasonRequired: obligation.delay_reason_required ?? false,
    stage: obligation.stage,
    stages: [],
    notes,
    source: obligation.source ?? regulation.source,
    confidence: obligation.confidence ?? regulation.confidence,
    ...(obligation.portal ? {portal: obligation.portal} : {}),
    voluntary: obligation.voluntary ?? false,
    ...(obligation.authority_from && applies !== 'no' ? chooseAuthority(input) : {}),
  }
}

const recipientOf = (a: SupervisoryAuthority): AuthorityRecipient => ({
  id: a.id,
  name: a.name,
  localName: a.local_name,
  region: a.region,
  website: a.website,
  ...(a.breach_portal ? {portal: a.breach_portal} : {}),
  ...(a.email ? {email: a.email} : {}),
  ...(a.phone ? {phone: a.phone} : {}),
})

/** The supervisory authority to notify, from the establishments and where people affected live. */
function chooseAuthority(input: EvaluationInput): Pick<ObligationResult, 'authorities' | 'recipient'> {
  const countries = Object.entries(input.facts)
    .filter(([key, value]) => key.startsWith('affected.') && key !== 'affected.total' && typeof value === 'number' && value > 0)
    .map(([key]) => key.slice('affected.'.length).split('-')[0]!)
  // The incident's establishments fact decides where the organisation is established, as it does whether the GDPR
  // applies (it stands for runbook.yaml's list when set); runbook.yaml's main: true still marks the main one.
  const configured = input.establishments ?? []
  const listed = Array.isArray(input.facts.establishments) ? input.facts.establishments.map(String) : undefined
  const establishments = listed ? listed.map((region) => configured.find((e) => e.region === region) ?? {region}) : configured
  const choice = gdprAuthorities(establishments, countries, input.authorities ?? [])
  const lead = choice.lead ? recipientOf(choice.lead) : undefined
  const concerned = choice.concerned.map(recipientOf)
  const recipient = lead ? `${lead.name} (${lead.localName})` : concerned.length ? concerned.map((a) => a.name).join('; ') : undefined
  return {authorities: {...(lead ? {lead} : {}), concerned, reason: choice.reason}, ...(recipient ? {recipient} : {})}
}

const APPLIES_ORDER: Record<Applies, number> = {yes: 0, maybe: 1, no: 2}

/** What needs attention first: applicable before possible, earliest deadline first, open-ended last. */
function byUrgency(a: ObligationResult, b: ObligationResult): number {
  const applies = APPLIES_ORDER[a.applies] - APPLIES_ORDER[b.applies]
  if (applies) return applies
  const metA = a.met ? 1 : 0
  const metB = b.met ? 1 : 0
  if (metA !== metB) return metA - metB
  const dueA = a.dueAt ?? a.targetAt
  const dueB = b.dueAt ?? b.targetAt
  if (dueA && dueB) return Date.parse(dueA) - Date.parse(dueB) || compareOrdinal(a.id, b.id)
  if (dueA) return -1
  if (dueB) return 1
  return compareOrdinal(a.id, b.id)
}

import type {Facts} from '../core/conditions/condition.js'
import {lateness, metEvent, needsDelayReason} from '../core/deadlines/met.js'
import {evaluateObligations, type ObligationResult} from '../core/deadlines/obligations.js'
import {alternativeAnswers, removedObligations} from '../core/deadlines/removed.js'
import type {FactValue} from '../core/facts/vocabulary.js'
import {regulationVersions, type RuleChange} from '../core/deadlines/versions.js'
import {UserError} from '../core/errors.js'
import {ensureOpen} from '../core/incident/actions.js'
import type {EventDraft} from '../core/incident/events.js'
import {factValues, type IncidentState} from '../core/incident/state.js'
import type {Regulation} from '../core/regulations/schema.js'
import type {LawEnforcementEntry} from '../core/directory/schema.js'
import {canonicalRegion} from '../core/facts/regions.js'
import {formatElapsed} from '../core/time/duration.js'
import {formatInZone} from '../core/time/instant.js'
import {compareOrdinal} from '../core/order.js'
import {isValidTimeZone} from '../core/time/zone.js'
import {directory} from '../store/directory.js'
import {holidayLookup} from '../store/holidays.js'
import {availableRegulations, type RegulationFile} from '../store/regulations.js'
import type {Context} from './context.js'
import {occurredAt, resolveIncident} from './incidents.js'
import type {IncidentSession} from './session.js'

export type {RuleChange}

export interface DeadlineReport {
  obligations: ObligationResult[]
  files: (RegulationFile & {regulation: Regulation})[]
  broken: RegulationFile[]
  /** Regulation files that changed since the incident was last evaluated with them. */
  changed: RuleChange[]
  /** The event to append so the incident records the versions it was evaluated with (none if unchanged). */
  record?: EventDraft
}

/** The facts deadlines are decided on: the workspace's organisation-wide defaults, then the incident's facts. */
export async function deadlineFacts(ctx: Context, state: IncidentState): Promise<Facts> {
  const config = await ctx.workspace.config()
  const organisation = config.organization
  return {
    ...(organisation.entity_types ? {entity_types: organisation.entity_types} : {}),
    ...(config.establishments ? {establishments: config.establishments.map((e) => e.region)} : {}),
    ...factValues(state),
  }
}

/** Every obligation decided for an incident at `now` (its own now: a drill's simulated time). */
export async function computeDeadlines(
  ctx: Context,
  state: IncidentState,
  now: Date,
  /** Only the regulations that hold these obligations (a drill text naming one deadline needs no other). */
  options: {obligations?: readonly string[]} = {},
): Promise<DeadlineReport> {
  const {regulations: files, broken} = await availableRegulations(ctx.workspace.root)
  const wanted = options.obligations
  const chosen = files.filter((f) => !wanted || f.regulation.obligations.some((o) => wanted.includes(o.id)))
  const evaluateWith = await obligationEvaluator(ctx, state, now, chosen)
  const obligations = evaluateWith(await deadlineFacts(ctx, state))
  const versions = files.map((f) => ({id: f.regulation.id, sha256: f.sha256, lastReviewed: f.regulation.last_reviewed, file: f.file}))
  const {changed, record} = regulationVersions(state, versions, {actor: ctx.actor})
  return {obligations, files, broken, changed, record}
}

/** Decides every obligation on a given set of facts, for this incident and instant. */
async function obligationEvaluator(
  ctx: Context,
  state: IncidentState,
  now: Date,
  files?: readonly {regulation: Regulation}[],
): Promise<(facts: Facts) => ObligationResult[]> {
  const regulations = (files ?? (await availableRegulations(ctx.workspace.root)).regulations).map((f) => f.regulation)
  const {authorities} = await directory()
  const establishments = (await ctx.workspace.config()).establishments ?? []
  const isHoliday = holidayLookup()
  return (facts) => evaluateObligations({regulations, facts, met: state.met, now, isHoliday, authorities, establishments})
}

/**
 * The obligations an answer would take away (see removedObligations), decided by comparing what applies before
 * and after it, and with the other answers it could have been; none for answers that scope rather than judge
 * (alternativeAnswers), or that change nothing.
 */
export async function obligationsRemovedBy(ctx: Context, state: IncidentState, key: string, value: FactValue, now: Date): Promise<ObligationResult[]> {
  const current = state.facts[key]?.value
  if (current !== undefined && JSON.stringify(current) === JSON.stringify(value)) return []
  let alternatives = alternativeAnswers(key, value)
  // A scoping answer is not confirmed when first given; changed, the answer it replaces is the one to compare with:
  // narrowing the data categories or lowering a count took duties that applied away without a word.
  if (alternatives.length === 0 && current !== undefined) alternatives = [current]
  if (alternatives.length === 0) return []
  const evaluateWith = await obligationEvaluator(ctx, state, now)
  const facts = await deadlineFacts(ctx, state)
  const withAnswer = (answer: FactValue) => evaluateWith({...facts, [key]: answer})
  return removedObligations(evaluateWith(facts), withAnswer(value), alternatives.map(withAnswer))
}

/** The countries an incident touches: where people affected live and where the organisation is established. */
export async function incidentCountries(ctx: Context, state: IncidentState): Promise<string[]> {
  const facts = await deadlineFacts(ctx, state)
  const lived = Object.entries(facts)
    .filter(([key, value]) => key.startsWith('affected.') && key !== 'affected.total' && typeof value === 'number' && value > 0)
    .map(([key]) => canonicalRegion(key.slice('affected.'.length)).split('-')[0]!)
  const established = Array.isArray(facts.establishments) ? facts.establishments.map((r) => r.split('-')[0]!) : []
  return [...new Set([...established, ...lived])]
}

/** Whom to call: the police cybercrime point and the national CSIRT of each of the incident's countries. */
export async function lawEnforcementContacts(ctx: Context, state: IncidentState): Promise<LawEnforcementEntry[]> {
  const countries = await incidentCountries(ctx, state)
  const {lawEnforcement} = await directory()
  return countries.map((c) => lawEnforcement.find((e) => e.country === c)).filter((e): e is LawEnforcementEntry => Boolean(e))
}

/** `runbook deadlines`: the report, and the regulation versions it was computed with recorded on the incident. */
/** A team's regulation file that does not validate is left out of every clock: say so wherever clocks are shown. */
export function warnBrokenRegulations(ctx: Context, broken: readonly RegulationFile[]): void {
  for (const file of broken)
    ctx.notice(
      ctx.io.errStyle.yellow(
        `Skipped ${file.file}: it does not validate, so ${file.builtInKept ? `the built-in ${file.builtInKept} is used in its place` : 'its deadlines are not shown'} (run \`runbook regulation validate ${file.file}\`).`,
      ),
    )
}

export async function incidentDeadlines(
  ctx: Context,
  input: {incident?: string; tz?: string},
): Promise<{session: IncidentSession; report: DeadlineReport; zone: string; now: Date; contacts: LawEnforcementEntry[]}> {
  const session = await resolveIncident(ctx, input.incident)
  // The incident's own zone was checked when it was opened; only a --tz given now needs the check (Intl, ~12 ms).
  const zone = input.tz ?? session.state.timezone
  if (input.tz !== undefined && !isValidTimeZone(input.tz))
    throw new UserError(`--tz "${zone}" is not an IANA time zone; use a name such as Europe/Berlin or America/New_York`)
  const now = session.now()
  const report = await computeDeadlines(ctx, session.state, now)
  if (report.record) await session.record(report.record)
  warnBrokenRegulations(ctx, report.broken)
  return {session, report, zone, now, contacts: await lawEnforcementContacts(ctx, session.state)}
}

export interface MetRequest {
  obligation: string
  incident?: string
  at?: string
  ref?: string
  delayReason?: string
  /** Record an --at from before the organisation knew of the breach all the same. */
  force?: boolean
}

export interface MetResult {
  obligation: ObligationResult
  seq: number
  at: string
  ref: string | null
  delayReason: string | null
  dueAt: string | null
  lateByMs: number
}

/** `runbook deadline met`: records a notification as made, asking for the reasons of a delay where the law wants them. */
export async function markMet(ctx: Context, request: MetRequest): Promise<MetResult> {
  const session = await resolveIncident(ctx, request.incident)
  ensureOpen(session.state)
  const now = session.now()
  const at = occurredAt(session, request.at) ?? now.toISOString()
  if (!request.force) checkNotBeforeKnown(session.state, at)
  const report = await computeDeadlines(ctx, session.state, now)
  const obligation = report.obligations.find((o) => o.id === request.obligation)
  if (!obligation) {
    const ids = report.obligations.filter((o) => o.applies !== 'no').map((o) => o.id)
    throw new UserError(`unknown obligation "${request.obligation}"`, {
      hint: `Obligations that apply or may apply here: ${ids.join(', ') || 'none yet'}. All of them: runbook deadlines --all`,
    })
  }
  if (obligation.applies === 'no')
    ctx.notice(ctx.io.errStyle.yellow(`Note: ${obligation.id} does not apply on the current facts (${obligation.reasons.join('; ')}); recording it anyway.`))
  let delayReason = request.delayReason?.trim()
  if (!delayReason && needsDelayReason(obligation, at) && ctx.io.canPrompt) {
    const message = `${formatElapsed(lateness(obligation, at))} late: the reasons for the delay (kept for the report)`
    delayReason = (await ctx.prompter.input({message, validate: (v) => (v.trim() ? true : 'The law asks for the reasons for the delay')})).trim()
  }
  const drafts = [...(report.record ? [report.record] : []), metEvent({obligation, at, ref: request.ref, delayReason}, session.who())]
  const events = await session.record(...drafts)
  return {
    obligation,
    seq: events.at(-1)!.seq,
    at,
    ref: request.ref ?? null,
    delayReason: delayReason ?? null,
    dueAt: obligation.dueAt,
    lateByMs: lateness(obligation, at),
  }
}

/**
 * A notification made before the organisation knew of the breach is almost always a wrong year or day ("2025" for
 * "2026"), and it turned a late filing into "on time, 317 days to spare", asking no reasons for the delay. Refused
 * unless meant (--force); a wrong awareness time is corrected with fact set instead.
 */
function checkNotBeforeKnown(state: IncidentState, at: string): void {
  const known = ['aware_at', 'discovered_at']
    .map((key) => state.facts[key]?.value)
    .filter((value): value is string => typeof value === 'string')
    .sort(compareOrdinal)[0]
  if (!known || Date.parse(at) >= Date.parse(known)) return
  throw new UserError(
    `--at ${formatInZone(at, state.timezone)} is before the organisation knew of the breach (${formatInZone(known, state.timezone)}): a notification cannot come first`,
    {
      hint: 'Check the date (the year?) and the time zone. If it is meant, add --force; if the awareness time is wrong, correct it with runbook fact set aware_at.',
    },
  )
}

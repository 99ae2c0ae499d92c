import type {ObligationResult} from '../../core/deadlines/obligations.js'
import {factDefinition, formatFactValue, type FactValue} from '../../core/facts/vocabulary.js'
import {describeEvent} from '../../core/incident/describe.js'
import type {PhaseProgress, TargetCheck} from '../../core/incident/progress.js'
import {incidentNow} from '../../core/incident/now.js'
import {ROLE_TITLES} from '../../core/playbook/model.js'
import {printable} from '../../core/printable.js'
import {formatInZone} from '../../core/time/instant.js'
import {inZone} from '../../core/time/zone.js'
import type {Context} from '../context.js'
import type {IncidentSession} from '../session.js'
import {incidentStatus} from '../status.js'
import {compareOrdinal} from '../../core/order.js'

/** An instant on the page: the machine-readable ISO time and how a reader in the incident's zone reads it. */
export interface Moment {
  iso: string
  local: string
}

export interface DeadlineItem {
  id: string
  title: string
  regulation: string
  jurisdiction: string
  /** Whom it tells: regulator, individuals, ... */
  notify: string[]
  status: ObligationResult['status']
  due?: Moment
  /** Guidance for "without undue delay" duties. */
  target?: Moment
  asap: boolean
  met?: Moment & {lateByMs: number | null}
}

export interface AxisEvent {
  seq: number
  at: string
  kind: string
  text: string
}

/** The incident dashboard as data: what a page (or a script, as JSON) shows, computed by the same use cases as the CLI. */
export interface DashboardView {
  view: 'dashboard'
  id: string
  title: string
  drill: boolean
  closed: boolean
  timezone: string
  /** The last event folded in: a page knows whether it is current. */
  seq: number
  /** The incident's now (a drill's simulated time) when this was computed, and how fast it runs per real second. */
  now: Moment
  rate: number
  started: Moment & {awareness: boolean}
  phases: PhaseProgress[]
  complete: boolean
  next: {id: string; title: string; owner: string; status: string; reason?: string}[]
  pastTarget: (TargetCheck & {due: Moment})[]
  facts: {key: string; label: string; value: string; at: Moment; actor: string}[]
  deadlines: DeadlineItem[]
  mayApply: {count: number; decidingFacts: string[]}
  events: AxisEvent[]
}

/** How fast the incident's clock runs against the machine's: 1 for a real incident, the speed of a running drill, 0 when stopped. */
export function clockRate(session: IncidentSession): number {
  const real = session.ctx.now().getTime()
  return (incidentNow(session.state, real + 1000).getTime() - incidentNow(session.state, real).getTime()) / 1000
}

function moment(iso: string, zone: string): Moment {
  return {iso, local: formatInZone(iso, zone)}
}

function factText(value: FactValue, kind: string | undefined, zone: string): string {
  if (kind === 'instant' && typeof value === 'string') return formatInZone(value, zone, 'yyyy-MM-dd HH:mm xxx')
  return printable(formatFactValue(value))
}

function deadlineItem(o: ObligationResult, zone: string): DeadlineItem {
  return {
    id: o.id,
    title: o.title,
    regulation: o.regulation.name,
    jurisdiction: o.regulation.jurisdiction,
    notify: o.notify,
    status: o.status,
    asap: o.asap,
    ...(o.dueAt ? {due: moment(o.dueAt, zone)} : {}),
    ...(o.targetAt ? {target: moment(o.targetAt, zone)} : {}),
    ...(o.met ? {met: {...moment(o.met.at, zone), lateByMs: o.met.lateByMs}} : {}),
  }
}

/** Pending first by due time (no due time last), then those made. */
function byUrgency(a: DeadlineItem, b: DeadlineItem): number {
  if (Boolean(a.met) !== Boolean(b.met)) return a.met ? 1 : -1
  const at = (d: DeadlineItem) => (d.due ?? d.target)?.iso ?? '9999'
  return compareOrdinal(at(a), at(b)) || compareOrdinal(a.id, b.id)
}

/** The dashboard of one incident, as of now (its own now: a drill's simulated time). */
export async function dashboardView(ctx: Context, id: string): Promise<DashboardView> {
  const {session, report, obligations, now} = await incidentStatus(ctx, id)
  const {state} = session
  const zone = state.timezone
  const titles = new Map(state.steps.map((s) => [s.step.id, s.step.title]))
  const maybe = obligations.filter((o) => o.applies === 'maybe' && !o.met)
  const deciding = new Map<string, number>()
  for (const o of maybe) for (const fact of o.missing) deciding.set(fact, (deciding.get(fact) ?? 0) + 1)
  // Every time on the page in one setting of the zone, not one a time (see inZone).
  return inZone(zone, () => ({
    view: 'dashboard',
    id: state.id,
    title: printable(state.title),
    drill: state.drill,
    closed: state.closed,
    timezone: zone,
    seq: state.lastSeq,
    now: moment(now.toISOString(), zone),
    rate: clockRate(session),
    started: {...moment(report.startedAt, zone), awareness: report.startIsAwareness},
    phases: report.phases,
    complete: report.complete,
    next: report.nextSteps.map((s) => ({
      id: s.step.id,
      title: s.step.title,
      owner: ROLE_TITLES[s.step.owner],
      status: s.status,
      ...(s.reason ? {reason: printable(s.reason)} : {}),
    })),
    pastTarget: report.pastTarget.map((t) => ({...t, due: moment(t.dueAt, zone)})),
    facts: Object.entries(state.facts)
      .sort(([a], [b]) => compareOrdinal(a, b))
      .map(([key, fact]) => {
        const definition = factDefinition(key)
        return {
          key,
          label: definition?.label ?? key,
          value: factText(fact.value, definition?.type.kind, zone),
          at: moment(fact.at, zone),
          actor: printable(fact.actor),
        }
      }),
    deadlines: obligations
      .filter((o) => o.applies === 'yes')
      .map((o) => deadlineItem(o, zone))
      .sort(byUrgency),
    mayApply: {count: maybe.length, decidingFacts: [...deciding].sort((a, b) => b[1] - a[1]).map(([fact]) => fact)},
    events: session.events.map((e) => ({seq: e.seq, at: e.occurredAt ?? e.recordedAt, kind: e.type, text: describeEvent(e, titles)})),
  }))
}

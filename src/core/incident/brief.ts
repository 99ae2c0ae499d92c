import {describeCondition} from '../conditions/condition.js'
import type {ObligationResult} from '../deadlines/obligations.js'
import {UserError} from '../errors.js'
import type {FactValue} from '../facts/vocabulary.js'
import {ROLE_TITLES, type Role} from '../playbook/model.js'
import {durationToMs} from '../time/duration.js'
import {FUTURE_TOLERANCE_MS, formatInZone, INSTANT_HELP, readInstant} from '../time/instant.js'
import {typed, type StoredEvent, type TypedEvent} from './events.js'
import {stepDueAt} from './progress.js'
import {callList, type RolePeople, type Roster} from './roles.js'
import {isOpen, type IncidentState, type StepStatus} from './state.js'
import {compareOrdinal} from '../order.js'

/**
 * The handover brief: what changed in an incident since the last handover (or since a time), for the person who
 * takes over. Where it starts, by default: the last change of incident commander (`runbook assign
 * incident-commander`), which starts the current commander's shift; without one, the opening of the incident.
 * "What changed" is what was recorded after that point: an event entered late with an earlier --at still counts,
 * because the reader has not seen it.
 */

const DAY_MS = 86_400_000

/** Where a brief starts. */
export type BriefStart =
  | {kind: 'handover'; at: string; afterSeq: number; role: Role; name: string; previous: string | null}
  | {kind: 'opened'; at: string; afterSeq: 0}
  | {kind: 'time'; at: string; afterSeq: number}

export interface StepChange {
  step: string
  title: string
  owner: Role
  status: StepStatus
  at: string
  actor: string
  /** The note (done, started) or the reason (skipped, blocked). */
  text: string | null
}

export interface BlockedStep extends StepChange {
  /** Blocked within the brief's window (else it was blocked before and still is). */
  isNew: boolean
}

export interface OverdueStep {
  step: string
  title: string
  owner: Role
  dueAt: string
  /** Done after its target within the window; else still open. */
  finished: boolean
  lateByMs: number
}

export interface FactChange {
  key: string
  /** The value before the window; null when it was not set. */
  from: FactValue | null
  to: FactValue
  at: string
  actor: string
  seq: number
}

export interface NoteEntry {
  text: string
  step: string | null
  at: string
  actor: string
}

export interface Handover {
  role: Role
  title: string
  /** Who holds the role from then on; null when it was released with nobody taking over. */
  name: string | null
  previous: string | null
  at: string
  actor: string
  seq: number
}

export interface DeadlineMet {
  id: string
  title: string
  at: string
  actor: string
  ref: string | null
  lateByMs: number | null
}

export interface DeadlineDue {
  id: string
  title: string
  dueAt: string
  /** Positive: time left; negative: overdue by. */
  timeLeftMs: number
  /** Became overdue within the window. */
  isNew: boolean
}

export type OpenDecision =
  | {kind: 'obligation'; id: string; title: string; needs: string[]; dueAt: string | null}
  | {kind: 'clock'; id: string; title: string; needs: string[]}
  | {kind: 'step'; id: string; title: string; condition: string}
  /** An inject waiting for the players' decision; what the facilitator expects stays with the facilitator. */
  | {kind: 'drill'; id: string; title: string}

export interface Brief {
  incident: {id: string; title: string; timezone: string; drill: boolean; closed: boolean}
  from: BriefStart
  to: string
  /** Where the shift before this one started (the commander change before the last, or the opening), when the brief starts at a handover. */
  previousShiftFrom: string | null
  steps: {done: StepChange[]; skipped: StepChange[]; started: StepChange[]; blocked: BlockedStep[]}
  overdue: {newly: OverdueStep[]; still: OverdueStep[]}
  facts: FactChange[]
  notes: NoteEntry[]
  deadlines: {met: DeadlineMet[]; dueSoon: DeadlineDue[]; overdue: DeadlineDue[]}
  decisions: OpenDecision[]
  handovers: Handover[]
  roles: RolePeople[]
  /** Nothing was recorded in the window. */
  quiet: boolean
}

export interface BriefInput {
  events: readonly StoredEvent[]
  state: IncidentState
  /** Every obligation at `now` (see app/deadlines.ts). */
  obligations: readonly ObligationResult[]
  roster?: Roster
  /** The incident's now (a drill's simulated clock). */
  now: Date
  /** --since as typed: a time (read in the incident's zone), a duration ago (8h), or "opened". */
  since?: string
}

const eventTime = (event: StoredEvent): string => event.occurredAt ?? event.recordedAt

/** When an event was entered: the machine clock, or in a drill the simulated clock it was stamped with. */
const enteredAt = (event: StoredEvent, drill: boolean): number => Date.parse(drill ? eventTime(event) : event.recordedAt)

const commanderChanges = (events: readonly StoredEvent[]) =>
  events.map(typed).filter((e): e is Extract<TypedEvent, {type: 'role.assigned'}> => e?.type === 'role.assigned' && e.payload.role === 'incident-commander')

/** Reads --since: "opened", a duration ago ("8h", "1d12h"), or an instant (ISO 8601, or local time in the incident's zone). */
export function parseSince(text: string, zone: string, now: Date): 'opened' | Date {
  const trimmed = text.trim()
  if (trimmed === 'opened' || trimmed === 'start') return 'opened'
  if (/^(\d+d)?(\d+h)?(\d+m)?$/.test(trimmed) && trimmed !== '') return new Date(now.getTime() - durationToMs(trimmed))
  const reading = readInstant(trimmed, zone)
  if (!reading.ok) throw new UserError(`--since: ${reading.reason}; use ${INSTANT_HELP}, a duration such as 8h (that long ago), or "opened"`)
  if (reading.date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new UserError(`--since ${formatInZone(reading.date, zone)} is in the future (now is ${formatInZone(now, zone)} in ${zone})`, {
      hint: `A brief looks back: give a time before now, in ${zone} unless you add an offset.`,
    })
  }
  return reading.date
}

/** Where the brief starts: --since, else the last change of incident commander, else the opening. */
export function briefStart(events: readonly StoredEvent[], state: IncidentState, now: Date, since?: string): BriefStart {
  const opened: BriefStart = {kind: 'opened', at: state.openedAt, afterSeq: 0}
  if (since !== undefined) {
    const at = parseSince(since, state.timezone, now)
    if (at === 'opened') return opened
    const before = events.filter((e) => enteredAt(e, state.drill) < at.getTime())
    return {kind: 'time', at: at.toISOString(), afterSeq: before.length ? Math.max(...before.map((e) => e.seq)) : 0}
  }
  const last = commanderChanges(events).at(-1)
  if (!last) return opened
  return {kind: 'handover', at: eventTime(last), afterSeq: last.seq, role: last.payload.role, name: last.payload.name, previous: last.payload.previous ?? null}
}

/** The brief itself: pure, from the log, the state, the obligations at now and the roster. */
export function computeBrief(input: BriefInput): Brief {
  const {events, state, obligations, now} = input
  const from = briefStart(events, state, now, input.since)
  const fromMs = Date.parse(from.at)
  const nowMs = now.getTime()
  const inWindow = events.filter((e) => e.seq > from.afterSeq)
  const before = events.filter((e) => e.seq <= from.afterSeq)
  const titles = new Map(state.steps.map((s) => [s.step.id, s]))

  // Steps: the last status change of each step within the window, by what it is now.
  const lastChange = new Map<string, TypedEvent>()
  for (const raw of inWindow) {
    const e = typed(raw)
    if (e && (e.type === 'step.completed' || e.type === 'step.skipped' || e.type === 'step.started' || e.type === 'step.blocked'))
      lastChange.set(e.payload.step, e)
  }
  const change = (stepId: string, e: TypedEvent): StepChange | null => {
    const s = titles.get(stepId)
    if (!s) return null
    const payload = e.payload as {note?: string; reason?: string}
    return {
      step: stepId,
      title: s.step.title,
      owner: s.step.owner,
      status: s.status,
      at: eventTime(e),
      actor: e.actor,
      text: payload.reason ?? payload.note ?? null,
    }
  }
  const changes = [...lastChange.entries()].map(([id, e]) => change(id, e)).filter((c): c is StepChange => c !== null)
  const byStatus = (status: StepStatus) => changes.filter((c) => c.status === status)
  const blocked: BlockedStep[] = state.steps
    .filter((s) => s.status === 'blocked' && s.applies !== 'no')
    .map((s) => ({
      step: s.step.id,
      title: s.step.title,
      owner: s.step.owner,
      status: s.status,
      at: s.at ?? state.openedAt,
      actor: s.actor ?? '',
      text: s.reason ?? null,
      isNew: lastChange.has(s.step.id),
    }))

  // Overdue steps: targets passed within the window (newly), or before it and still open.
  const newly: OverdueStep[] = []
  const still: OverdueStep[] = []
  for (const s of state.steps) {
    const dueAt = stepDueAt(state, s)
    if (!dueAt || s.applies === 'no' || s.status === 'skipped') continue
    const dueMs = Date.parse(dueAt)
    const finished = s.status === 'done'
    const endMs = finished && s.at ? Date.parse(s.at) : nowMs
    if (endMs <= dueMs || dueMs > nowMs) continue
    const entry = {step: s.step.id, title: s.step.title, owner: s.step.owner, dueAt, finished, lateByMs: endMs - dueMs}
    if (dueMs > fromMs) newly.push(entry)
    else if (isOpen(s)) still.push(entry)
  }

  // Facts: the value before the window against the value now; set-and-set-back is no change.
  const previous = new Map<string, FactValue>()
  for (const raw of before) {
    const e = typed(raw)
    if (e?.type === 'fact.set') previous.set(e.payload.key, e.payload.value)
  }
  const lastSet = new Map<string, Extract<TypedEvent, {type: 'fact.set'}>>()
  for (const raw of inWindow) {
    const e = typed(raw)
    if (e?.type === 'fact.set') lastSet.set(e.payload.key, e)
  }
  const facts: FactChange[] = [...lastSet.values()]
    .map((e) => ({key: e.payload.key, from: previous.get(e.payload.key) ?? null, to: e.payload.value, at: eventTime(e), actor: e.actor, seq: e.seq}))
    .filter((f) => JSON.stringify(f.from) !== JSON.stringify(f.to))
    .sort((a, b) => compareOrdinal(a.key, b.key))

  const notes: NoteEntry[] = []
  const handovers: Handover[] = []
  const metEvents = new Map<string, Extract<TypedEvent, {type: 'obligation.met'}>>()
  for (const raw of inWindow) {
    const e = typed(raw)
    if (e?.type === 'note.added') notes.push({text: e.payload.text, step: e.payload.step ?? null, at: eventTime(e), actor: e.actor})
    if (e?.type === 'obligation.met') metEvents.set(e.payload.obligation, e)
    if (e?.type === 'role.assigned') {
      const {role, name, previous: was} = e.payload
      handovers.push({role, title: ROLE_TITLES[role], name, previous: was ?? null, at: eventTime(e), actor: e.actor, seq: e.seq})
    }
    if (e?.type === 'role.released') {
      const {role, previous: was} = e.payload
      handovers.push({role, title: ROLE_TITLES[role], name: null, previous: was, at: eventTime(e), actor: e.actor, seq: e.seq})
    }
  }

  // Deadlines: met within the window; due within 24 hours; overdue (new ones marked).
  const byId = new Map(obligations.map((o) => [o.id, o]))
  const met: DeadlineMet[] = [...metEvents.values()].map((e) => {
    const o = byId.get(e.payload.obligation)
    const dueAt = o?.dueAt ?? null
    const at = eventTime(e)
    return {
      id: e.payload.obligation,
      title: o?.title ?? e.payload.obligation,
      at,
      actor: e.actor,
      ref: e.payload.ref ?? null,
      lateByMs: dueAt ? Date.parse(at) - Date.parse(dueAt) : null,
    }
  })
  const pending = obligations.filter((o) => o.applies === 'yes' && !o.met && (o.dueAt ?? o.targetAt))
  const due = (o: ObligationResult): DeadlineDue => {
    const dueAt = (o.dueAt ?? o.targetAt)!
    return {id: o.id, title: o.title, dueAt, timeLeftMs: Date.parse(dueAt) - nowMs, isNew: Date.parse(dueAt) > fromMs}
  }
  const byDue = (a: DeadlineDue, b: DeadlineDue) => compareOrdinal(a.dueAt, b.dueAt)
  const dueSoon = pending
    .map(due)
    .filter((d) => d.timeLeftMs >= 0 && d.timeLeftMs <= DAY_MS)
    .sort(byDue)
  const overdueDeadlines = pending
    .map(due)
    .filter((d) => d.timeLeftMs < 0)
    .sort(byDue)

  // Open decisions: duties that may apply, clocks that wait for a fact, steps that may apply, a drill's questions.
  const decisions: OpenDecision[] = [
    ...obligations
      .filter((o) => o.applies === 'maybe' && !o.met)
      .map((o): OpenDecision => ({kind: 'obligation', id: o.id, title: o.title, needs: o.missing, dueAt: o.dueAt})),
    ...obligations
      .filter((o) => o.applies === 'yes' && !o.met && !o.dueAt && !o.targetAt && o.missing.length > 0)
      .map((o): OpenDecision => ({kind: 'clock', id: o.id, title: o.title, needs: o.missing})),
    ...state.steps
      .filter((s) => s.applies === 'unknown' && isOpen(s) && s.step.when)
      .map((s): OpenDecision => ({kind: 'step', id: s.step.id, title: s.step.title, condition: describeCondition(s.step.when!)})),
    ...(state.exercise
      ? state.exercise.scenario.injects
          .filter((i) => state.exercise!.delivered[i.id] && i.expects?.decision && !state.exercise!.decisions[i.id]?.length)
          .map((i): OpenDecision => ({kind: 'drill', id: i.id, title: i.title}))
      : []),
  ]

  const steps = {done: byStatus('done'), skipped: byStatus('skipped'), started: byStatus('in-progress'), blocked}
  const quiet = changes.length + facts.length + notes.length + met.length + handovers.length + newly.length === 0
  const shifts = commanderChanges(events)
  const previousShiftFrom = from.kind === 'handover' ? (shifts.length > 1 ? eventTime(shifts.at(-2)!) : state.openedAt) : null
  return {
    incident: {id: state.id, title: state.title, timezone: state.timezone, drill: state.drill, closed: state.closed},
    from,
    to: now.toISOString(),
    previousShiftFrom,
    steps,
    overdue: {newly, still},
    facts,
    notes,
    deadlines: {met, dueSoon, overdue: overdueDeadlines},
    decisions,
    handovers,
    roles: callList(input.roster, state),
    quiet,
  }
}

import {evaluate, type Truth} from '../conditions/condition.js'
import type {FactValue} from '../facts/vocabulary.js'
import type {Role} from '../playbook/model.js'
import {stepsInOrder, type PlacedStep} from '../playbook/order.js'
import type {Playbook} from '../playbook/schema.js'
import {pauseClock, resumeClock, type DrillClock} from '../drills/clock.js'
import type {ParticipantRole, Rating, Scenario} from '../drills/schema.js'
import {evidenceId, type EvidenceItem} from '../evidence/register.js'
import {typed, type StoredEvent} from './events.js'
import type {Person} from '../workspace/config.js'

export type StepStatus = 'open' | 'in-progress' | 'done' | 'skipped' | 'blocked'

export interface StepState {
  step: PlacedStep
  status: StepStatus
  /** Whether the step's `when` condition holds on the current facts. */
  applies: Truth
  /** When the last status change happened (occurredAt if given, else recordedAt). */
  at?: string
  actor?: string
  reason?: string
  notes: string[]
}

export interface FactState {
  value: FactValue
  at: string
  actor: string
  seq: number
}

export interface IncidentState {
  id: string
  title: string
  timezone: string
  drill: boolean
  playbook: Playbook
  playbookSha256: string
  openedAt: string
  openedBy: string
  closed: boolean
  closedAt?: string
  facts: Record<string, FactState>
  steps: StepState[]
  notes: {text: string; step?: string; at: string; actor: string}[]
  /** Notifications made, by obligation id (the latest record wins). */
  met: Record<string, {at: string; ref?: string; delayReason?: string; actor: string}>
  /** The regulation versions last evaluated, with when. */
  regulationVersions: Record<string, {sha256: string; lastReviewed: string; file: string; at: string}>
  /** Sign-offs of templates and notices, in the order given (notice approve). */
  approvals: Approval[]
  /** Set for a drill: the scenario, its simulated clock, injects delivered and decisions taken. */
  exercise?: DrillState
  /** The evidence register, in the order items were registered. */
  evidence: EvidenceItem[]
  /** Who holds each role in this incident (`runbook assign`; the latest assignment wins). */
  roles: Partial<Record<Role, RoleHolder>>
  lastSeq: number
}

export interface Approval {
  file: string
  template?: string
  sha256: string
  approver: string
  role?: string
  at: string
  seq: number
}

export interface DrillState {
  scenario: Scenario
  clock: DrillClock
  delivered: Record<string, string>
  decisions: Record<string, {decision: string; at: string; actor: string}[]>
  /** How much later than scheduled each deferred inject arrives, in simulated milliseconds. */
  deferredMs: Record<string, number>
  /** Injects the facilitator fired before their time, and injects added from the floor (in scenario.injects too). */
  fired: string[]
  added: string[]
  /** The latest rating of each objective (1-based), and the hotwash notes, with who gave them. */
  ratings: Record<number, {rating: Rating; note?: string; actor: string; at: string}>
  debrief: {text: string; actor: string; at: string}[]
  /** Who took part as what (the latest role each person gave). */
  participants: {name: string; role: ParticipantRole}[]
  /** When it ended in simulated time, and on the machine clock (for how recent a drill is). */
  ended?: string
  endedRecordedAt?: string
}

const eventTime = (event: StoredEvent): string => event.occurredAt ?? event.recordedAt

/** An event recovered from a forked branch counts as what it was, at the place in the log where it was re-added. */
export function* withRecoveredUnwrapped(events: readonly StoredEvent[]): Generator<StoredEvent> {
  for (const event of events) {
    const original = event.type === 'record.recovered' ? (event.payload.original as StoredEvent | undefined) : undefined
    yield original && original.type !== 'incident.opened' && original.type !== 'record.recovered' ? {...original, seq: event.seq} : event
  }
}

/** The incident as the events say it is. The log is the truth; this is derived, never stored. */
export function fold(events: readonly StoredEvent[]): IncidentState {
  const first = events[0] && typed(events[0])
  if (!first || first.type !== 'incident.opened') throw new Error('an incident log must start with incident.opened')
  const state: IncidentState = {
    id: first.payload.id,
    title: first.payload.title,
    timezone: first.payload.timezone,
    drill: first.payload.drill ?? false,
    playbook: first.payload.playbook,
    playbookSha256: first.payload.playbookSha256,
    openedAt: eventTime(first),
    openedBy: first.actor,
    closed: false,
    facts: {},
    steps: stepsInOrder(first.payload.playbook).map((step) => ({step, status: 'open', applies: 'yes', notes: []})),
    notes: [],
    met: {},
    regulationVersions: {},
    evidence: [],
    roles: {},
    approvals: [],
    lastSeq: first.seq,
  }
  const byId = new Map(state.steps.map((s) => [s.step.id, s]))
  for (const raw of withRecoveredUnwrapped(events.slice(1))) {
    state.lastSeq = raw.seq
    const event = typed(raw)
    if (!event) continue
    const at = eventTime(event)
    switch (event.type) {
      case 'fact.set':
        state.facts[event.payload.key] = {value: event.payload.value, at, actor: event.actor, seq: event.seq}
        break
      case 'note.added':
        state.notes.push({text: event.payload.text, step: event.payload.step, at, actor: event.actor})
        if (event.payload.step) byId.get(event.payload.step)?.notes.push(event.payload.text)
        break
      case 'incident.closed':
        state.closed = true
        state.closedAt = at
        break
      case 'incident.reopened':
        state.closed = false
        state.closedAt = undefined
        break
      case 'step.started':
      case 'step.completed':
      case 'step.skipped':
      case 'step.blocked': {
        const step = byId.get(event.payload.step)
        if (!step) break
        step.status = STATUS_AFTER[event.type]
        step.at = at
        step.actor = event.actor
        step.reason = 'reason' in event.payload ? event.payload.reason : undefined
        const note = 'note' in event.payload ? event.payload.note : undefined
        if (note) step.notes.push(note)
        break
      }
      case 'obligation.met':
        state.met[event.payload.obligation] = {at, ref: event.payload.ref, delayReason: event.payload.delayReason, actor: event.actor}
        break
      case 'regulations.evaluated':
        for (const [id, version] of Object.entries(event.payload.versions)) state.regulationVersions[id] = {...version, at}
        break
      case 'drill.started':
        state.exercise = {
          // A copy: injects added from the floor join this list, never the event's own payload.
          scenario: {...event.payload.scenario, injects: [...event.payload.scenario.injects]},
          clock: {simStart: event.payload.simStart, realStart: event.recordedAt, speed: event.payload.speed, manual: event.payload.manual, advancedMs: 0},
          delivered: {},
          decisions: {},
          deferredMs: {},
          fired: [],
          added: [],
          ratings: {},
          debrief: [],
          participants: [],
        }
        break
      case 'drill.advanced':
        if (state.exercise) state.exercise.clock.advancedMs += event.payload.byMs
        break
      case 'drill.inject':
        if (state.exercise && !state.exercise.delivered[event.payload.inject]) {
          state.exercise.delivered[event.payload.inject] = at
          if (event.payload.fired) state.exercise.fired.push(event.payload.inject)
        }
        break
      case 'drill.decision':
        if (state.exercise) (state.exercise.decisions[event.payload.inject] ??= []).push({decision: event.payload.decision, at, actor: event.actor})
        break
      case 'drill.ended':
        if (state.exercise) {
          state.exercise.ended = at
          state.exercise.endedRecordedAt = event.recordedAt
        }
        break
      case 'drill.paused':
        // The clock's pauses are on the machine clock: a pause stops real time from counting.
        if (state.exercise) state.exercise.clock = pauseClock(state.exercise.clock, event.recordedAt)
        break
      case 'drill.resumed':
        if (state.exercise) state.exercise.clock = resumeClock(state.exercise.clock, event.recordedAt)
        break
      case 'drill.deferred':
        if (state.exercise) state.exercise.deferredMs[event.payload.inject] = (state.exercise.deferredMs[event.payload.inject] ?? 0) + event.payload.byMs
        break
      case 'drill.added':
        if (state.exercise && !state.exercise.scenario.injects.some((i) => i.id === event.payload.inject.id)) {
          state.exercise.scenario.injects.push(event.payload.inject)
          state.exercise.added.push(event.payload.inject.id)
          state.exercise.delivered[event.payload.inject.id] = at
        }
        break
      case 'drill.rated':
        if (state.exercise) state.exercise.ratings[event.payload.objective] = {rating: event.payload.rating, note: event.payload.note, actor: event.actor, at}
        break
      case 'drill.debrief':
        if (state.exercise) state.exercise.debrief.push({text: event.payload.text, actor: event.actor, at})
        break
      case 'drill.participant':
        if (state.exercise) {
          const {name, role} = event.payload
          state.exercise.participants = [...state.exercise.participants.filter((p) => p.name !== name), {name, role}]
        }
        break
      case 'evidence.added': {
        const {name, sha256, bytes, custodian, description, source} = event.payload
        state.evidence.push({
          id: evidenceId(event.seq),
          seq: event.seq,
          name,
          sha256,
          bytes,
          custodian,
          ...(description ? {description} : {}),
          ...(source ? {source} : {}),
          addedAt: at,
          addedBy: event.actor,
          custody: [{at, seq: event.seq, actor: event.actor, to: custodian}],
        })
        break
      }
      case 'evidence.transferred': {
        const item = state.evidence.find((e) => e.id === event.payload.item)
        if (!item) break
        const {from, to, reason} = event.payload
        item.custodian = to
        item.custody.push({at, seq: event.seq, actor: event.actor, from, to, ...(reason ? {reason} : {})})
        break
      }
      case 'role.assigned': {
        const {role, name, email, phone} = event.payload
        state.roles[role] = {name, ...(email ? {email} : {}), ...(phone ? {phone} : {}), at, actor: event.actor, seq: event.seq}
        break
      }
      case 'role.released':
        delete state.roles[event.payload.role]
        break
      case 'notice.approved':
        state.approvals.push({...event.payload, at, seq: event.seq})
        break
      case 'incident.opened':
      case 'notice.rendered':
      case 'notify.completed':
      case 'record.repaired':
      case 'record.recovered':
        break
      default:
        // A type in the event table without a case here does not compile.
        event satisfies never
    }
  }
  const values = factValues(state)
  for (const step of state.steps) {
    step.applies = step.step.when ? evaluate(step.step.when, values).result : 'yes'
  }
  return state
}

export const STATUS_AFTER = {
  'step.started': 'in-progress',
  'step.completed': 'done',
  'step.skipped': 'skipped',
  'step.blocked': 'blocked',
} as const

/** A step still needs someone: not done, not skipped, and not ruled out by the facts. */
export function isOpen(step: StepState): boolean {
  return step.applies !== 'no' && (step.status === 'open' || step.status === 'in-progress' || step.status === 'blocked')
}

/** The instant the incident clock starts: awareness if known, else when the incident was opened. */
export function incidentStart(state: IncidentState): string {
  const aware = state.facts.aware_at?.value
  return typeof aware === 'string' ? aware : state.openedAt
}

export function factValue(state: IncidentState, key: string): FactValue | undefined {
  return state.facts[key]?.value
}

/** The current value of every fact, for conditions and templates. */
export function factValues(state: Pick<IncidentState, 'facts'>): Record<string, FactValue> {
  return Object.fromEntries(Object.entries(state.facts).map(([key, fact]) => [key, fact.value]))
}
/** Who holds a role in an incident, as its last `role.assigned` event says. */
export interface RoleHolder extends Person {
  at: string
  actor: string
  seq: number
}

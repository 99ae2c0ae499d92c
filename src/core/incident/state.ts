import {evaluate, type Truth} from '../conditions/condition.js'
import type {FactValue} from '../facts/vocabulary.js'
import {stepsInOrder, type PlacedStep} from '../playbook/model.js'
import type {Playbook} from '../playbook/schema.js'
import type {DrillClock} from '../drills/clock.js'
import type {Scenario} from '../drills/schema.js'
import {typed, type StoredEvent} from './events.js'

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
  /** When it ended in simulated time, and on the machine clock (for how recent a drill is). */
  ended?: string
  endedRecordedAt?: string
}

const eventTime = (event: StoredEvent): string => event.occurredAt ?? event.recordedAt

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
    approvals: [],
    lastSeq: first.seq,
  }
  const byId = new Map(state.steps.map((s) => [s.step.id, s]))
  for (const raw of events.slice(1)) {
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
          scenario: event.payload.scenario,
          clock: {simStart: event.payload.simStart, realStart: event.recordedAt, speed: event.payload.speed, manual: event.payload.manual, advancedMs: 0},
          delivered: {},
          decisions: {},
        }
        break
      case 'drill.advanced':
        if (state.exercise) state.exercise.clock.advancedMs += event.payload.byMs
        break
      case 'drill.inject':
        if (state.exercise) state.exercise.delivered[event.payload.inject] ??= at
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
      case 'notice.approved':
        state.approvals.push({...event.payload, at, seq: event.seq})
        break
      case 'incident.opened':
      case 'notice.rendered':
      case 'notify.completed':
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

const STATUS_AFTER = {
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

import {UserError} from '../errors.js'
import {drillTitle} from '../exercise.js'
import {openIncident, type Who} from '../incident/actions.js'
import type {EventDraft} from '../incident/events.js'
import type {IncidentState} from '../incident/state.js'
import type {Playbook} from '../playbook/schema.js'
import {msToOffset, offsetToMs} from './clock.js'
import {deliveryDrafts, injectTime, resolveValue, upcomingInjects} from './injects.js'
import {PARTICIPANT_ROLES, RATING_CODES, RATINGS, type Inject, type ParticipantRole, type Rating, type Scenario} from './schema.js'

/** The longest single move of a drill's clock: a year is more than any exercise plays out. */
const MAX_ADVANCE_MS = 366 * 86_400_000

/** A drill opens like an incident, marked as an exercise, then starts its clock and sets the scenario's facts. */
export function startDrillEvents(
  input: {id: string; scenario: Scenario; playbook: Playbook; playbookSha256: string; timezone: string; speed: number; manual: boolean; simStart: string},
  who: Who,
): EventDraft[] {
  const {scenario, simStart} = input
  const [opened] = openIncident(
    {id: input.id, title: drillTitle(scenario.title), timezone: input.timezone, playbook: input.playbook, playbookSha256: input.playbookSha256, drill: true},
    {actor: who.actor, occurredAt: simStart},
  )
  const clockless = {exercise: {clock: {simStart, realStart: simStart, speed: 1, manual: true, advancedMs: 0}}}
  return [
    opened!,
    {type: 'drill.started', actor: who.actor, occurredAt: simStart, payload: {scenario, simStart, speed: input.speed, manual: input.manual}},
    ...Object.entries(scenario.facts).map(([key, value]): EventDraft => ({
      type: 'fact.set',
      actor: 'scenario',
      occurredAt: simStart,
      payload: {key, value: resolveValue(clockless as never, value, key)},
    })),
  ]
}

export function ensureRunning(state: IncidentState): NonNullable<IncidentState['exercise']> {
  if (!state.exercise) throw new UserError(`${state.id} is a real incident, not a drill`)
  if (state.exercise.ended) throw new UserError(`drill ${state.id} has ended`)
  return state.exercise
}

/** "2h", "+1d6h": how far to move the simulated clock. */
export function parseAdvance(text: string): {byMs: number; by: string} {
  const by = text.trim().replace(/^\+/, '')
  const byMs = /^(\d+d)?(\d+h)?(\d+m)?$/.test(by) && by !== '' ? offsetToMs(by) : Number.NaN
  if (!Number.isFinite(byMs) || byMs <= 0) throw new UserError(`"${text}" is not a duration; use 30m, 2h or 1d6h`)
  if (byMs > MAX_ADVANCE_MS) throw new UserError(`"${text}" moves the drill's clock more than a year; use a shorter step`)
  return {byMs, by}
}

export function advanceEvent(state: IncidentState, text: string, who: Who): EventDraft {
  ensureRunning(state)
  return {type: 'drill.advanced', actor: who.actor, payload: parseAdvance(text)}
}

/** The drill's clock stops (a break, a discussion); an inject can still be fired or the clock advanced by hand. */
export function pauseEvent(state: IncidentState, who: Who): EventDraft {
  const drill = ensureRunning(state)
  if (drill.clock.pausedAt !== undefined) throw new UserError(`drill ${state.id} is already paused`, {hint: 'Resume it with `runbook drill resume`.'})
  return {type: 'drill.paused', actor: who.actor, payload: {}}
}

export function resumeEvent(state: IncidentState, who: Who): EventDraft {
  const drill = ensureRunning(state)
  if (drill.clock.pausedAt === undefined) throw new UserError(`drill ${state.id} is not paused`)
  return {type: 'drill.resumed', actor: who.actor, payload: {}}
}

/** An inject of the running drill, by id, with the list of ids when there is none. */
export function findInject(state: IncidentState, injectId: string): Inject {
  const drill = ensureRunning(state)
  const inject = drill.scenario.injects.find((i) => i.id === injectId)
  if (!inject)
    throw new UserError(`scenario ${drill.scenario.id} has no inject "${injectId}"`, {hint: `Injects: ${drill.scenario.injects.map((i) => i.id).join(', ')}`})
  return inject
}

function notYetArrived(state: IncidentState, injectId: string): Inject {
  const inject = findInject(state, injectId)
  const arrived = state.exercise!.delivered[injectId]
  if (arrived) throw new UserError(`inject ${injectId} has already arrived (simulated ${arrived})`, {hint: 'See what has arrived: runbook drill injects'})
  return inject
}

/** An inject waits longer: its due time moves `by` later (simulated time). */
export function deferEvent(state: IncidentState, injectId: string, by: string, who: Who): EventDraft {
  notYetArrived(state, injectId)
  return {type: 'drill.deferred', actor: who.actor, payload: {inject: injectId, ...parseAdvance(by)}}
}

/** The facilitator sends an inject now, whatever its schedule; its facts change now too. */
export function fireEvents(state: IncidentState, injectId: string, simNow: Date, who: Who): EventDraft[] {
  const inject = notYetArrived(state, injectId)
  return deliveryDrafts(state, inject, simNow.toISOString(), true, who.actor)
}

/**
 * Moves the clock to the next inject still to come (deferrals counted) so it is delivered; none when it is already
 * due. Refuses when every inject has arrived.
 */
export function nextInjectEvents(state: IncidentState, simNow: Date, who: Who): {inject: Inject; drafts: EventDraft[]} {
  ensureRunning(state)
  const inject = upcomingInjects(state)[0]
  if (!inject)
    throw new UserError(`every inject of drill ${state.id} has arrived`, {hint: 'Add one from the floor with `runbook drill inject --add`, or end the drill.'})
  const byMs = injectTime(state, inject).getTime() - simNow.getTime()
  if (byMs <= 0) return {inject, drafts: []}
  return {inject, drafts: [{type: 'drill.advanced', actor: who.actor, payload: {byMs: Math.ceil(byMs), by: `to ${inject.id}`}}]}
}

/** An inject from the floor, delivered now: an id made from its title unless given, no expected action. */
export function addInjectEvent(state: IncidentState, input: {title: string; message: string; from?: string}, simNow: Date, who: Who): EventDraft {
  const drill = ensureRunning(state)
  const title = input.title.trim()
  const message = input.message.trim()
  if (!title) throw new UserError('the inject needs a title (--title)')
  if (!message) throw new UserError('the inject needs a message the players read (--message)')
  const base = `added-${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'inject'
  }`.replace(/-$/, '')
  const taken = new Set(drill.scenario.injects.map((i) => i.id))
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  const at = msToOffset(simNow.getTime() - Date.parse(drill.clock.simStart))
  return {
    type: 'drill.added',
    actor: who.actor,
    occurredAt: simNow.toISOString(),
    payload: {inject: {id, at, from: input.from?.trim() || 'the facilitator', title, message}},
  }
}

/** "2", "o2", "O2": an objective by its number in the scenario. */
export function objectiveNumber(state: IncidentState, objective: string): number {
  const drill = state.exercise
  if (!drill) throw new UserError(`${state.id} is a real incident, not a drill`)
  const n = /^[oO]?(\d+)$/.exec(objective.trim())?.[1]
  const count = drill.scenario.objectives.length
  if (!n || Number(n) < 1 || Number(n) > count) {
    throw new UserError(`"${objective}" is not an objective of scenario ${drill.scenario.id}: give its number, 1 to ${count}`, {
      hint: drill.scenario.objectives.map((o, i) => `${i + 1}. ${o}`).join('\n'),
    })
  }
  return Number(n)
}

/** An evaluator's rating of one objective (HSEEP P/S/M/U); it may come after the drill ended, at the hotwash. */
export function rateEvent(state: IncidentState, objective: string, rating: string, note: string | undefined, who: Who): EventDraft {
  const number = objectiveNumber(state, objective)
  const code = rating.trim().toUpperCase()
  if (!(RATING_CODES as string[]).includes(code)) {
    throw new UserError(`"${rating}" is not a rating; use ${RATING_CODES.map((c) => `${c} (${RATINGS[c as Rating].toLowerCase()})`).join(', ')}`)
  }
  const text = note?.trim()
  return {type: 'drill.rated', actor: who.actor, payload: {objective: number, rating: code as Rating, ...(text ? {note: text} : {})}}
}

/** A hotwash note, with its author; also after the drill ended. */
export function debriefEvent(state: IncidentState, text: string, who: Who): EventDraft {
  if (!state.exercise) throw new UserError(`${state.id} is a real incident, not a drill`)
  const note = text.trim()
  if (!note) throw new UserError('the hotwash note is empty')
  return {type: 'drill.debrief', actor: who.actor, payload: {text: note}}
}

/** Someone takes part as a player, controller or evaluator (stated again, the latest role counts). */
export function participantEvent(state: IncidentState, name: string, role: string, who: Who): EventDraft {
  if (!state.exercise) throw new UserError(`${state.id} is a real incident, not a drill`)
  if (!(PARTICIPANT_ROLES as readonly string[]).includes(role)) throw new UserError(`"${role}" is not a role; use ${PARTICIPANT_ROLES.join(', ')}`)
  const person = name.trim()
  if (!person) throw new UserError('the participant needs a name (--as NAME)')
  return {type: 'drill.participant', actor: who.actor, payload: {name: person, role: role as ParticipantRole}}
}

export function decisionEvent(state: IncidentState, injectId: string, decision: string, who: Who): EventDraft {
  const drill = ensureRunning(state)
  if (!drill.scenario.injects.some((i) => i.id === injectId)) {
    throw new UserError(`scenario ${drill.scenario.id} has no inject "${injectId}"`, {hint: `Injects: ${drill.scenario.injects.map((i) => i.id).join(', ')}`})
  }
  if (!drill.delivered[injectId]) throw new UserError(`inject ${injectId} has not arrived yet`, {hint: 'See what has arrived: runbook drill injects'})
  const text = decision.trim()
  if (!text) throw new UserError('the decision is empty')
  return {type: 'drill.decision', actor: who.actor, occurredAt: who.occurredAt, payload: {inject: injectId, decision: text}}
}

/** Ending a drill also closes it, so it never counts as an open incident again. */
export function endEvents(state: IncidentState, who: Who): EventDraft[] {
  ensureRunning(state)
  return [
    {type: 'drill.ended', actor: who.actor, payload: {}},
    ...(state.closed ? [] : [{type: 'incident.closed' as const, actor: who.actor, payload: {reason: 'exercise ended'}}]),
  ]
}

import {
  addInjectEvent,
  debriefEvent,
  deferEvent,
  fireEvents,
  nextInjectEvents,
  objectiveNumber,
  pauseEvent,
  participantEvent,
  rateEvent,
  resumeEvent,
} from '../core/drills/actions.js'
import {msToOffset, offsetToMs} from '../core/drills/clock.js'
import {arrivedAt, dueInjects, injectTime, upcomingInjects} from '../core/drills/injects.js'
import {RATINGS, type Inject, type ParticipantRole, type Rating, type Scenario} from '../core/drills/schema.js'
import {fillScenario, obligationsNamed, scenarioTexts} from '../core/drills/text.js'
import {UserError} from '../core/errors.js'
import {EXERCISE_MARK} from '../core/exercise.js'
import type {IncidentState} from '../core/incident/state.js'
import type {Context} from './context.js'
import {computeDeadlines} from './deadlines.js'
import {deliverInjects, latestDrill, resolveDrill} from './drills.js'
import type {IncidentSession} from './session.js'

/*
 * The facilitator's controls and the read model of a drill, shared by the CLI (`runbook drill ...`) and the live
 * room (`runbook serve`). Every function takes the drill id (undefined: the single running drill), records as
 * ctx.actor, returns a plain object, and refuses with a UserError.
 */

export type Audience = 'player' | 'facilitator'

export interface DrillClockView {
  /** Simulated now (ISO 8601). */
  simulatedNow: string
  zone: string
  paused: boolean
  manual: boolean
  /** Simulated minutes per real minute; null in manual mode. */
  speed: number | null
  /** When the drill ended, in simulated time; null while it runs. */
  ended: string | null
}

/** An inject as the players read it: who sends it, the title and the full message. Never what is expected. */
export interface InjectMessage {
  id: string
  from: string
  title: string
  message: string
  /** When it arrived, simulated. */
  at: string
  /** The facilitator sent it before its time, or added it from the floor. */
  fired: boolean
  addedFromFloor: boolean
  decisions: {decision: string; at: string; actor: string}[]
}

/** One line of the master scenario events list (MSEL), for the facilitator only. */
export interface MselEntry {
  id: string
  from: string
  title: string
  message: string
  /** When it is (or was) due, deferrals counted. */
  dueAt: string
  deferredBy: string | null
  arrivedAt: string | null
  fired: boolean
  addedFromFloor: boolean
  expects: {step?: string; decision?: string; within: string; by: string} | null
  /** Facts the inject sets when it arrives. */
  sets: string[]
  decisions: {decision: string; at: string; actor: string}[]
}

export interface ObjectiveRating {
  objective: number
  text: string
  rating: Rating | null
  meaning: string | null
  note: string | null
  actor: string | null
  at: string | null
}

export interface DrillView {
  id: string
  mark: typeof EXERCISE_MARK
  audience: Audience
  scenario: {id: string; title: string}
  situation: string
  objectives: {number: number; text: string}[]
  clock: DrillClockView
  /** Injects that have arrived, in the order they arrived, with their full text. */
  injects: InjectMessage[]
  /** The next inject due: for players only when; for the facilitator which one too. Null when none is left. */
  next: {dueAt: string; id?: string; title?: string} | null
  /** Only for the facilitator: the MSEL with expected actions, hotwash notes, ratings and who takes part as what. */
  facilitator?: {
    msel: MselEntry[]
    notes: {text: string; actor: string; at: string}[]
    ratings: ObjectiveRating[]
    participants: {name: string; role: ParticipantRole}[]
  }
}

/** The scenario of a running drill as its players read it: placeholders filled for this workspace and clock. */
export async function filledScenario(ctx: Context, state: IncidentState): Promise<Scenario> {
  const drill = state.exercise
  if (!drill) throw new UserError(`${state.id} is a real incident, not a drill`)
  const config = await ctx.workspace.config()
  const named = obligationsNamed(scenarioTexts(drill.scenario).map((t) => t.text))
  const due = new Map<string, string | null>()
  if (named.length > 0) {
    const {obligations} = await computeDeadlines(ctx, state, new Date(drill.clock.simStart))
    for (const o of obligations) due.set(o.id, o.applies === 'no' ? null : o.dueAt)
  }
  return fillScenario(drill.scenario, {
    org: config.organization.name,
    zone: state.timezone,
    start: new Date(drill.clock.simStart),
    arrival: (inject) => arrivedAt(state, inject),
    dueAt: (id) => due.get(id),
  })
}

function clockView(session: IncidentSession): DrillClockView {
  const drill = session.state.exercise!
  return {
    simulatedNow: session.now().toISOString(),
    zone: session.state.timezone,
    paused: drill.clock.pausedAt !== undefined,
    manual: drill.clock.manual,
    speed: drill.clock.manual ? null : drill.clock.speed,
    ended: drill.ended ?? null,
  }
}

function message(state: IncidentState, inject: Inject, at?: Date): InjectMessage {
  const drill = state.exercise!
  return {
    id: inject.id,
    from: inject.from,
    title: inject.title,
    message: inject.message.trim(),
    at: (at ?? arrivedAt(state, inject)).toISOString(),
    fired: drill.fired.includes(inject.id),
    addedFromFloor: drill.added.includes(inject.id),
    decisions: drill.decisions[inject.id] ?? [],
  }
}

/** Injects as the players read them (filled), by id. */
async function messages(session: IncidentSession, injects: readonly Inject[]): Promise<InjectMessage[]> {
  const filled = new Map((await filledScenario(session.ctx, session.state)).injects.map((i) => [i.id, i]))
  return injects.map((i) => message(session.state, filled.get(i.id) ?? i))
}

interface ControlResult {
  drill: string
  clock: DrillClockView
  /** Injects that arrived because of this action (the clock moved, one was fired or added), as players read them. */
  delivered: InjectMessage[]
}

async function controlResult(session: IncidentSession, delivered: readonly Inject[]): Promise<ControlResult> {
  return {drill: session.id, clock: clockView(session), delivered: await messages(session, delivered)}
}

/** Delivers what the clock has made due (the live room calls this as time passes); returns what arrived. */
export async function deliverDue(ctx: Context, id: string | undefined): Promise<ControlResult> {
  const session = await resolveDrill(ctx, id)
  return controlResult(session, await deliverInjects(session))
}

export async function pauseDrill(ctx: Context, id: string | undefined): Promise<ControlResult> {
  const session = await resolveDrill(ctx, id)
  // What was due before the pause arrives first: the pause never swallows an inject.
  const delivered = await deliverInjects(session)
  await session.record(pauseEvent(session.state, session.who()))
  return controlResult(session, delivered)
}

export async function resumeDrill(ctx: Context, id: string | undefined): Promise<ControlResult> {
  const session = await resolveDrill(ctx, id)
  await session.record(resumeEvent(session.state, session.who()))
  return controlResult(session, await deliverInjects(session))
}

/** Moves the simulated clock to the next inject due and delivers it (and anything due with it). */
export async function nextInject(ctx: Context, id: string | undefined): Promise<ControlResult & {inject: InjectMessage}> {
  const session = await resolveDrill(ctx, id)
  const earlier = await deliverInjects(session)
  const {inject, drafts} = nextInjectEvents(session.state, await session.currentNow(), session.who())
  await session.record(...drafts)
  const delivered = [...earlier, ...(await deliverInjects(session))]
  const result = await controlResult(session, delivered)
  return {...result, inject: result.delivered.find((m) => m.id === inject.id)!}
}

/** Sends one inject now, whatever its schedule. */
export async function fireInject(ctx: Context, id: string | undefined, injectId: string): Promise<ControlResult & {inject: InjectMessage}> {
  const session = await resolveDrill(ctx, id)
  const earlier = await deliverInjects(session)
  const fired = session.state.exercise!.scenario.injects.find((i) => i.id === injectId)
  await session.record(...fireEvents(session.state, injectId, await session.currentNow(), session.who()))
  const result = await controlResult(session, [...earlier, fired!])
  return {...result, inject: result.delivered.find((m) => m.id === injectId)!}
}

export const DEFAULT_DEFER = '30m'

/** Makes an inject that has not arrived wait longer (default 30 minutes of simulated time). */
export async function deferInject(
  ctx: Context,
  id: string | undefined,
  injectId: string,
  by: string = DEFAULT_DEFER,
): Promise<ControlResult & {inject: string; by: string; dueAt: string}> {
  const session = await resolveDrill(ctx, id)
  const delivered = await deliverInjects(session)
  const draft = deferEvent(session.state, injectId, by, session.who())
  await session.record(draft)
  const inject = session.state.exercise!.scenario.injects.find((i) => i.id === injectId)!
  return {...(await controlResult(session, delivered)), inject: injectId, by: by.replace(/^\+/, ''), dueAt: injectTime(session.state, inject).toISOString()}
}

/** An inject from the floor: delivered at once, with no expected action. */
export async function addInject(
  ctx: Context,
  id: string | undefined,
  input: {title: string; message: string; from?: string},
): Promise<ControlResult & {inject: InjectMessage}> {
  const session = await resolveDrill(ctx, id)
  const earlier = await deliverInjects(session)
  const draft = addInjectEvent(session.state, input, await session.currentNow(), session.who())
  await session.record(draft)
  const added = session.state.exercise!.scenario.injects.at(-1)!
  const result = await controlResult(session, [...earlier, added])
  return {...result, inject: result.delivered.at(-1)!}
}

/** The drill rating and hotwash act on: the one named, else the running one, else the one that ended last. */
async function evaluatedDrill(ctx: Context, id: string | undefined): Promise<IncidentSession> {
  if (id) return resolveDrill(ctx, id)
  try {
    return await resolveDrill(ctx)
  } catch (error) {
    if (error instanceof UserError && error.message === 'no drill is running') return latestDrill(ctx)
    throw error
  }
}

/** An evaluator rates an objective P, S, M or U (HSEEP), during the drill or at the hotwash after it. */
export async function rateObjective(
  ctx: Context,
  id: string | undefined,
  objectiveId: string,
  rating: Rating | string,
  note?: string,
): Promise<ObjectiveRating> {
  const session = await evaluatedDrill(ctx, id)
  const number = objectiveNumber(session.state, objectiveId)
  await session.record(rateEvent(session.state, objectiveId, rating, note, session.who()))
  return ratingsOf(session.state, await filledScenario(ctx, session.state))[number - 1]!
}

/** A hotwash note, kept with its author. */
export async function debriefNote(ctx: Context, id: string | undefined, text: string): Promise<{drill: string; text: string; actor: string; at: string}> {
  const session = await evaluatedDrill(ctx, id)
  const [event] = await session.record(debriefEvent(session.state, text, session.who()))
  return {drill: session.id, text: text.trim(), actor: event!.actor, at: event!.occurredAt ?? event!.recordedAt}
}

/** Someone takes part as a player, controller or evaluator (ctx.actor unless a name is given). */
export async function joinDrill(
  ctx: Context,
  id: string | undefined,
  input: {role: string; name?: string},
): Promise<{drill: string; participants: {name: string; role: ParticipantRole}[]}> {
  const session = await evaluatedDrill(ctx, id)
  await session.record(participantEvent(session.state, input.name ?? ctx.actor, input.role, session.who()))
  return {drill: session.id, participants: session.state.exercise!.participants}
}

function ratingsOf(state: IncidentState, scenario: Scenario): ObjectiveRating[] {
  const drill = state.exercise!
  return scenario.objectives.map((text, i) => {
    const r = drill.ratings[i + 1]
    return {
      objective: i + 1,
      text,
      rating: r?.rating ?? null,
      meaning: r ? RATINGS[r.rating] : null,
      note: r?.note ?? null,
      actor: r?.actor ?? null,
      at: r?.at ?? null,
    }
  })
}

/**
 * What a screen shows of a drill. Players (and the projector) get the situation, the clock, and every inject that
 * has arrived with its full message; never an expected action. The facilitator also gets the MSEL, notes and
 * ratings. Injects whose time has come count as arrived even before a command records their delivery.
 */
export async function drillView(ctx: Context, id: string | undefined, options: {audience: Audience}): Promise<DrillView> {
  const session = await evaluatedDrill(ctx, id)
  const {state} = session
  const drill = state.exercise!
  const simNow = session.now()
  const scenario = await filledScenario(ctx, state)
  const due = new Set(dueInjects(state, simNow).injects.map((i) => i.id))
  const arrived = scenario.injects
    .filter((i) => drill.delivered[i.id] || due.has(i.id))
    .map((inject) => message(state, inject))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  const upcoming = upcomingInjects(state).filter((i) => !due.has(i.id))
  const next = upcoming[0]
  const filled = new Map(scenario.injects.map((i) => [i.id, i]))
  const view: DrillView = {
    id: state.id,
    mark: EXERCISE_MARK,
    audience: options.audience,
    scenario: {id: drill.scenario.id, title: drill.scenario.title},
    situation: scenario.situation.trim(),
    objectives: scenario.objectives.map((text, i) => ({number: i + 1, text})),
    clock: clockView(session),
    injects: arrived,
    next: next
      ? {
          dueAt: injectTime(state, next).toISOString(),
          ...(options.audience === 'facilitator' ? {id: next.id, title: filled.get(next.id)?.title ?? next.title} : {}),
        }
      : null,
  }
  if (options.audience !== 'facilitator') return view
  const msel = scenario.injects
    .map((inject): MselEntry => {
      const dueAt = injectTime(state, inject)
      const arrival = drill.delivered[inject.id] ?? (due.has(inject.id) ? dueAt.toISOString() : null)
      const deferred = drill.deferredMs[inject.id]
      return {
        id: inject.id,
        from: inject.from,
        title: inject.title,
        message: inject.message.trim(),
        dueAt: dueAt.toISOString(),
        deferredBy: deferred ? msToOffset(deferred).slice(1) : null,
        arrivedAt: arrival,
        fired: drill.fired.includes(inject.id),
        addedFromFloor: drill.added.includes(inject.id),
        expects: inject.expects
          ? {
              ...(inject.expects.step ? {step: inject.expects.step} : {}),
              ...(inject.expects.decision ? {decision: inject.expects.decision} : {}),
              within: inject.expects.within.replace(/^\+/, ''),
              by: new Date((arrival ? Date.parse(arrival) : dueAt.getTime()) + offsetToMs(inject.expects.within)).toISOString(),
            }
          : null,
        sets: Object.keys(inject.sets ?? {}),
        decisions: drill.decisions[inject.id] ?? [],
      }
    })
    .sort((a, b) => Date.parse(a.arrivedAt ?? a.dueAt) - Date.parse(b.arrivedAt ?? b.dueAt))
  return {
    ...view,
    facilitator: {msel, notes: drill.debrief, ratings: ratingsOf(state, scenario), participants: drill.participants},
  }
}

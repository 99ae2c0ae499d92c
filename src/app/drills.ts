import {compareOrdinal} from '../core/order.js'
import type {IncidentSummary} from '../store/incidents.js'
import {decisionEvent, endEvents, startDrillEvents} from '../core/drills/actions.js'
import {dueInjects} from '../core/drills/injects.js'
import type {Inject, ParticipantRole, Scenario} from '../core/drills/schema.js'
import {UserError} from '../core/errors.js'
import {DRILL_ID_PREFIX} from '../core/exercise.js'
import type {StoredEvent} from '../core/incident/events.js'
import {newIncidentId} from '../store/incidents.js'
import {findPlaybook} from '../store/playbooks.js'
import {findScenario, scenarioFiles} from '../store/scenarios.js'
import {adviseOnActor, type Context} from './context.js'
import {listSummaries, requireTimeZone} from './incidents.js'
import {filledScenario} from './scenario-text.js'
import {IncidentSession} from './session.js'

/** The drill a facilitator command acts on: the one named, else the single running one. */
export async function resolveDrill(ctx: Context, id?: string): Promise<IncidentSession> {
  if (id) {
    const session = new IncidentSession(ctx, await ctx.store.load(id))
    if (!session.state.exercise) throw new UserError(`${id} is a real incident, not a drill`)
    return session
  }
  const running = (await listSummaries(ctx, {drills: true})).filter((s) => s.drill && !s.drillEndedAt)
  if (running.length === 1) return new IncidentSession(ctx, await ctx.store.load(running[0]!.id))
  if (running.length === 0) throw new UserError('no drill is running', {hint: 'Start one with `runbook drill start --scenario ID` (see `runbook drill list`).'})
  throw new UserError(`${running.length} drills are running; say which with --drill ID:\n${running.map((s) => `  ${s.id}`).join('\n')}`)
}

export interface StartDrillRequest {
  scenario: string
  speed?: number
  manual: boolean
  timezone?: string
  /** The starter's role in the drill (default: controller, who runs it). */
  role?: ParticipantRole
}

/** Opens a drill: an incident marked as an exercise, on the scenario's playbook, with its starting facts. */
export async function startDrill(ctx: Context, request: StartDrillRequest): Promise<{session: IncidentSession; scenario: Scenario; speed: number}> {
  const scenario = await findScenario(request.scenario, ctx.workspace.root)
  const timezone = request.timezone ?? (await ctx.workspace.config()).organization.timezone
  requireTimeZone(timezone)
  const speed = request.speed ?? 60
  const {playbook, sha256} = findPlaybook(scenario.playbook, ctx.workspace.root)
  const now = ctx.now()
  const id = `${DRILL_ID_PREFIX}${newIncidentId(scenario.id, now)}`
  const drafts = startDrillEvents(
    {id, scenario, playbook, playbookSha256: sha256, timezone, speed, manual: request.manual, simStart: now.toISOString(), role: request.role ?? 'controller'},
    {actor: ctx.actor},
  )
  adviseOnActor(ctx)
  await ctx.store.create(id, drafts)
  const session = new IncidentSession(ctx, await ctx.store.load(id))
  return {session, scenario: await filledScenario(ctx, session.state), speed}
}

/** Delivers the injects whose simulated time has come; returns them so the caller can show them. */
export async function deliverInjects(session: IncidentSession): Promise<Inject[]> {
  if (!session.state.exercise) return []
  // The clock as the log says now: another terminal may have advanced or paused it.
  const now = await session.currentNow()
  const {injects, drafts} = dueInjects(session.state, now)
  if (drafts.length > 0) await session.record(...drafts)
  return injects
}

export async function respondToInject(ctx: Context, input: {drill?: string; inject: string; decision: string}): Promise<StoredEvent> {
  const session = await resolveDrill(ctx, input.drill)
  // Injects due by now arrive first: a decision can answer the inject that has just come in.
  await deliverInjects(session)
  const [event] = await session.record(decisionEvent(session.state, input.inject, input.decision, session.who()))
  return event!
}

export async function endDrill(ctx: Context, drill?: string): Promise<IncidentSession> {
  const session = await resolveDrill(ctx, drill)
  await session.record(...endEvents(session.state, session.who()))
  return session
}

export interface ScenarioRow {
  id: string
  title: string
  playbook: string
  length: string
  injects: number
  highRisk: boolean
  origin: 'built-in' | 'workspace'
}

/** The scenarios a drill can run, and the files that do not validate (named, not fatal). */
export async function scenarioCatalogue(ctx: Context): Promise<{rows: ScenarioRow[]; broken: string[]}> {
  const files = await scenarioFiles(ctx.workspace.root)
  const rows = files.flatMap(({scenario: s, origin}) =>
    s ? [{id: s.id, title: s.title, playbook: s.playbook, length: s.length, injects: s.injects.length, highRisk: s.high_risk, origin}] : [],
  )
  return {rows, broken: files.filter((f) => !f.scenario).map((f) => f.file)}
}

/** The drill a report is for: the one named, else the most recent one, running or ended. */
export async function latestDrill(ctx: Context, id?: string): Promise<IncidentSession> {
  // By when each was last started or ended, not by id: ids sort by scenario within a day, and the drill just run
  // lost to any scenario named later (its ratings and hotwash notes went to another exercise).
  const lastActive = (s: IncidentSummary) => s.drillEndedAt ?? s.openedAt
  const drillId =
    id ??
    (await listSummaries(ctx, {drills: true}))
      .filter((s) => s.drill)
      .sort((a, b) => compareOrdinal(lastActive(a), lastActive(b)))
      .map((s) => s.id)
      .at(-1)
  if (!drillId) throw new UserError('no drill has been run in this workspace', {hint: 'Start one with `runbook drill start --scenario ID`.'})
  const session = new IncidentSession(ctx, await ctx.store.load(drillId))
  if (!session.state.exercise) throw new UserError(`${drillId} is a real incident; use \`runbook report after-action ${drillId}\``)
  return session
}

import {offsetToMs} from '../core/drills/clock.js'
import {dueInjects, injectTime, resolveValue} from '../core/drills/injects.js'
import type {Inject, Scenario} from '../core/drills/schema.js'
import type {EventDraft} from '../core/incident/events.js'
import {openIncident} from '../core/incident/actions.js'
import {incidentNow} from '../core/incident/now.js'
import {formatInZone} from '../core/time/instant.js'
import {createIncident, DRILL_PREFIX, loadIncident, newIncidentId, type LoadedIncident} from '../store/incidents.js'
import {findPlaybook} from '../store/playbooks.js'
import type {Workspace} from '../store/workspace.js'
import type {Styler} from '../ui/style.js'
import type {Recorder} from './session.js'

/** Opens a drill: an incident marked as an exercise, on the scenario's playbook, with its starting facts. */
export async function startDrill(workspace: Workspace, scenario: Scenario, options: {speed: number; manual: boolean; actor: string; now: Date; timezone: string}): Promise<LoadedIncident> {
  const {playbook, sha256} = findPlaybook(scenario.playbook, workspace.root)
  const id = `${DRILL_PREFIX}${newIncidentId(scenario.id, options.now)}`
  const simStart = options.now.toISOString()
  const [opened] = openIncident({id, title: `EXERCISE: ${scenario.title}`, timezone: options.timezone, playbook, playbookSha256: sha256, drill: true}, {actor: options.actor, occurredAt: simStart})
  const started: EventDraft = {type: 'drill.started', actor: options.actor, occurredAt: simStart, payload: {scenario, simStart, speed: options.speed, manual: options.manual}}
  const exercise = {exercise: {clock: {simStart, realStart: simStart, speed: 1, manual: true, advancedMs: 0}, scenario, delivered: {}, decisions: {}}}
  const facts: EventDraft[] = Object.entries(scenario.facts).map(([key, value]) => ({
    type: 'fact.set', actor: 'scenario', occurredAt: simStart, payload: {key, value: resolveValue(exercise as never, value)},
  }))
  await createIncident(workspace, id, opened!, [started, ...facts])
  return loadIncident(workspace, id)
}

/** Delivers the injects whose simulated time has come; returns them so the caller can show them. */
export async function deliverInjects(recorder: Recorder): Promise<Inject[]> {
  const state = recorder.state
  if (!state.exercise) return []
  const {injects, drafts} = dueInjects(state, incidentNow(state, Date.now()))
  if (drafts.length > 0) await recorder.record(...drafts)
  return injects
}

export function injectLines(inject: Inject, state: LoadedIncident['state'], style: Styler): string[] {
  const at = injectTime(state, inject)
  const lines = [
    '',
    style.exercise(`EXERCISE · INJECT ${inject.id} · T+${inject.at.replace('+', '')} · ${formatInZone(at, state.timezone)}`),
    style.bold(`From ${inject.from}: ${inject.title}`),
    `  ${inject.message.trim()}`,
  ]
  if (inject.sets) lines.push(style.dim(`  New facts: ${Object.keys(inject.sets).join(', ')}`))
  if (inject.expects) {
    const by = new Date(at.getTime() + offsetToMs(inject.expects.within))
    const what = [inject.expects.step ? `step ${inject.expects.step}` : '', inject.expects.decision ?? ''].filter(Boolean).join('; ')
    lines.push(style.yellow(`  Expected: ${what}, by ${formatInZone(by, state.timezone)}`))
  }
  lines.push(style.dim(`  Record a decision: runbook drill respond ${inject.id} "what you decided"`))
  return lines
}

import {arrivedAt} from '../core/drills/injects.js'
import type {Scenario} from '../core/drills/schema.js'
import {fillScenario, obligationsNamed, scenarioTexts} from '../core/drills/text.js'
import {UserError} from '../core/errors.js'
import type {IncidentState} from '../core/incident/state.js'
import type {Context} from './context.js'
import {computeDeadlines} from './deadlines.js'

/** The scenario of a running drill as its players read it: placeholders filled for this workspace and clock. */
export async function filledScenario(ctx: Context, state: IncidentState): Promise<Scenario> {
  const drill = state.exercise
  if (!drill) throw new UserError(`${state.id} is a real incident, not a drill`)
  const config = await ctx.workspace.config()
  const named = obligationsNamed(scenarioTexts(drill.scenario).map((t) => t.text))
  const due = new Map<string, string | null>()
  if (named.length > 0) {
    const {obligations} = await computeDeadlines(ctx, state, new Date(drill.clock.simStart), {obligations: named})
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

import {afterActionReport, type AfterActionReport} from '../core/report/after-action.js'
import {renderAfterAction} from '../render/report.js'
import {writeFileAtomic} from '../store/files.js'
import {templateSearchPaths} from '../store/templates.js'
import type {Context} from './context.js'
import {computeDeadlines} from './deadlines.js'
import {filledScenario} from './scenario-text.js'
import type {IncidentSession} from './session.js'

/** Builds the after-action report for an incident or a drill, and writes it to `out` when given. */
export async function afterAction(
  ctx: Context,
  session: IncidentSession,
  options: {format: 'md' | 'html'; out?: string},
): Promise<{report: AfterActionReport; output: string}> {
  const now = session.now()
  const {obligations} = await computeDeadlines(ctx, session.state, now)
  // A drill's texts as its players read them (organisation, weekday and time filled).
  const drill = session.state.exercise
  const state = drill ? {...session.state, exercise: {...drill, scenario: await filledScenario(ctx, session.state)}} : session.state
  const report = afterActionReport(state, session.events, obligations, now, ctx.now())
  const config = await ctx.workspace.config()
  const output = renderAfterAction(report, {
    searchPaths: templateSearchPaths(ctx.workspace.root),
    zone: session.state.timezone,
    format: options.format,
    orgName: config.organization.name,
  })
  if (options.out) writeFileAtomic(options.out, output)
  return {report, output}
}

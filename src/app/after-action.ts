import {afterActionReport, type AfterActionReport} from '../core/report/after-action.js'
import {UserError} from '../core/errors.js'
import {paperFor} from '../render/letter.js'
import {printPdf} from '../render/pdf.js'
import {renderAfterAction, type ReportFormat} from '../render/report.js'
import {writeFileAtomic} from '../store/files.js'
import {templateSearchPaths} from '../store/templates.js'
import type {Context} from './context.js'
import {computeDeadlines} from './deadlines.js'
import {filledScenario} from './scenario-text.js'
import type {IncidentSession} from './session.js'

/**
 * Builds the after-action report for an incident or a drill, and writes it to `out` when given; a PDF (printed by
 * the local Chromium on the organisation's paper) always goes to a file.
 */
export async function afterAction(
  ctx: Context,
  session: IncidentSession,
  options: {format: ReportFormat; out?: string},
): Promise<{report: AfterActionReport; output: string | Buffer}> {
  if (options.format === 'pdf' && !options.out) throw new UserError('a PDF is written to a file: add --out FILE (e.g. --out report.pdf)')
  const now = session.now()
  const {obligations} = await computeDeadlines(ctx, session.state, now)
  // A drill's texts as its players read them (organisation, weekday and time filled).
  const drill = session.state.exercise
  const state = drill ? {...session.state, exercise: {...drill, scenario: await filledScenario(ctx, session.state)}} : session.state
  const report = afterActionReport(state, session.events, obligations, now, ctx.now())
  const config = await ctx.workspace.config()
  const page = renderAfterAction(report, {
    searchPaths: templateSearchPaths(ctx.workspace.root),
    zone: session.state.timezone,
    format: options.format === 'md' ? 'md' : 'html',
    orgName: config.organization.name,
  })
  const org = config.organization
  const paper = paperFor(org.country ?? config.establishments?.find((e) => e.main)?.region.slice(0, 2), org.paper)
  const output = options.format === 'pdf' ? await printPdf(page, {paper, lang: 'en', pageNumbers: true}, ctx.env) : page
  if (options.out) writeFileAtomic(options.out, output)
  return {report, output}
}

import type {ObligationResult} from '../core/deadlines/obligations.js'
import {progress, type Progress} from '../core/incident/progress.js'
import type {Roster} from '../core/incident/roles.js'
import type {Context} from './context.js'
import {computeDeadlines, warnBrokenRegulations} from './deadlines.js'
import {resolveIncident} from './incidents.js'
import type {IncidentSession} from './session.js'

/** Where the incident stands: progress per phase, steps past target, and its notification deadlines. */
export async function incidentStatus(
  ctx: Context,
  id?: string,
): Promise<{session: IncidentSession; report: Progress; obligations: ObligationResult[]; now: Date; roster?: Roster}> {
  const session = await resolveIncident(ctx, id)
  const now = session.now()
  const report = progress(session.state, now)
  const {obligations, broken} = await computeDeadlines(ctx, session.state, now)
  warnBrokenRegulations(ctx, broken)
  const {roster} = await ctx.workspace.config()
  return {session, report, obligations, now, roster}
}

import {computeBrief, type Brief} from '../core/incident/brief.js'
import type {Context} from './context.js'
import {computeDeadlines} from './deadlines.js'
import {resolveIncident} from './incidents.js'

/** `runbook brief`: what changed since the last handover (or --since), with the deadlines and roles as they stand now. */
export async function handoverBrief(ctx: Context, input: {incident?: string; since?: string}): Promise<Brief> {
  const session = await resolveIncident(ctx, input.incident)
  const now = session.now()
  const {obligations} = await computeDeadlines(ctx, session.state, now)
  const {roster} = await ctx.workspace.config()
  return computeBrief({events: session.events, state: session.state, obligations, roster, now, since: input.since})
}

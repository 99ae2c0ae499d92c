import {OperationalError, UserError} from '../core/errors.js'
import {verifyLog, type VerifyResult} from '../core/incident/verify.js'
import type {Context} from './context.js'
import {resolveIncident} from './incidents.js'

export interface VerifySummary {
  id: string
  file: string
  ok: boolean
  events: number
  lastHash: string
  problem?: VerifyResult['problem']
  /** Events recorded by a clock that read earlier than the event before (the order is the log's, not the clock's). */
  clockSkews: VerifyResult['clockSkews']
}

/** Checks an incident's whole hash chain; a broken chain fails with the first bad line and what to do. */
export async function verifyIncident(ctx: Context, id?: string): Promise<VerifySummary> {
  const incidentId = id ?? (await resolveIncident(ctx)).id
  const bytes = await ctx.store.rawLog(incidentId)
  const result = verifyLog(bytes)
  const file = await ctx.store.where(incidentId)
  const summary: VerifySummary = {
    id: incidentId,
    file,
    ok: result.ok,
    events: result.events,
    lastHash: result.lastHash,
    problem: result.problem,
    clockSkews: result.clockSkews,
  }
  if (!result.ok) {
    const problem = result.problem!
    throw new OperationalError(`${await ctx.store.where(incidentId, problem.line)}: ${problem.message}`, {
      hint:
        problem.kind === 'torn-tail'
          ? `The ${result.events} events before it are intact. Run \`runbook incident repair ${incidentId}\`.`
          : `The ${result.events} events before it are intact; keep a copy of the record as evidence.`,
      result: summary,
    })
  }
  return summary
}

export interface TornTail {
  path: string
  bytes: number
  preview: string
}

/** What repair would move aside: the incomplete last line of an interrupted write, or null when the log is whole. */
export async function findTornTail(ctx: Context, id?: string): Promise<{id: string; torn: TornTail | null}> {
  const incidentId = (await resolveIncident(ctx, id)).id
  const torn = await ctx.store.tornTail(incidentId)
  return {id: incidentId, torn: torn && {path: torn.where, bytes: torn.bytes.length, preview: torn.bytes.toString('utf8').slice(0, 80)}}
}

/** Moves the torn line aside once the responder agreed (asked at a terminal; --yes in scripts). */
export async function repairTornTail(ctx: Context, id: string, options: {yes: boolean}): Promise<{sideFile: string; bytes: number} | null | 'declined'> {
  if (!options.yes) {
    if (!ctx.io.canPrompt) throw new UserError('repair needs confirmation; run it at a terminal, or pass --yes')
    if (!(await ctx.prompter.confirm({message: 'Move it aside into a side file?', default: true}))) return 'declined'
  }
  return ctx.store.repairTornTail(id)
}

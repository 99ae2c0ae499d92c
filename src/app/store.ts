import {OperationalError, UserError} from '../core/errors.js'
import {verifyLog} from '../core/incident/verify.js'
import {redactUrl, storeUrlProblem} from '../core/workspace/store-url.js'
import {FileIncidentStore, type IncidentStore} from '../store/incidents.js'
import {configuredDatabase, migrateDatabase, migrationScript, openDatabaseStore} from '../store/select.js'
import type {Context} from './context.js'

/** The database `store migrate` works on: --url, else the workspace's (RUNBOOK_DATABASE_URL, store.url). */
async function databaseUrl(ctx: Context, flag: string | undefined): Promise<string> {
  if (flag) {
    const problem = storeUrlProblem(flag, false)
    if (problem) throw new UserError(`--url: ${problem}`)
    return flag
  }
  const configured = await configuredDatabase(ctx.workspace, ctx.env ?? process.env)
  if (!configured) {
    throw new UserError('this workspace keeps its incidents in files: there is no database to migrate', {
      hint: 'Set store.url in runbook.yaml or RUNBOOK_DATABASE_URL, or pass --url postgresql://owner@host/db (docs/postgresql.md).',
    })
  }
  return configured.url
}

export interface MigrateOutcome {
  target: string
  applied: {version: number; name: string}[]
  version: number
}

/** Applies the schema migrations a database lacks, in one transaction. Never done on its own at start-up. */
export async function migrateStore(ctx: Context, input: {url?: string}): Promise<MigrateOutcome> {
  return migrateDatabase(await databaseUrl(ctx, input.url))
}

/** The whole schema as SQL, for a DBA who applies it by hand. */
export async function schemaScript(): Promise<string> {
  return migrationScript()
}

export type CopyOutcome = {id: string; events: number; lastHash: string} & ({result: 'copied' | 'already there'} | {result: 'failed'; problem: string})

export interface CopyReport {
  from: string
  to: string
  incidents: CopyOutcome[]
}

/**
 * Copies incidents between this workspace's files and a PostgreSQL database, byte for byte, so every hash is kept:
 * each source record must verify, is taken in whole or not at all, and is read back and compared after. An incident
 * already at the destination with the same events is left as it is; one with different events is not touched.
 */
export async function copyIncidents(ctx: Context, input: {to?: string; from?: string; ids: readonly string[]}): Promise<CopyReport> {
  if (Boolean(input.to) === Boolean(input.from)) {
    throw new UserError("say which way: --to URL copies this workspace's files into the database, --from URL copies the database into them")
  }
  const url = (input.to ?? input.from)!
  const problem = storeUrlProblem(url, false)
  if (problem) throw new UserError(`${input.to ? '--to' : '--from'}: ${problem}`)
  const files = new FileIncidentStore(ctx.workspace, ctx.now)
  const database = await openDatabaseStore(url, ctx.now)
  const [source, target] = input.to ? [files, database] : [database, files]
  try {
    const [from, to] = input.to ? [ctx.workspace.root, redactUrl(url)] : [redactUrl(url), ctx.workspace.root]
    const report: CopyReport = {from, to, incidents: []}
    let ids = [...input.ids]
    if (ids.length === 0) {
      const {incidents, damaged} = await source.list({drills: true})
      ids = incidents.map((i) => i.id)
      for (const d of damaged) report.incidents.push({id: d.id, events: 0, lastHash: '', result: 'failed', problem: d.problem})
    }
    for (const id of ids) report.incidents.push(await copyOne(source, target, id))
    return report
  } finally {
    await database.close()
  }
}

/** Fails (exit 1) when any incident was not copied, once the report has been shown. */
export function checkCopied(report: CopyReport): void {
  const failed = report.incidents.filter((i) => i.result === 'failed')
  if (failed.length > 0) {
    throw new OperationalError(`${failed.length} of ${report.incidents.length} incident(s) were not copied: ${failed.map((f) => f.id).join(', ')}`, {
      hint: 'Each is named above with the reason; the others were copied and verified.',
      result: report,
    })
  }
}

async function copyOne(source: IncidentStore, target: IncidentStore, id: string): Promise<CopyOutcome> {
  const fail = (problem: string, events = 0, lastHash = ''): CopyOutcome => ({id, events, lastHash, result: 'failed', problem})
  try {
    const bytes = await source.rawLog(id)
    const checked = verifyLog(bytes)
    if (!checked.ok) return fail(`it does not verify where it is (event ${checked.problem!.line}: ${checked.problem!.message}); run \`runbook verify ${id}\``)
    const {events, lastHash} = checked
    if (await target.exists(id)) {
      const there = await target.rawLog(id)
      if (there.equals(bytes)) return {id, events, lastHash, result: 'already there'}
      return fail(
        `it already exists at the destination with different events (${verifyLog(there).events} there, ${events} here); nothing was changed`,
        events,
        lastHash,
      )
    }
    await target.importLog(id, bytes)
    const copied = await target.rawLog(id)
    const again = verifyLog(copied)
    if (!copied.equals(bytes) || !again.ok || again.lastHash !== lastHash) return fail('the copy read back differs from the source', events, lastHash)
    return {id, events, lastHash, result: 'copied'}
  } catch (error) {
    if (error instanceof UserError) return fail(error.message)
    throw error
  }
}

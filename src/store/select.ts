import {join} from 'node:path'
import {UserError} from '../core/errors.js'
import {storeUrlProblem} from '../core/workspace/store-url.js'
import {FileIncidentStore, type IncidentStore} from './incidents.js'
import {cachePath, CONFIG_FILE, configText, type Workspace} from './workspace.js'
import {sha256} from '../core/incident/chain.js'

export interface DatabaseChoice {
  url: string
  /** Where the URL came from, for messages. */
  source: string
}

/**
 * The database a workspace's incidents live in: RUNBOOK_DATABASE_URL (it may hold a password: it is not shared), else
 * `store.url` in runbook.yaml (never with a password), else none: the files in the workspace.
 */
export async function configuredDatabase(workspace: Workspace, env: NodeJS.ProcessEnv): Promise<DatabaseChoice | undefined> {
  const fromEnv = env.RUNBOOK_DATABASE_URL?.trim()
  if (fromEnv) {
    const problem = storeUrlProblem(fromEnv, false)
    if (problem) throw new UserError(`RUNBOOK_DATABASE_URL: ${problem}`)
    return {url: fromEnv, source: 'RUNBOOK_DATABASE_URL'}
  }
  const text = configText(workspace.root)
  // Most workspaces keep files: a runbook.yaml that never says "store" is not parsed for it (start-up stays cheap).
  if (text === undefined || !text.includes('store')) return undefined
  const url = (await workspace.config()).store?.url
  return url ? {url, source: `store.url in ${join(workspace.root, CONFIG_FILE)}`} : undefined
}

/** The PostgreSQL store; its module and the driver are loaded only now. */
export async function openDatabaseStore(url: string, now: () => Date, workspace?: Workspace): Promise<IncidentStore> {
  const {PgIncidentStore} = await import('./pg/store.js')
  // Summaries per database (named by a hash: the URL may hold a password), in the workspace's cache when it has one.
  const summaryCache = workspace && !workspace.pending ? cachePath(workspace.root, `pg-incidents-${sha256(url).slice(0, 16)}.json`) : undefined
  return new PgIncidentStore(url, {now, ...(summaryCache ? {summaryCache} : {})})
}

/** Brings a database's schema up to date (runbook store migrate), loading the driver only then. */
export async function migrateDatabase(url: string): Promise<import('./pg/migrations.js').MigrateResult> {
  const {migrate} = await import('./pg/migrations.js')
  return migrate(url)
}

export async function migrationScript(): Promise<string> {
  return (await import('./pg/migrations.js')).migrationScript()
}

/**
 * The workspace's incident store, chosen on first use: nothing is read, and no driver loaded, until a command asks
 * for an incident.
 */
export function workspaceStore(workspace: () => Workspace, env: NodeJS.ProcessEnv, now: () => Date): IncidentStore {
  let chosen: Promise<IncidentStore> | undefined
  const store = () =>
    (chosen ??= configuredDatabase(workspace(), env).then((database) =>
      database ? openDatabaseStore(database.url, now, workspace()) : new FileIncidentStore(workspace(), now),
    ))
  return {
    where: async (id, seq) => (await store()).where(id, seq),
    exists: async (id) => (await store()).exists(id),
    load: async (id) => (await store()).load(id),
    list: async (options) => (await store()).list(options),
    create: async (id, drafts) => (await store()).create(id, drafts),
    append: async (id, drafts, expect) => (await store()).append(id, drafts, expect),
    lastSeq: async (id) => (await store()).lastSeq(id),
    rawLog: async (id, options) => (await store()).rawLog(id, options),
    importLog: async (id, log) => (await store()).importLog(id, log),
    tornTail: async (id) => (await store()).tornTail(id),
    repairTornTail: async (id) => (await store()).repairTornTail(id),
    repairFork: async (id, actor) => (await store()).repairFork(id, actor),
    subscribe: async (id, onAppend) => (await store()).subscribe(id, onAppend),
    close: async () => {
      const opened = await chosen?.catch(() => undefined)
      await opened?.close()
    },
  }
}

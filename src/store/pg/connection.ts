import {createRequire} from 'node:module'
import type {Client, ClientConfig, DatabaseError} from 'pg'
import {OperationalError, UserError} from '../../core/errors.js'
import {redactUrl} from '../../core/workspace/store-url.js'

/**
 * A connection to the team's database. The driver is loaded here, on first use, so commands on a file workspace never
 * load it. Credentials come from the URL (RUNBOOK_DATABASE_URL may hold one), the PG* variables or ~/.pgpass.
 */

type Pg = typeof import('pg')
let driver: Promise<Pg> | undefined
const loadDriver = (): Promise<Pg> => (driver ??= import('pg'))

/** How long to wait for a server to answer the connection, and for another writer's lock. */
const CONNECT_TIMEOUT_MS = 10_000
const LOCK_TIMEOUT = '60s'

export interface Target {
  /** What messages call the database: postgresql://user@host:port/database, never with a password. */
  label: string
  url: string
}

export function targetOf(url: string, client?: Client): Target {
  if (!client) return {url, label: redactUrl(url)}
  const host = client.host?.startsWith('/') ? `localhost (socket ${client.host})` : client.host
  return {url, label: `postgresql://${client.user ?? ''}@${host}:${client.port}/${client.database ?? ''}`}
}

/**
 * A new client for `url`, not yet connected. Every session commits synchronously (an append is acknowledged only once
 * its commit is on disk, whatever the server's default), and gives up waiting for another writer after a minute.
 */
export async function newClient(url: string): Promise<Client> {
  const pg = await loadDriver()
  const config: ClientConfig = {
    connectionString: url,
    application_name: 'runbook',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    options: `-c synchronous_commit=on -c lock_timeout=${LOCK_TIMEOUT} -c idle_in_transaction_session_timeout=30s`,
  }
  const client = new pg.Client(config)
  // No password in the URL or PGPASSWORD: look in ~/.pgpass (PGPASSFILE) with the driver's own reader, asked directly
  // so the driver does not print a deprecation warning to the responder.
  if (client.password === null || client.password === undefined || client.password === '') {
    ;(client as unknown as {password: unknown}).password = (params: unknown) =>
      new Promise<string | undefined>((resolve) => {
        try {
          const pgpass = createRequire(createRequire(import.meta.url).resolve('pg'))('pgpass') as (params: unknown, cb: (pass?: string) => void) => void
          pgpass(params, resolve)
        } catch {
          resolve(undefined)
        }
      })
  }
  // A connection that breaks while idle reports it here; without a listener the process would crash with a trace.
  client.on('error', () => {})
  return client
}

export async function connect(url: string): Promise<Client> {
  const client = await newClient(url)
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => {})
    throw explain(error, targetOf(url, client))
  }
  return client
}

/** True when the error says the connection broke or never came up: what was sent may or may not have taken effect. */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as {code?: unknown; message?: unknown}
  const code = typeof e?.code === 'string' ? e.code : ''
  if (/^08|^57P/.test(code)) return true
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOENT'].includes(code)) return true
  const message = typeof e?.message === 'string' ? e.message : ''
  return /Connection terminated|connection timeout|timeout expired|Client was closed|Client has encountered a connection error|not queryable|Connection ended/i.test(
    message,
  )
}

export const MIGRATE_HINT = 'Run `runbook store migrate` as the database owner (see docs/postgresql.md), then try again.'

/** A driver or server error as a message a responder can act on: what happened, where, and what to do. */
export function explain(error: unknown, target: Target, doing = 'reach'): UserError {
  if (error instanceof UserError) return error
  const e = error as Partial<DatabaseError> & {code?: string; message?: string}
  const code = e.code ?? ''
  const where = target.label
  if (isConnectionLoss(error)) {
    const why =
      code === 'ECONNREFUSED'
        ? 'nothing is listening there'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'the host name is not known'
          : code === '57P03'
            ? 'the server is starting up or shutting down'
            : /^57P0[12]/.test(code)
              ? 'the server was shut down'
              : /timeout/i.test(e.message ?? '')
                ? 'it did not answer in time'
                : 'the connection broke'
    return new OperationalError(`cannot ${doing} the PostgreSQL server at ${where}: ${why}`, {
      hint: 'Check that the server is running and reachable (pg_isready), then try again.',
    })
  }
  if (code === '28P01' || code === '28000' || /password authentication failed|no password supplied|SASL/i.test(e.message ?? '')) {
    return new OperationalError(`the PostgreSQL server at ${where} refused the login: ${e.message}`, {
      hint: 'Put the password in ~/.pgpass (or PGPASSWORD), never in runbook.yaml; PGUSER names the role.',
    })
  }
  if (code === '3D000')
    return new OperationalError(`the database named in ${where} does not exist: ${e.message}`, {hint: 'Create it (docs/postgresql.md), or fix store.url.'})
  if (code === '42P01' || code === '3F000')
    return new OperationalError(`the database at ${where} is not set up for runbook (no runbook.events table)`, {hint: MIGRATE_HINT})
  if (code === '42501') {
    return new OperationalError(`the role used at ${where} may not do this: ${e.message}`, {
      hint: 'A responder needs USAGE on schema runbook and SELECT, INSERT on its tables: see the GRANTs in docs/postgresql.md.',
    })
  }
  if (code === '55P03') {
    return new OperationalError(`another runbook process has been writing to this incident at ${where} for more than ${LOCK_TIMEOUT}; nothing was recorded`, {
      hint: 'It may be paused (Ctrl-Z, a suspended laptop). Let it finish, or stop it, then try again.',
    })
  }
  return new OperationalError(`the PostgreSQL server at ${where} answered: ${e.message ?? String(error)}${code ? ` (SQLSTATE ${code})` : ''}`)
}

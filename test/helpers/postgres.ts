import {randomBytes} from 'node:crypto'
import pg from 'pg'
import {inject} from 'vitest'
import {migrate} from '../../src/store/pg/migrations.js'

/**
 * The run's throwaway PostgreSQL cluster (test/pg-setup.ts). `unavailable` says why there is none: tests that need it
 * are skipped with that reason here, and the run fails in CI before any test starts.
 */
const provided = inject('postgres')
export const pgUnavailable: string | undefined = 'unavailable' in provided ? provided.unavailable : undefined
if (pgUnavailable) process.stderr.write(`PostgreSQL tests skipped: ${pgUnavailable}\n`)

export function pgUrl(database = 'postgres', role?: string): string {
  if ('unavailable' in provided) throw new Error(`no PostgreSQL for this run: ${provided.unavailable}`)
  return `postgresql://${role ?? provided.user}@127.0.0.1:${provided.port}/${database}`
}

/** Runs SQL on a database (as the cluster's superuser unless the URL names another role). */
export async function sql<R extends Record<string, unknown> = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({connectionString: url})
  await client.connect()
  try {
    return (await client.query<R>(text, params)).rows
  } finally {
    await client.end()
  }
}

/** A new empty database of this run's cluster, and its URL. */
export async function freshDatabase(prefix = 'rb'): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`
  await sql(pgUrl(), `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`)
  return pgUrl(name)
}

/** A new database with runbook's schema. */
export async function migratedDatabase(prefix = 'rb'): Promise<string> {
  const url = await freshDatabase(prefix)
  await migrate(url)
  return url
}

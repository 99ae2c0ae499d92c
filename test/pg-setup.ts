import type {TestProject} from 'vitest/node'
import {startCluster, type Cluster} from '../scripts/pg-cluster.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared throwaway cluster's port and user, or why none could be started. */
    postgres: {port: number; user: string; dir: string} | {unavailable: string}
  }
}

/**
 * One throwaway PostgreSQL cluster for the whole run (each test file makes its own databases in it), stopped and
 * removed afterwards. Where none can be started the PostgreSQL tests are skipped with the reason; in CI
 * (RUNBOOK_CI=1) that is a failure instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: Cluster | undefined
  try {
    // No fsync on the shared cluster: its tests check order, atomicity and retries, which the disk flush does not
    // change (the store still commits synchronously). The benchmark starts its own, with fsync.
    cluster = await startCluster({fsync: false})
    project.provide('postgres', {port: cluster.port, user: cluster.user, dir: cluster.dir})
  } catch (error) {
    const reason = (error as Error).message
    if (process.env.RUNBOOK_CI === '1') throw new Error(`RUNBOOK_CI=1 and no PostgreSQL server could be started for the tests: ${reason}`, {cause: error})
    process.stderr.write(`\nThe PostgreSQL tests will be SKIPPED: no server could be started here (${reason}).\n\n`)
    project.provide('postgres', {unavailable: reason})
  }
  return async () => {
    await cluster?.stop()
  }
}

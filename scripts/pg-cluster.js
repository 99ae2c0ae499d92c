#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the tests, the benchmark and a developer trying the PostgreSQL store: initdb into
// a temporary folder, trust authentication on 127.0.0.1 only, a free port; stopped and removed afterwards.
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (runuser), in a folder it owns.
//
//   node scripts/pg-cluster.js      starts one, prints its URL, and removes it on Ctrl-C.
import {execFileSync, spawnSync} from 'node:child_process'
import {chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir, userInfo} from 'node:os'
import {join} from 'node:path'

/* global setInterval, clearInterval */
const BINARIES = ['initdb', 'pg_ctl', 'postgres']

/** The folder with initdb, pg_ctl and postgres: PG_BINDIR, else pg_config --bindir, else the newest Debian one. */
export function findPgBin() {
  const candidates = []
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR)
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim())
  } catch {
    // No pg_config (Debian ships it with libpq-dev): look where Debian's server packages put the binaries.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`)
  }
  candidates.push('/usr/local/bin', '/usr/bin')
  const found = candidates.find((dir) => BINARIES.every((b) => existsSync(join(dir, b))))
  if (!found) throw new Error(`no PostgreSQL server binaries (${BINARIES.join(', ')}) in ${candidates.join(', ')}; install Debian's postgresql package`)
  return found
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** As root, PostgreSQL's programs run as `postgres`; as anyone else, as themselves. */
function asServerUser(command, args) {
  const root = process.getuid?.() === 0
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  const result = spawnSync(file, argv, {encoding: 'utf8', cwd: tmpdir()})
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}): ${(result.stderr || result.stdout || '').trim()}`,
    )
  }
  return result.stdout
}

/**
 * Starts a cluster and resolves with its URLs and controls. `stopServer`/`startServer` let a test take the server away
 * and bring it back (mode 'immediate' is a crash: the next start recovers from the WAL).
 */
export async function startCluster(options = {}) {
  const bin = findPgBin()
  const dir = mkdtempSync(join(tmpdir(), 'runbook-pg-'))
  if (process.getuid?.() === 0) {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim())
      const gid = Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim())
      chownSync(dir, uid, gid)
    } catch (error) {
      rmSync(dir, {recursive: true, force: true})
      throw new Error(`running as root, the server must run as the postgres user, and there is none (is /etc/passwd intact?): ${error.message}`, {cause: error})
    }
  }
  const data = join(dir, 'data')
  const log = join(dir, 'server.log')
  const user = process.getuid?.() === 0 ? 'postgres' : userInfo().username
  try {
    asServerUser(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', user, '-E', 'UTF8', '--locale=C', '--no-sync'])
  } catch (error) {
    rmSync(dir, {recursive: true, force: true})
    throw error
  }
  const port = options.port ?? (await freePort())
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c shared_buffers=32MB',
    '-c max_connections=100',
    // Durable as in production unless asked otherwise. Without fsync a crash of the server still loses nothing (the
    // operating system holds what was written); only a crash of the machine would.
    `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    ...(options.settings ?? []),
  ].join(' ')
  const pgCtl = (...args) => asServerUser(join(bin, 'pg_ctl'), ['-D', data, ...args])
  let running = false
  const cluster = {
    dir,
    port,
    user,
    /** A URL for a database of this cluster (no password: trust on loopback). */
    url: (database = 'postgres', role = user) => `postgresql://${role}@127.0.0.1:${port}/${database}`,
    startServer() {
      pgCtl('-o', settings, '-l', log, '-w', '-t', '60', 'start')
      running = true
    },
    stopServer(mode = 'fast') {
      pgCtl('-m', mode, '-w', '-t', '60', 'stop')
      running = false
    },
    log: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
    /** Stops the server and removes every file of the cluster. */
    async stop() {
      try {
        if (running) cluster.stopServer('immediate')
      } finally {
        rmSync(dir, {recursive: true, force: true})
      }
    },
  }
  try {
    cluster.startServer()
  } catch (error) {
    rmSync(dir, {recursive: true, force: true})
    throw error
  }
  // A run that ends leaves no server behind: on exit, and on a signal nobody else handles (the signal is then raised
  // again, so the process ends as it would have).
  const cleanUp = () => {
    if (!running) return
    running = false
    try {
      asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'])
    } catch {
      // Best effort on the way out.
    }
    rmSync(dir, {recursive: true, force: true})
  }
  process.once('exit', cleanUp)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    if (process.listenerCount(signal) > 0) continue
    process.once(signal, () => {
      cleanUp()
      process.kill(process.pid, signal)
    })
  }
  return cluster
}

/** Creates a database (UTF8) in the cluster and returns its URL. */
export async function createDatabase(cluster, name) {
  const {default: pg} = await import('pg')
  const client = new pg.Client({connectionString: cluster.url('postgres')})
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`)
  } finally {
    await client.end()
  }
  return cluster.url(name)
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const cluster = await startCluster()
  const url = await createDatabase(cluster, 'runbook')
  console.log(
    `PostgreSQL ${cluster.port} in ${cluster.dir}\n  export RUNBOOK_DATABASE_URL=${url}\n  runbook store migrate\nCtrl-C stops it and removes its files.`,
  )
  const alive = setInterval(() => {}, 1 << 30)
  await new Promise((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  clearInterval(alive)
  await cluster.stop()
}

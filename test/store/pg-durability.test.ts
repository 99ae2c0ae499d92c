import {spawn, type ChildProcess} from 'node:child_process'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {verifyLog} from '../../src/core/incident/verify.js'
import {migrate} from '../../src/store/pg/migrations.js'
import {PgIncidentStore} from '../../src/store/pg/store.js'
import {createDatabase, startCluster, type Cluster} from '../../scripts/pg-cluster.js'
import {ROOT, runCli, spawnCli, tempDir} from '../helpers/cli.js'
import {openDrafts} from '../helpers/events.js'
import {migratedDatabase, pgUnavailable, sql} from '../helpers/postgres.js'

const WRITER = join(ROOT, 'test', 'helpers', 'pg-writer.js')

interface Writer {
  child: ChildProcess
  acked: string[]
  exited: Promise<number | null>
  stderr: () => string
}

/** A writer process (test/helpers/pg-writer.js) and what it has acknowledged so far. */
function writer(url: string, incident: string, name: string, count?: number): Writer {
  const child = spawn(process.execPath, [WRITER, url, incident, name, ...(count ? [String(count)] : [])], {stdio: ['pipe', 'pipe', 'pipe']})
  const acked: string[] = []
  let pending = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop()!
    for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4))
  })
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {child, acked, exited, stderr: () => stderr}
}

async function newIncident(url: string, id: string): Promise<void> {
  const store = new PgIncidentStore(url, {now: () => new Date()})
  try {
    await store.create(id, openDrafts())
  } finally {
    await store.close()
  }
}

async function recordedTexts(url: string, id: string): Promise<{texts: string[]; raw: Buffer}> {
  const store = new PgIncidentStore(url, {now: () => new Date()})
  try {
    const raw = await store.rawLog(id)
    const texts = (await store.load(id)).events.map((e) => e.payload.text).filter((t): t is string => typeof t === 'string')
    return {texts, raw}
  } finally {
    await store.close()
  }
}

describe.skipIf(Boolean(pgUnavailable))('PostgreSQL under load', () => {
  it('8 processes x 500 appends to one incident: 4,000 events, no gap, no duplicate, the chain valid', async () => {
    const url = await migratedDatabase('load')
    await newIncident(url, 'inc-load')
    const writers = Array.from({length: 8}, (_, w) => writer(url, 'inc-load', `w${w}`, 500))
    const codes = await Promise.all(writers.map((w) => w.exited))
    expect(codes, writers.map((w) => w.stderr()).join('')).toEqual(Array(8).fill(0))
    const {texts, raw} = await recordedTexts(url, 'inc-load')
    const opening = openDrafts().length
    expect(verifyLog(raw)).toMatchObject({ok: true, events: opening + 4000})
    expect(texts).toHaveLength(4000)
    expect(new Set(texts).size).toBe(4000)
    for (const w of writers) {
      expect(w.acked).toHaveLength(500)
      // Each writer's events are in the order it made them.
      const mine = texts.filter((t) => t.startsWith(`${w.acked[0]!.split(':')[0]}:`)).map((t) => Number(t.split(':')[1]))
      expect(mine).toEqual(Array.from({length: 500}, (_, i) => i))
    }
    const seqs = await sql<{seq: number}>(url, "SELECT seq FROM runbook.events WHERE incident = 'inc-load' ORDER BY seq")
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({length: opening + 4000}, (_, i) => i + 1))
  }, 240_000)
})

describe.skipIf(Boolean(pgUnavailable))('PostgreSQL through crashes', () => {
  // Its own cluster: this test takes the server away again and again. A crash of the server (not of the machine) loses
  // nothing the operating system was given, fsync or not; without it, recovery does not flush every file at each start.
  let cluster: Cluster
  let url: string
  beforeAll(async () => {
    cluster = await startCluster({fsync: false})
    url = await createDatabase(cluster, 'crash')
    await migrate(url)
    await newIncident(url, 'inc-crash')
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })

  it('20 rounds of a writer SIGKILLed mid-append and the server crashed during a burst: every acknowledged event once, nothing half-written, verify passes, the CLI says the server is down', async () => {
    const workspace = tempDir()
    const env = {RUNBOOK_DATABASE_URL: url}
    let generation = 0
    const all: Writer[] = []
    const start = () => {
      const w = writer(url, 'inc-crash', `g${generation++}`)
      all.push(w)
      return w
    }
    // A live view follows the incident through every crash (its LISTEN connection comes back each time).
    const watcher = new PgIncidentStore(url, {now: () => new Date()})
    let heard = 0
    const unsubscribe = await watcher.subscribe('inc-crash', () => heard++)
    let live = [start(), start(), start()]
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    for (let round = 0; round < 20; round++) {
      // A burst is under way: two writers have had appends acknowledged since the last round. One of them is killed
      // while it is appending (it appends without pause), with no chance to finish, roll back, or say anything.
      const marks = live.map((w) => w.acked.length)
      const until = performance.now() + 30_000
      const busy = () => live.filter((w, i) => w.acked.length > marks[i]!)
      while (busy().length < 2 && performance.now() < until) await pause(10)
      await pause(Math.floor(Math.random() * 40))
      const victim = busy()[round % 2] ?? live[0]!
      victim.child.kill('SIGKILL')
      await victim.exited
      // The server crashes (immediate: no shutdown checkpoint; the next start recovers from the WAL).
      cluster.stopServer('immediate')
      const down = round % 10 === 0 ? spawnCli(['note', 'while down'], {workspace, env}) : await runCli(['note', 'while down'], {workspace, env})
      expect(down.code, `round ${round}: ${down.stderr}`).toBe(1)
      expect(down.stderr).toContain('cannot reach the PostgreSQL server')
      expect(down.stderr + down.stdout).not.toMatch(/\n\s+at |ECONNREFUSED/)
      cluster.startServer()
      live = live.map((w) => (w === victim ? start() : w))
    }
    // Let the survivors finish their current append and stop.
    for (const w of live) w.child.stdin!.end()
    const codes = await Promise.all(live.map((w) => w.exited))
    expect(codes, live.map((w) => w.stderr()).join('')).toEqual([0, 0, 0])

    const {texts, raw} = await recordedTexts(url, 'inc-crash')
    const result = verifyLog(raw)
    expect(result.ok, JSON.stringify(result.problem)).toBe(true)
    const counts = new Map<string, number>()
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1)
    // Nothing twice, acknowledged or not.
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([])
    const acked = all.flatMap((w) => w.acked)
    expect(acked.length).toBeGreaterThan(60)
    expect(acked.filter((t) => counts.get(t) !== 1)).toEqual([])
    // Every row whole: its line parses and the columns agree with it (the check constraint held through every crash).
    const rows = await sql<{seq: number; line: string}>(url, "SELECT seq, line FROM runbook.events WHERE incident = 'inc-crash' ORDER BY seq")
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1))
    expect(rows.every((r) => JSON.parse(r.line).seq === r.seq)).toBe(true)
    expect((await runCli(['verify', 'inc-crash', '--json'], {workspace, env})).code).toBe(0)

    await pause(300)
    const before = heard
    const last = new PgIncidentStore(url, {now: () => new Date()})
    await last.append('inc-crash', [{type: 'note.added', actor: 'a', payload: {text: 'after the last crash'}}])
    await last.close()
    const until = performance.now() + 5000
    while (heard === before && performance.now() < until) await pause(10)
    expect(heard).toBeGreaterThan(before)
    await unsubscribe()
    await watcher.close()
  }, 300_000)
})

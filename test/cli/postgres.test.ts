import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {verifyLog} from '../../src/core/incident/verify.js'
import {PgIncidentStore} from '../../src/store/pg/store.js'
import {ROOT, runCli, runJson, spawnCli, tempDir} from '../helpers/cli.js'
import {openDrafts} from '../helpers/events.js'
import {freshDatabase, migratedDatabase, pgUnavailable, pgUrl, sql} from '../helpers/postgres.js'
import {commitBreaker, type CommitBreaker} from '../helpers/tcp-proxy.js'

const onPostgres = describe.skipIf(Boolean(pgUnavailable))

/** A workspace whose incidents live in the database at `url` (through the environment, as a responder would set it). */
function teamWorkspace(url: string) {
  const workspace = tempDir()
  const env = {RUNBOOK_DATABASE_URL: url}
  return {
    workspace,
    run: (args: string[], actor = 'tester') => runCli(args, {workspace, env: {...env, RUNBOOK_ACTOR: actor}}),
    json: <T>(args: string[]) => runJson<T>(args, {workspace, env}),
  }
}

async function openIncident(team: ReturnType<typeof teamWorkspace>): Promise<string> {
  const opened = await team.run(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00Z'])
  expect(opened.code, opened.stderr).toBe(0)
  return opened.stdout.trim()
}

/** The SQL block that follows `<!-- name -->` in docs/postgresql.md: the documentation is what the tests run. */
function documentedSql(name: string): string {
  const text = readFileSync(join(ROOT, 'docs', 'postgresql.md'), 'utf8')
  const block = new RegExp(`<!-- ${name} -->\\s*\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(text)
  if (!block) throw new Error(`docs/postgresql.md has no SQL block marked <!-- ${name} -->`)
  return block[1]!
}

onPostgres('the PostgreSQL store from the command line', () => {
  it('a database not set up stops every command with a message naming `runbook store migrate`, which sets it up once', async () => {
    const team = teamWorkspace(await freshDatabase('cli'))
    const before = await team.run(['incident', 'list'])
    expect(before.code).toBe(1)
    expect(before.stderr).toContain('not set up for runbook')
    expect(before.stderr).toContain('runbook store migrate')
    expect(before.stderr).not.toMatch(/\n\s+at /)
    const migrated = await team.json<{applied: {version: number}[]; version: number}>(['store', 'migrate'])
    expect(migrated.applied.map((m) => m.version)).toEqual([1])
    const again = await team.json<{applied: unknown[]; version: number}>(['store', 'migrate'])
    expect(again).toMatchObject({applied: [], version: 1})
    const id = await openIncident(team)
    expect((await team.run(['note', 'bridge open'])).code).toBe(0)
    expect(await team.json(['verify'])).toMatchObject({ok: true, id, events: 3})
  })

  it('a list reads the events only of incidents recorded in since the last list: the summaries are kept in the workspace', async () => {
    const team = teamWorkspace(await migratedDatabase('summaries'))
    writeFileSync(join(team.workspace, 'runbook.yaml'), 'organization:\n  name: Acme\n  timezone: UTC\n')
    const ids: string[] = []
    for (const playbook of ['ransomware', 'lost-device', 'vendor-breach']) {
      const opened = await team.run(['incident', 'open', '--playbook', playbook, '--new'])
      expect(opened.code, opened.stderr).toBe(0)
      ids.push(opened.stdout.trim())
    }
    type Listed = {id: string; status: string; openSteps: number}[]
    const first = await team.json<Listed>(['incident', 'list'])
    expect(first.map((i) => i.id).sort()).toEqual([...ids].sort())
    const read: unknown[][] = []
    const realQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      if (typeof args[0] === 'string' && args[0].startsWith('SELECT incident, line FROM runbook.events')) read.push(args[1] as unknown[])
      return realQuery.apply(this, args)
    } as never)
    try {
      expect(await team.json<Listed>(['incident', 'list'])).toEqual(first)
      expect(read).toEqual([])
      // The lost-device incident gets a step done, the vendor breach is closed: only those two are read again.
      expect((await team.run(['step', 'done', 'take-report', '--incident', ids[1]!])).code).toBe(0)
      expect((await team.run(['incident', 'close', ids[2]!, '--reason', 'false alarm'])).code).toBe(0)
      const after = await team.json<Listed>(['incident', 'list'])
      expect(read).toEqual([[[ids[1], ids[2]].sort()]])
      const before = new Map(first.map((i) => [i.id, i]))
      const now = new Map(after.map((i) => [i.id, i]))
      expect(now.get(ids[1]!)!.openSteps).toBe(before.get(ids[1]!)!.openSteps - 1)
      expect(now.get(ids[2]!)!.status).toBe('closed')
      expect(now.get(ids[0]!)).toEqual(before.get(ids[0]!))
    } finally {
      spy.mockRestore()
    }
  })

  it('a database migrated by a newer runbook, or changed by hand, is named as such and left alone', async () => {
    const url = await migratedDatabase('versions')
    const team = teamWorkspace(url)
    await sql(url, "INSERT INTO runbook.schema_migrations (version, name, sha256) VALUES (2, 'from the future', 'x')")
    const newer = await team.run(['incident', 'list'])
    expect(newer.code).toBe(1)
    expect(newer.stderr).toContain('was migrated by a newer runbook (schema version 2; this one knows 1)')
    expect((await team.run(['store', 'migrate'])).stderr).toContain('newer than this runbook knows')
    await sql(
      url,
      "SET session_replication_role = replica; DELETE FROM runbook.schema_migrations WHERE version = 2; UPDATE runbook.schema_migrations SET sha256 = 'edited'",
    )
    const edited = await team.run(['store', 'migrate'])
    expect(edited.code).toBe(1)
    expect(edited.stderr).toContain('migration 1 applied at')
    expect(edited.stderr).toContain('differs from this runbook')
  })

  it('store migrate --print is the SQL a DBA can apply by hand: the same schema, recorded as migrated', async () => {
    const script = (await runCli(['store', 'migrate', '--print'], {workspace: tempDir()})).stdout
    expect(script).toContain('CREATE TABLE runbook.events')
    const url = await freshDatabase('print')
    await sql(url, script)
    const team = teamWorkspace(url)
    expect(await team.json(['store', 'migrate'])).toMatchObject({applied: [], version: 1})
    await openIncident(team)
  })

  it('is chosen by store.url in runbook.yaml, and a password there is refused with the place to put it instead', async () => {
    const url = await migratedDatabase('yaml')
    const workspace = tempDir()
    writeFileSync(join(workspace, 'runbook.yaml'), `organization:\n  name: Team\nstore:\n  url: ${url}\n`)
    const opened = await runCli(['incident', 'open', '--playbook', 'ransomware'], {workspace})
    expect(opened.code, opened.stderr).toBe(0)
    const id = opened.stdout.trim()
    expect((await sql(url, 'SELECT count(*)::int AS n FROM runbook.events WHERE incident = $1', [id]))[0]!.n).toBeGreaterThan(0)
    writeFileSync(join(workspace, 'runbook.yaml'), `organization:\n  name: Team\nstore:\n  url: ${url.replace('@', ':s3cret@')}\n`)
    const refused = await runCli(['incident', 'list'], {workspace})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('store.url')
    expect(refused.stderr).toContain('a password does not belong in runbook.yaml')
    expect(refused.stderr).toContain('~/.pgpass')
    expect(refused.stderr).not.toContain('s3cret')
  })

  it('a responder role with only the documented GRANTs records events, its session_user beside the claimed actor, and can neither update nor delete', async () => {
    // Roles are cluster-wide: only this test creates these, in a database named as the documentation names it.
    await sql(pgUrl(), 'DROP DATABASE IF EXISTS runbook')
    await sql(pgUrl(), 'DROP ROLE IF EXISTS anna')
    await sql(pgUrl(), 'DROP ROLE IF EXISTS runbook_responder')
    await sql(pgUrl(), 'DROP ROLE IF EXISTS runbook_owner')
    for (const statement of documentedSql('setup.sql')
      .split(/;\s*\n/)
      .filter((s) => s.replace(/--.*$/gm, '').trim()))
      await sql(pgUrl(), statement)
    const owner = teamWorkspace(pgUrl('runbook', 'runbook_owner'))
    expect((await owner.run(['store', 'migrate'])).code).toBe(0)
    await sql(pgUrl('runbook'), documentedSql('grants.sql'))

    const anna = teamWorkspace(pgUrl('runbook', 'anna'))
    const migrate = await anna.run(['store', 'migrate'])
    expect(migrate.code).toBe(0) // Nothing to do: a responder may run it and learn the schema is current.
    const id = await openIncident(anna)
    expect((await anna.run(['note', 'from the responder role'], 'Anna Weber')).code).toBe(0)
    const rows = await sql<{db_user: string; line: string}>(pgUrl('runbook'), 'SELECT db_user, line FROM runbook.events WHERE incident = $1 ORDER BY seq', [id])
    expect(rows.every((r) => r.db_user === 'anna')).toBe(true)
    expect(JSON.parse(rows.at(-1)!.line)).toMatchObject({actor: 'Anna Weber', dbUser: 'anna'})

    for (const statement of ['UPDATE runbook.events SET line = line', 'DELETE FROM runbook.events', 'TRUNCATE runbook.events']) {
      await expect(sql(pgUrl('runbook', 'anna'), statement), statement).rejects.toThrow(/permission denied/)
      // The owner may, by privilege; the trigger refuses all the same.
      await expect(sql(pgUrl('runbook', 'runbook_owner'), statement), statement).rejects.toThrow(/append-only/)
    }
    // A row the server stamps: a client cannot claim another database user.
    await sql(
      pgUrl('runbook', 'anna'),
      "INSERT INTO runbook.events (incident, seq, event_id, line, db_user) VALUES ('inc-forged', 1, NULL, '{\"seq\":1}', 'someone_else')",
    )
    expect((await sql<{db_user: string}>(pgUrl('runbook'), "SELECT db_user FROM runbook.events WHERE incident = 'inc-forged'"))[0]!.db_user).toBe('anna')
    expect(await anna.json(['verify', id])).toMatchObject({ok: true})
  })

  it('verify names the first event a superuser altered behind the trigger', async () => {
    const url = await migratedDatabase('tamper')
    const team = teamWorkspace(url)
    const id = await openIncident(team)
    for (const text of ['one', 'two', 'three']) expect((await team.run(['note', text])).code).toBe(0)
    expect(await team.json(['verify'])).toMatchObject({ok: true, events: 5})
    await sql(
      url,
      `SET session_replication_role = replica; UPDATE runbook.events SET line = replace(line, '"text":"two"', '"text":"too"') WHERE incident = '${id}' AND seq = 4`,
    )
    const result = await team.run(['verify', id])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`incident ${id}, event 4: event 4 does not match its hash`)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    // A deleted event is named too.
    await sql(url, `SET session_replication_role = replica; DELETE FROM runbook.events WHERE incident = '${id}' AND seq = 2`)
    const deleted = await team.run(['verify', id])
    expect(deleted.code).toBe(1)
    expect(deleted.stderr).toContain('event 2 has sequence number 3, expected 2')
  })

  it('store copy moves incidents from files to the database and back with every byte and hash kept, and verifies them', async () => {
    const url = await migratedDatabase('copy')
    const files = tempDir()
    const opened = await runCli(['incident', 'open', '--playbook', 'ransomware', '--aware-at', '2026-03-28T20:00Z'], {workspace: files})
    const id = opened.stdout.trim()
    await runCli(['note', 'Grüße from the file store', '--incident', id], {workspace: files})
    const original = readFileSync(join(files, 'incidents', id, 'events.jsonl'))

    const to = await runJson<{incidents: {id: string; result: string; events: number}[]}>(['store', 'copy', '--to', url], {workspace: files})
    expect(to.incidents).toEqual([expect.objectContaining({id, result: 'copied', events: 3})])
    const team = teamWorkspace(url)
    expect(await team.json(['verify', id])).toMatchObject({ok: true, events: 3, lastHash: verifyLog(original).lastHash})
    // Run again: already there, nothing changed.
    expect((await runJson<{incidents: {result: string}[]}>(['store', 'copy', '--to', url], {workspace: files})).incidents[0]!.result).toBe('already there')

    const back = tempDir()
    const from = await runCli(['store', 'copy', '--from', url, id], {workspace: back})
    expect(from.code, from.stderr).toBe(0)
    expect(from.stdout).toContain(`copied  ${id}: 3 events, verified`)
    expect(readFileSync(join(back, 'incidents', id, 'events.jsonl'))).toEqual(original)

    // The database copy moves on; copying the older file record over it is refused, and nothing is touched.
    expect((await team.run(['note', 'only in the database', '--incident', id])).code).toBe(0)
    const conflict = await runCli(['store', 'copy', '--to', url, id], {workspace: files})
    expect(conflict.code).toBe(1)
    expect(conflict.stdout).toContain(`not copied  ${id}: it already exists at the destination with different events`)
    expect(await team.json(['verify', id])).toMatchObject({ok: true, events: 4})
  })

  it('a server that is not there: a clear message and exit 1 from the real process, never a stack trace', async () => {
    const workspace = tempDir()
    for (const args of [['status', '--json'], ['watch']]) {
      const result = spawnCli(args, {workspace, env: {RUNBOOK_DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/runbook'}})
      expect(result.code, args.join(' ')).toBe(1)
      const said = result.stderr + result.stdout
      expect(said).toContain('cannot reach the PostgreSQL server at postgresql://nobody@127.0.0.1:9/runbook')
      expect(said).not.toMatch(/\n\s+at |ECONNREFUSED|Error: connect/)
    }
    const note = await runCli(['note', 'hello'], {workspace, env: {RUNBOOK_DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/runbook'}})
    expect(note.code).toBe(1)
    expect(note.stderr).toContain('cannot reach the PostgreSQL server')
  })
})

onPostgres('an append whose connection breaks around its commit', () => {
  let proxy: CommitBreaker
  let url: string
  beforeAll(async () => {
    url = await migratedDatabase('ambiguous')
    proxy = await commitBreaker(Number(new URL(url).port))
  })
  afterAll(async () => {
    await proxy?.close()
  })

  it('after the server committed: the writer learns it from the event ids and records nothing twice', async () => {
    const database = new URL(url).pathname.slice(1)
    const store = new PgIncidentStore(proxy.url(database, new URL(url).username), {now: () => new Date()})
    try {
      await store.create('inc-commit', openDrafts())
      const broke = proxy.breakNextCommit('after')
      const [event] = await store.append('inc-commit', [{type: 'note.added', actor: 'a', payload: {text: 'exactly once'}}])
      await broke
      const rows = await sql<{line: string}>(url, "SELECT line FROM runbook.events WHERE incident = 'inc-commit' ORDER BY seq")
      expect(rows.filter((r) => r.line.includes('exactly once'))).toHaveLength(1)
      expect(JSON.parse(rows.at(-1)!.line)).toEqual(event)
      expect(verifyLog(await store.rawLog('inc-commit'))).toMatchObject({ok: true, events: rows.length})
    } finally {
      await store.close()
    }
  })

  it('before the commit reached the server: nothing was recorded, so the writer records it once on a new connection', async () => {
    const database = new URL(url).pathname.slice(1)
    const store = new PgIncidentStore(proxy.url(database, new URL(url).username), {now: () => new Date()})
    try {
      await store.create('inc-nocommit', openDrafts())
      const broke = proxy.breakNextCommit('before')
      const [event] = await store.append('inc-nocommit', [{type: 'note.added', actor: 'a', payload: {text: 'once, after a retry'}}])
      await broke
      const rows = await sql<{line: string}>(url, "SELECT line FROM runbook.events WHERE incident = 'inc-nocommit' ORDER BY seq")
      expect(rows.filter((r) => r.line.includes('once, after a retry'))).toHaveLength(1)
      expect(JSON.parse(rows.at(-1)!.line)).toEqual(event)
    } finally {
      await store.close()
    }
  })
})

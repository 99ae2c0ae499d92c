import {randomUUID} from 'node:crypto'
import {readFileSync} from 'node:fs'
import type {Client} from 'pg'
import {OperationalError, UserError} from '../../core/errors.js'
import {isDrillId, DRILL_ID_PREFIX} from '../../core/exercise.js'
import {EMPTY_TAIL, sealEvents, tailOf, type ChainTail} from '../../core/incident/chain.js'
import {isStoredEvent, type EventDraft, type StoredEvent} from '../../core/incident/events.js'
import {fold} from '../../core/incident/state.js'
import {LogMovedError, type AppendExpectation} from '../event-log.js'
import {writeCacheFile} from '../files.js'
import {checkIncidentId, summarise, type DamagedIncident, type IncidentStore, type IncidentSummary, type LoadedIncident} from '../incidents.js'
import {connect, explain, isConnectionLoss, MIGRATE_HINT, newClient, targetOf} from './connection.js'
import {SCHEMA_VERSION} from './migrations.js'

let schemas: Promise<typeof import('../../core/incident/event-schema.js')> | undefined
const loadSchemas = () => (schemas ??= import('../../core/incident/event-schema.js'))

/** How long a writer whose connection broke during its commit keeps trying to learn whether its events were recorded. */
const SETTLE_WAIT_MS = 15_000
/** Appends that come close together give one call to a subscriber. */
const SETTLE_MS = 50

/** A cached summary is the incident's while its last event is the same one (rows are only ever added). */
interface SummaryEntry {
  seq: number
  hash: string
  summary: IncidentSummary
}

interface Session {
  client: Client
  /** The database's name for the role this process logged in as (session_user). */
  user: string
}

/**
 * Incidents in PostgreSQL: table runbook.events, one row per event holding its canonical JSON line, primary key
 * (incident, seq). The same events, lines and hash chain as the file store, so `verify` reads both alike.
 *
 * An append takes the incident's advisory lock in its transaction, reads the tail, inserts the chained events and
 * commits (synchronous_commit on); it is acknowledged only after the commit returns. Every event carries an id made
 * here before sending, unique in the table: when the connection breaks during the commit, the writer reconnects and
 * looks the ids up, so an append retried after an ambiguous failure is never recorded twice.
 */
export class PgIncidentStore implements IncidentStore {
  private session?: Promise<Session>
  /** The session once open (to drop exactly the one that broke). */
  private current?: Session
  private label?: string
  /** One statement or transaction at a time on the connection, however many callers (runbook serve has several). */
  private turn: Promise<unknown> = Promise.resolve()
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly url: string,
    private readonly options: {
      now: () => Date
      /**
       * A file in the workspace's cache where lists keep each incident's summary with its last event: a list then reads
       * one row per incident, and the events only of incidents that changed since (before, every command that looked
       * for the open incident read and folded every event in the database).
       */
      summaryCache?: string
    },
  ) {}

  /** The database as messages name it (user, host, port, database), without connecting. */
  private async target(): Promise<string> {
    this.label ??= targetOf(this.url, await newClient(this.url)).label
    return this.label
  }

  /** The connection, opened on first use and checked against the schema version this runbook needs. */
  private connection(): Promise<Session> {
    this.session ??= this.open().then(
      (session) => (this.current = session),
      (error: unknown) => {
        this.session = undefined
        throw error
      },
    )
    return this.session
  }

  private async open(): Promise<Session> {
    const client = await connect(this.url)
    const target = targetOf(this.url, client)
    try {
      const row = (
        await client.query<{user: string; version: number | null}>(
          'SELECT session_user::text AS user, (SELECT max(version) FROM runbook.schema_migrations) AS version',
        )
      ).rows[0]!
      const version = row.version ?? 0
      if (version < SCHEMA_VERSION) {
        throw new OperationalError(
          version === 0
            ? `the database at ${target.label} is not set up for runbook yet`
            : `the database at ${target.label} is at schema version ${version}; this runbook needs ${SCHEMA_VERSION}`,
          {hint: MIGRATE_HINT},
        )
      }
      if (version > SCHEMA_VERSION) {
        throw new OperationalError(
          `the database at ${target.label} was migrated by a newer runbook (schema version ${version}; this one knows ${SCHEMA_VERSION})`,
          {
            hint: 'Upgrade runbook on this machine.',
          },
        )
      }
      return {client, user: row.user}
    } catch (error) {
      await client.end().catch(() => {})
      throw explain(error, target)
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work)
    this.turn = run.catch(() => {})
    return run
  }

  private drop(session: Session | undefined): void {
    if (!session) return
    if (this.current === session) {
      this.current = undefined
      this.session = undefined
    }
    session.client.end().catch(() => {})
  }

  /**
   * Runs a read. A connection that broke while idle (a server restart since the last use) is opened again once: a
   * read has no effect to be unsure about.
   */
  private async read<R extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> {
    for (let attempt = 1; ; attempt++) {
      let session: Session | undefined
      try {
        const current = (session = await this.connection())
        return (await this.exclusive(() => current.client.query<R>(sql, params))).rows
      } catch (error) {
        if (!isConnectionLoss(error) || !session || attempt > 1) {
          if (isConnectionLoss(error)) this.drop(session)
          throw explain(error, {url: this.url, label: await this.target()}, 'read from')
        }
        this.drop(session)
      }
    }
  }

  async where(id: string, seq?: number): Promise<string> {
    const base = `${await this.target()}, incident ${id}`
    return seq === undefined ? base : `${base}, event ${seq}`
  }

  async exists(id: string): Promise<boolean> {
    checkIncidentId(id)
    return (await this.read('SELECT 1 FROM runbook.events WHERE incident = $1 LIMIT 1', [id])).length > 0
  }

  private async lines(id: string): Promise<string[]> {
    checkIncidentId(id)
    return (await this.read<{line: string}>('SELECT line FROM runbook.events WHERE incident = $1 ORDER BY seq', [id])).map((r) => r.line)
  }

  private async parse(id: string, lines: readonly string[]): Promise<StoredEvent[]> {
    const events: StoredEvent[] = []
    for (const [i, line] of lines.entries()) {
      const parsed = safeJson(line)
      if (!isStoredEvent(parsed)) {
        throw new OperationalError(`${await this.where(id, i + 1)} is not a valid event: the record was edited or damaged`, {
          hint: `Run \`runbook verify ${id}\` to see the first bad event.`,
        })
      }
      events.push(parsed)
    }
    return events
  }

  async load(id: string): Promise<LoadedIncident> {
    const lines = await this.lines(id)
    if (lines.length === 0) throw await this.unknown(id)
    const events = await this.parse(id, lines)
    try {
      return {events, state: fold(events)}
    } catch {
      throw new OperationalError(`${await this.where(id, 1)} is not the incident's opening event: the record was edited or damaged`, {
        hint: `Run \`runbook verify ${id}\`.`,
      })
    }
  }

  private async unknown(id: string): Promise<UserError> {
    const known = (await this.read<{incident: string}>('SELECT DISTINCT incident FROM runbook.events ORDER BY incident LIMIT 50', [])).map((r) => r.incident)
    return new UserError(`unknown incident "${id}" in ${await this.target()}${known.length ? `. Known: ${known.join(', ')}` : ': it holds no incidents yet'}`, {
      hint: known.length ? 'Run `runbook incident list` to see them.' : 'Open one with `runbook start PLAYBOOK` or `runbook incident open --playbook ID`.',
    })
  }

  async list(options: {drills?: boolean} = {}): Promise<{incidents: IncidentSummary[]; damaged: DamagedIncident[]}> {
    const cache = this.readSummaryCache()
    // Each incident's last event: its number from the primary key, its hash from that one row.
    const heads = await this.read<{incident: string; seq: number; hash: string}>(
      `SELECT h.incident, h.seq, e.line::json ->> 'hash' AS hash
         FROM (SELECT incident, max(seq) AS seq FROM runbook.events ${options.drills ? '' : 'WHERE left(incident, length($1)) <> $1'} GROUP BY incident) h
         JOIN runbook.events e USING (incident, seq)
        ORDER BY h.incident`,
      options.drills ? [] : [DRILL_ID_PREFIX],
    )
    const wanted = heads.filter((h) => options.drills || !isDrillId(h.incident))
    const changed = wanted.filter((h) => {
      const cached = cache[h.incident]
      return !cached || cached.seq !== Number(h.seq) || cached.hash !== h.hash
    })
    const byIncident = new Map<string, string[]>()
    if (changed.length > 0) {
      const rows = await this.read<{incident: string; line: string}>(
        'SELECT incident, line FROM runbook.events WHERE incident = ANY($1) ORDER BY incident, seq',
        [changed.map((h) => h.incident)],
      )
      for (const row of rows) {
        const lines = byIncident.get(row.incident) ?? []
        lines.push(row.line)
        byIncident.set(row.incident, lines)
      }
    }
    const incidents: IncidentSummary[] = []
    const damaged: DamagedIncident[] = []
    for (const head of wanted) {
      const lines = byIncident.get(head.incident)
      if (!lines) {
        incidents.push(cache[head.incident]!.summary)
        continue
      }
      try {
        const events = await this.parse(head.incident, lines)
        const summary = summarise(fold(events))
        const last = events.at(-1)!
        cache[head.incident] = {seq: last.seq, hash: last.hash, summary}
        incidents.push(summary)
      } catch (error) {
        delete cache[head.incident]
        damaged.push({id: head.incident, where: await this.where(head.incident), problem: error instanceof Error ? error.message : String(error)})
      }
    }
    if (changed.length > 0) this.writeSummaryCache(cache)
    return {incidents, damaged}
  }

  private readSummaryCache(): Record<string, SummaryEntry> {
    if (!this.options.summaryCache) return {}
    try {
      return JSON.parse(readFileSync(this.options.summaryCache, 'utf8')) as Record<string, SummaryEntry>
    } catch {
      // No cache yet, or an unreadable one: the summaries are made from the events.
      return {}
    }
  }

  private writeSummaryCache(cache: Record<string, SummaryEntry>): void {
    if (!this.options.summaryCache) return
    try {
      writeCacheFile(this.options.summaryCache, JSON.stringify(cache))
    } catch {
      // A read-only workspace lists without the cache.
    }
  }

  async create(id: string, drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    checkIncidentId(id)
    return this.write(id, drafts, 'create')
  }

  async append(id: string, drafts: readonly EventDraft[], expect: AppendExpectation = {}): Promise<StoredEvent[]> {
    checkIncidentId(id)
    return this.write(id, drafts, 'append', expect)
  }

  /** One index lookup (the primary key's last entry for the incident), however long the record. */
  async lastSeq(id: string): Promise<number> {
    checkIncidentId(id)
    const [row] = await this.read<{seq: number | null}>('SELECT max(seq) AS seq FROM runbook.events WHERE incident = $1', [id])
    if (row?.seq === null || row?.seq === undefined) throw await this.unknown(id)
    return Number(row.seq)
  }

  /**
   * One write. The events are named before the first attempt, so when the connection breaks during the commit (the
   * outcome unknown), the writer waits for the server and looks the ids up: there, the write is done; absent, it is
   * made again. A break before the commit was sent recorded nothing, and is tried once more on a new connection.
   */
  private async write(id: string, drafts: readonly EventDraft[], mode: 'create' | 'append', expect: AppendExpectation = {}): Promise<StoredEvent[]> {
    const {checkDraft} = await loadSchemas()
    for (const draft of drafts) checkDraft(draft)
    if (drafts.length === 0) return []
    const named = drafts.map((d) => (d.id ? d : ({...d, id: randomUUID()} as EventDraft)))
    const ids = named.map((d) => d.id!)
    const doing = mode === 'create' ? 'record the incident at' : 'record at'
    let brokenBeforeCommit = 0
    let unsure: unknown
    const started = performance.now()
    for (let attempt = 1; ; attempt++) {
      let session: Session | undefined
      const progress = {commitSent: false}
      try {
        const current = (session = await this.connection())
        return await this.exclusive(async () => {
          if (unsure) {
            // The last attempt's commit may have happened: look before writing again.
            const found = await this.findByIds(current, id, ids)
            if (found.length === ids.length) return found
            unsure = undefined
          }
          return this.writeOnce(current, id, named, mode, progress, expect)
        })
      } catch (error) {
        if (error instanceof NoSuchIncident) throw await this.unknown(id)
        if (!isConnectionLoss(error)) throw explain(error, {url: this.url, label: await this.target()}, doing)
        this.drop(session)
        if (progress.commitSent) unsure = error
        else if (!unsure && ++brokenBeforeCommit > 1) throw explain(error, {url: this.url, label: await this.target()}, doing)
        if (unsure && performance.now() - started > SETTLE_WAIT_MS) throw await this.unsettled(unsure, id, ids)
        await new Promise((resolve) => setTimeout(resolve, unsure ? Math.min(500, 25 * attempt) : 0))
      }
    }
  }

  private async unsettled(error: unknown, id: string, ids: readonly string[]): Promise<UserError> {
    return new OperationalError(
      `lost the connection to the PostgreSQL server at ${await this.target()} while committing to incident ${id}, and could not reach it again to learn whether the events were recorded (${(error as Error).message})`,
      {hint: `When the server is back, \`runbook timeline ${id} --json\` shows whether they were (event ids ${ids.join(', ')}); record again only if not.`},
    )
  }

  /** The events of this incident with these ids, in order. */
  private async findByIds(session: Session, id: string, ids: readonly string[]): Promise<StoredEvent[]> {
    const rows = (
      await session.client.query<{line: string}>('SELECT line FROM runbook.events WHERE incident = $1 AND event_id = ANY($2::text[]) ORDER BY seq', [id, ids])
    ).rows
    return rows.map((r) => JSON.parse(r.line) as StoredEvent)
  }

  private async writeOnce(
    session: Session,
    id: string,
    drafts: readonly EventDraft[],
    mode: 'create' | 'append',
    progress: {commitSent: boolean},
    expect: AppendExpectation = {},
  ): Promise<StoredEvent[]> {
    const {client} = session
    try {
      const tailRow = await beginAtTail(client, id)
      let tail: ChainTail = EMPTY_TAIL
      if (mode === 'create' && tailRow) throw new UserError(`incident ${id} already exists in ${await this.target()}`)
      if (mode === 'append') {
        if (!tailRow) throw new NoSuchIncident()
        const last = safeJson(tailRow.line)
        if (!isStoredEvent(last)) {
          throw new OperationalError(`the last event of incident ${id} in ${await this.target()} is damaged; nothing new was recorded`, {
            hint: `Run \`runbook verify ${id}\` to see the first bad event.`,
          })
        }
        tail = tailOf(last)
        // Checked under the incident's lock: nobody can append between this look and the commit.
        if (expect.afterSeq !== undefined && expect.afterSeq !== last.seq) throw new LogMovedError(await this.where(id), expect.afterSeq, last.seq)
      }
      const sealed = sealEvents(drafts, tail, {recordedAt: this.options.now().toISOString(), newId: randomUUID, dbUser: session.user})
      // Insert and commit in one message: the incident's lock is held for one round trip less.
      progress.commitSent = true
      await client.query(
        `${insertStatement(
          id,
          sealed.map((s) => ({seq: s.event.seq, id: s.event.id ?? null, line: s.line})),
        )}; COMMIT`,
      )
      return sealed.map((s) => s.event)
    } catch (error) {
      if (isConnectionLoss(error)) throw error
      await client.query('ROLLBACK').catch(() => {})
      // Named events already recorded: a retry of an append whose outcome its writer never learnt.
      if ((error as {constraint?: string}).constraint === 'events_event_id_key') {
        const found = await this.findByIds(
          session,
          id,
          drafts.map((d) => d.id!),
        )
        if (found.length === drafts.length) return found
        throw new OperationalError('some of the event ids in this append are already recorded and some are not; nothing was recorded', {
          hint: 'An event id names one event: give new events new ids (or none, and the store makes them).',
        })
      }
      throw error
    }
  }

  async rawLog(id: string): Promise<Buffer> {
    const lines = await this.lines(id)
    if (lines.length === 0) throw await this.unknown(id)
    return Buffer.from(lines.map((l) => l + '\n').join(''))
  }

  async importLog(id: string, log: Buffer): Promise<void> {
    checkIncidentId(id)
    const text = log.toString('utf8')
    if (!Buffer.from(text).equals(log)) throw new UserError(`the record of incident ${id} is not valid UTF-8; it cannot be copied byte for byte`, {exitCode: 1})
    if (!text.endsWith('\n'))
      throw new UserError(`the record of incident ${id} ends with an incomplete line; repair it first (runbook incident repair)`, {exitCode: 1})
    const rows = text
      .slice(0, -1)
      .split('\n')
      .map((line, i) => {
        const event = safeJson(line)
        if (!isStoredEvent(event)) throw new UserError(`event ${i + 1} of incident ${id} is not an event; verify it first`, {exitCode: 1})
        return {seq: event.seq, id: event.id ?? null, line}
      })
    const session = await this.connection()
    const {client} = session
    const label = await this.target()
    await this.exclusive(async () => {
      try {
        await client.query('BEGIN')
        await lockIncident(client, id)
        const present = await client.query('SELECT 1 FROM runbook.events WHERE incident = $1 LIMIT 1', [id])
        if (present.rows.length > 0) throw new UserError(`incident ${id} already exists in ${label}`)
        for (let i = 0; i < rows.length; i += 1000) await insert(client, id, rows.slice(i, i + 1000))
        await client.query('COMMIT')
      } catch (error) {
        if (isConnectionLoss(error)) this.drop(session)
        else await client.query('ROLLBACK').catch(() => {})
        throw explain(error, {url: this.url, label}, 'copy to')
      }
    })
  }

  async tornTail(id: string): Promise<null> {
    // A transaction is all or nothing: there is never half an event to move aside.
    if (!(await this.exists(id))) throw await this.unknown(id)
    return null
  }

  async repairTornTail(id: string): Promise<null> {
    return this.tornTail(id)
  }

  /** Each (incident, seq) is stored once, so a database record cannot fork. */
  async repairFork(id: string): Promise<null> {
    if (!(await this.exists(id))) throw await this.unknown(id)
    return null
  }

  async subscribe(id: string, onAppend: () => void): Promise<() => Promise<void>> {
    if (!(await this.exists(id))) throw await this.unknown(id)
    const listener = new Listener(this.url, id, onAppend)
    await listener.start()
    this.listeners.add(listener)
    return async () => {
      this.listeners.delete(listener)
      await listener.stop()
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((l) => l.stop()))
    this.listeners.clear()
    const session = await this.session?.catch(() => undefined)
    this.session = undefined
    this.current = undefined
    await session?.client.end().catch(() => {})
  }
}

/** An append to an incident the database does not hold (named once the transaction is over). */
class NoSuchIncident extends Error {}

/** Serialises writers of one incident until the transaction ends (no privilege needed, unlike a row lock). */
async function lockIncident(client: Client, id: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended('runbook.events:' || $1, 0))", [id])
}

/**
 * Starts a transaction, takes the incident's lock and reads its last event, in one round trip (the lock is held for
 * less time). Each statement reads afresh (READ COMMITTED), so the tail is read after the lock is granted: the last
 * holder's events are there. The id is a checked incident id, and quoted all the same.
 */
async function beginAtTail(client: Client, id: string): Promise<{line: string} | undefined> {
  const incident = escapeLiteral(checkIncidentId(id))
  const results = (await client.query(
    `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('runbook.events:' || ${incident}, 0)); SELECT line FROM runbook.events WHERE incident = ${incident} ORDER BY seq DESC LIMIT 1`,
  )) as unknown as {rows: {line: string}[]}[]
  return results[2]?.rows[0]
}

/**
 * A string as an SQL literal, right whatever standard_conforming_strings says: quotes doubled, and where there is a
 * backslash, an E'' string with backslashes doubled (as the driver's escapeLiteral writes it).
 */
function escapeLiteral(text: string): string {
  const quoted = text.replace(/'/g, "''")
  return text.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`
}

/** One INSERT of whole rows, as literals (sent with its COMMIT as one simple query). */
function insertStatement(id: string, rows: readonly {seq: number; id: string | null; line: string}[]): string {
  const values = rows.map((r) => `(${escapeLiteral(id)}, ${Number(r.seq)}, ${r.id === null ? 'NULL' : escapeLiteral(r.id)}, ${escapeLiteral(r.line)})`)
  return `INSERT INTO runbook.events (incident, seq, event_id, line) VALUES ${values.join(', ')}`
}

async function insert(client: Client, id: string, rows: readonly {seq: number; id: string | null; line: string}[]): Promise<void> {
  await client.query('INSERT INTO runbook.events (incident, seq, event_id, line) SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[])', [
    id,
    rows.map((r) => r.seq),
    rows.map((r) => r.id),
    rows.map((r) => r.line),
  ])
}

/**
 * LISTEN on its own connection: calls back (coalesced) when an append to the incident commits. A connection that
 * breaks (a server restart) is opened again, and the callback runs once then, since appends may have been missed.
 */
class Listener {
  private client?: Client
  private stopped = false
  private timer?: NodeJS.Timeout
  private retry?: NodeJS.Timeout

  constructor(
    private readonly url: string,
    private readonly id: string,
    private readonly onAppend: () => void,
  ) {}

  async start(): Promise<void> {
    const client = await connect(this.url)
    client.on('notification', (message) => {
      if (message.payload === this.id) this.schedule()
    })
    const lost = () => this.lost(client)
    client.on('error', lost)
    client.on('end', lost)
    try {
      await client.query('LISTEN runbook_events')
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    if (this.stopped) await client.end().catch(() => {})
    else this.client = client
  }

  private schedule(): void {
    if (this.stopped) return
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      if (!this.stopped) this.onAppend()
    }, SETTLE_MS)
  }

  private lost(client: Client): void {
    if (this.stopped || this.client !== client) return
    this.client = undefined
    client.end().catch(() => {})
    this.retryAfter(100)
  }

  private retryAfter(delay: number): void {
    this.retry = setTimeout(() => {
      this.retry = undefined
      if (this.stopped) return
      this.start().then(
        () => this.schedule(),
        () => this.retryAfter(Math.min(delay * 2, 2000)),
      )
    }, delay)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    if (this.retry) clearTimeout(this.retry)
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => {})
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

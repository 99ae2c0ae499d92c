import type {Client} from 'pg'
import {sha256} from '../../core/incident/chain.js'
import {OperationalError} from '../../core/errors.js'
import {connect, explain, targetOf, type Target} from './connection.js'

/**
 * The database schema, as numbered SQL migrations. `runbook store migrate` applies the ones a database lacks, in order,
 * in one transaction; runbook never changes a schema on its own at start-up. A migration is never edited once released:
 * a change is a new one.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
DO $$
BEGIN
  IF (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()) <> 'UTF8' THEN
    RAISE EXCEPTION 'runbook needs a database in UTF8 encoding'
      USING HINT = 'CREATE DATABASE runbook ENCODING ''UTF8'' TEMPLATE template0';
  END IF;
END $$;

CREATE SCHEMA IF NOT EXISTS runbook;

CREATE TABLE runbook.schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  sha256 text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by name NOT NULL DEFAULT session_user
);

-- One row per event. line is the event as canonical JSON, exactly the bytes its hash covers and verify reads; the
-- other columns are for finding rows. Each incident's events are numbered 1, 2, 3... and chained by hash.
CREATE TABLE runbook.events (
  incident text NOT NULL CHECK (incident ~ '^[a-z0-9][a-z0-9-]{2,80}$'),
  seq integer NOT NULL CHECK (seq > 0),
  event_id text UNIQUE,
  line text NOT NULL,
  db_user name NOT NULL DEFAULT session_user,
  inserted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (incident, seq),
  CONSTRAINT events_line_matches CHECK ((line::json ->> 'seq')::integer = seq AND event_id IS NOT DISTINCT FROM (line::json ->> 'id'))
);
COMMENT ON TABLE runbook.events IS 'runbook incident events: append-only, hash-chained per incident (runbook verify checks them)';
COMMENT ON COLUMN runbook.events.db_user IS 'the database role that inserted the row (set by the server, whatever the client sent)';

-- Who inserted a row is the server's word, not the client's.
CREATE FUNCTION runbook.events_stamp() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.db_user := session_user;
  NEW.inserted_at := clock_timestamp();
  RETURN NEW;
END
$f$;
CREATE TRIGGER events_stamp BEFORE INSERT ON runbook.events FOR EACH ROW EXECUTE FUNCTION runbook.events_stamp();

-- Append-only, whatever the role's privileges: a correction is a new event.
CREATE FUNCTION runbook.events_refuse() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'runbook.events is append-only: % refused', TG_OP
    USING HINT = 'Record a correction as a new event (runbook note, runbook fact set).';
END
$f$;
CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON runbook.events FOR EACH ROW EXECUTE FUNCTION runbook.events_refuse();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON runbook.events FOR EACH STATEMENT EXECUTE FUNCTION runbook.events_refuse();

-- Live views (runbook watch) hear of every append when it commits; the payload is the incident id.
CREATE FUNCTION runbook.events_notify() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify('runbook_events', NEW.incident);
  RETURN NULL;
END
$f$;
CREATE TRIGGER events_notify AFTER INSERT ON runbook.events FOR EACH ROW EXECUTE FUNCTION runbook.events_notify();
`,
  },
]

/** The schema version this runbook reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version

/** Only one migration runs at a time on a database (any fixed number, the same for every runbook). */
const MIGRATE_LOCK = 7_262_010_215

/** The migrations as one script a DBA can review and apply by hand (psql -1 -f), recording each as applied. */
export function migrationScript(): string {
  const parts = MIGRATIONS.map(
    (m) =>
      `-- runbook migration ${m.version}: ${m.name}\n${m.sql.trim()}\n\nINSERT INTO runbook.schema_migrations (version, name, sha256) VALUES (${m.version}, '${m.name}', '${sha256(m.sql)}');\n`,
  )
  return `BEGIN;\n\n${parts.join('\n')}\nCOMMIT;\n`
}

export interface MigrateResult {
  target: string
  applied: {version: number; name: string}[]
  version: number
}

/** Brings the database at `url` up to SCHEMA_VERSION in one transaction: every pending migration, or none. */
export async function migrate(url: string): Promise<MigrateResult> {
  const client = await connect(url)
  const target = targetOf(url, client)
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK])
    const done = await appliedVersions(client)
    const newest = Math.max(0, ...done.keys())
    if (newest > SCHEMA_VERSION) {
      throw new OperationalError(`the database at ${target.label} is at schema version ${newest}, newer than this runbook knows (${SCHEMA_VERSION})`, {
        hint: 'Upgrade runbook; nothing was changed.',
      })
    }
    for (const [version, recorded] of done) {
      const known = MIGRATIONS.find((m) => m.version === version)
      if (known && sha256(known.sql) !== recorded) {
        throw new OperationalError(`migration ${version} applied at ${target.label} differs from this runbook's`, {
          hint: 'The schema was changed by hand or by another build of runbook; nothing was changed. Compare with `runbook store migrate --print`.',
        })
      }
    }
    const pending = MIGRATIONS.filter((m) => !done.has(m.version))
    for (const m of pending) {
      await client.query(m.sql)
      await client.query('INSERT INTO runbook.schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [m.version, m.name, sha256(m.sql)])
    }
    await client.query('COMMIT')
    return {target: target.label, applied: pending.map(({version, name}) => ({version, name})), version: SCHEMA_VERSION}
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw explainMigration(error, target)
  } finally {
    await client.end().catch(() => {})
  }
}

async function appliedVersions(client: Client): Promise<Map<number, string>> {
  const exists = await client.query<{present: boolean}>("SELECT to_regclass('runbook.schema_migrations') IS NOT NULL AS present")
  if (!exists.rows[0]?.present) return new Map()
  const rows = await client.query<{version: number; sha256: string}>('SELECT version, sha256 FROM runbook.schema_migrations')
  return new Map(rows.rows.map((r) => [r.version, r.sha256]))
}

function explainMigration(error: unknown, target: Target) {
  const code = (error as {code?: string}).code
  if (code === '42501') {
    return new OperationalError(`the role used at ${target.label} may not create runbook's tables: ${(error as Error).message}; nothing was changed`, {
      hint: 'Run `runbook store migrate` as the database owner (PGUSER=owner), not as a responder role (docs/postgresql.md).',
    })
  }
  return explain(error, target, 'migrate')
}

// The schema in PostgreSQL's dialect, as the same numbered steps as SQLite's (../migrations.ts). The
// version applied is the row of `schema_version`; steps run at start under a session advisory lock, so
// processes starting at once apply each step exactly once (the others wait, then find nothing to do).
import { SCHEMA_VERSION as SQLITE_SCHEMA_VERSION } from '../migrations'
import { CAP_SETTING, type Client, type Pool } from './pool'

interface PostgresMigration {
  version: number
  name: string
  sql: string
}

/** The inbox condition (unread, not done, not snoozed) of a row in a trigger, as 1 or 0. */
const inInbox = (row: 'NEW' | 'OLD') => `(${row}.status = 'unread' AND ${row}.archived = 0 AND ${row}.snoozed_until IS NULL)::int`

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'notifications and tasks',
    sql: `
      CREATE TABLE notifications (
        id         bigserial PRIMARY KEY,
        user_id    text NOT NULL,
        title      text NOT NULL,
        content    text NOT NULL,
        type       text NOT NULL,
        link       text,
        source     text,
        created_at text NOT NULL,
        status     text NOT NULL DEFAULT 'unread'
      );
      CREATE INDEX notifications_by_user ON notifications (user_id, id);
      -- A row's id is drawn only once its user's transaction lock is held, so one user's rows become
      -- visible in id order whatever the number of writers: a reader that saw id N (SSE Last-Event-ID,
      -- a live push) can never later find a smaller one committed behind it. (The default's value is
      -- replaced: a gap, which ids may have.)
      CREATE FUNCTION notification_numbered() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('tidings:notifications:' || NEW.user_id));
        NEW.id := nextval('notifications_id_seq');
        RETURN NEW; END $$;
      CREATE TRIGGER notification_numbered BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION notification_numbered();
      CREATE TABLE tasks (
        seq          bigserial NOT NULL,
        task_id      text PRIMARY KEY,
        user_id      text NOT NULL,
        symbol       text NOT NULL,
        steps        text NOT NULL,
        step_ms      integer NOT NULL,
        fail_at_step integer,
        status       text NOT NULL,
        message      text NOT NULL,
        step         integer NOT NULL,
        progress     double precision NOT NULL,
        result       text,
        error        text,
        created_at   text NOT NULL,
        updated_at   text NOT NULL
      );
      CREATE INDEX tasks_by_user ON tasks (user_id, seq);
      CREATE INDEX tasks_by_symbol ON tasks (symbol);
    `,
  },
  {
    version: 2,
    name: 'per-user notification counts kept by triggers',
    sql: `
      CREATE TABLE notification_counts (user_id text PRIMARY KEY, stored integer NOT NULL);
      -- The upsert takes the user's count row lock until commit: concurrent inserts for one user, from
      -- any process, line up behind it, so the cap check that follows in the same transaction is exact.
      CREATE FUNCTION notification_counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO notification_counts (user_id, stored) VALUES (NEW.user_id, 1)
          ON CONFLICT (user_id) DO UPDATE SET stored = notification_counts.stored + 1;
        RETURN NULL; END $$;
      CREATE FUNCTION notification_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE notification_counts SET stored = stored - 1 WHERE user_id = OLD.user_id;
        RETURN NULL; END $$;
      CREATE TRIGGER notification_counted AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION notification_counted();
      CREATE TRIGGER notification_uncounted AFTER DELETE ON notifications FOR EACH ROW EXECUTE FUNCTION notification_uncounted();
    `,
  },
  {
    version: 3,
    name: 'sign-in sessions',
    sql: `
      CREATE TABLE sessions (
        sid        text PRIMARY KEY,
        user_id    text NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        revoked    smallint NOT NULL DEFAULT 0
      );
      CREATE INDEX sessions_by_user ON sessions (user_id, expires_at);
      CREATE INDEX sessions_by_end ON sessions (expires_at);
    `,
  },
  {
    version: 4,
    name: 'triage: done, snooze, an exact inbox unread count, preferences',
    sql: `
      ALTER TABLE notifications ADD COLUMN archived smallint NOT NULL DEFAULT 0;
      ALTER TABLE notifications ADD COLUMN snoozed_until bigint;
      ALTER TABLE notification_counts ADD COLUMN unread_inbox integer NOT NULL DEFAULT 0;
      -- Counts the row and, past the per-user cap, drops the user's oldest rows in the same transaction,
      -- while the upsert holds the user's count row: writers for one user take turns, so the cap is exact
      -- whatever the number of processes. The cap comes from the connection (${CAP_SETTING}, set by
      -- pool.ts from src/protocol), so it is not frozen into the schema; unset, nothing is pruned.
      CREATE OR REPLACE FUNCTION notification_counted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        kept integer;
        cap integer := coalesce(nullif(current_setting('${CAP_SETTING}', true), ''), '0')::integer;
      BEGIN
        INSERT INTO notification_counts (user_id, stored, unread_inbox) VALUES (NEW.user_id, 1, ${inInbox('NEW')})
          ON CONFLICT (user_id) DO UPDATE SET stored = notification_counts.stored + 1,
            unread_inbox = notification_counts.unread_inbox + excluded.unread_inbox
          RETURNING stored INTO kept;
        IF cap > 0 AND kept > cap THEN
          DELETE FROM notifications WHERE user_id = NEW.user_id AND id <= (
            SELECT id FROM notifications WHERE user_id = NEW.user_id ORDER BY id LIMIT 1 OFFSET kept - cap - 1);
        END IF;
        RETURN NULL;
      END $$;
      CREATE OR REPLACE FUNCTION notification_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE notification_counts SET stored = stored - 1, unread_inbox = unread_inbox - ${inInbox('OLD')}
          WHERE user_id = OLD.user_id;
        RETURN NULL; END $$;
      CREATE FUNCTION notification_recounted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE notification_counts SET unread_inbox = unread_inbox + ${inInbox('NEW')} - ${inInbox('OLD')}
          WHERE user_id = NEW.user_id;
        RETURN NULL; END $$;
      CREATE TRIGGER notification_recounted AFTER UPDATE OF status, archived, snoozed_until ON notifications
        FOR EACH ROW WHEN (${inInbox('NEW')} <> ${inInbox('OLD')}) EXECUTE FUNCTION notification_recounted();
      UPDATE notification_counts SET unread_inbox = (SELECT count(*) FROM notifications n
        WHERE n.user_id = notification_counts.user_id AND status = 'unread' AND archived = 0 AND snoozed_until IS NULL);
      CREATE INDEX notifications_by_view ON notifications (user_id, archived, snoozed_until, id);
      CREATE INDEX notifications_by_filter ON notifications (user_id, status, type, archived, snoozed_until, id);
      CREATE INDEX notifications_by_wake ON notifications (snoozed_until) WHERE snoozed_until IS NOT NULL;
      CREATE TABLE preferences (user_id text PRIMARY KEY, preferences text NOT NULL, updated_at text NOT NULL);
    `,
  },
  {
    version: 5,
    name: 'stable text keys of notifications (v1.2)',
    // The title's and content's keys and params as JSON (src/protocol/textKeys.ts); null for plain text.
    sql: 'ALTER TABLE notifications ADD COLUMN text_keys text',
  },
]

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version
if (POSTGRES_SCHEMA_VERSION !== SQLITE_SCHEMA_VERSION)
  throw new Error(`PostgreSQL schema steps end at ${POSTGRES_SCHEMA_VERSION}, SQLite's at ${SQLITE_SCHEMA_VERSION}: write the missing step`)

/** Any fixed 64-bit number, the same in every process of every build: "Tidings migrates". */
const MIGRATION_LOCK = 0x7469_6469_6E67

async function currentVersion(client: Client): Promise<number> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)')
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version')
  return rows[0]?.version ?? 0
}

/** Applies the steps the database lacks (each in its own transaction); returns the version it was at. */
export async function migratePostgres(pool: Pool): Promise<number> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      const current = await currentVersion(client)
      if (current > POSTGRES_SCHEMA_VERSION)
        throw new Error(`its schema is version ${current}, newer than this build's ${POSTGRES_SCHEMA_VERSION} (run a newer Tidings)`)
      for (const step of POSTGRES_MIGRATIONS) {
        if (step.version <= current)
          continue
        await client.query('BEGIN')
        try {
          await client.query(step.sql)
          await client.query('DELETE FROM schema_version')
          await client.query('INSERT INTO schema_version (version) VALUES ($1)', [step.version])
          await client.query('COMMIT')
        }
        catch (error) {
          await client.query('ROLLBACK')
          throw error
        }
      }
      return current
    }
    finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  }
  finally {
    client.release()
  }
}

import { z } from 'zod';

/**
 * Helpers shared by the Durable Objects: input checks at the RPC boundary, a versioned SQLite
 * schema, small JSON values in a `meta` table, and the one alarm that multiplexes due work.
 */

type JsonLeaf = string | number | boolean | null;
type JsonFlat = JsonLeaf | JsonLeaf[] | { [key: string]: JsonLeaf | JsonLeaf[] };
/**
 * A JSON value, three levels deep: what crosses an RPC boundary typed on both sides (`unknown`
 * turns into `never` there), yet finite, so that typed consumers such as Hono's c.json() can
 * check it. WeCom's event payloads are at most two levels deep.
 */
export type Json = JsonFlat | JsonFlat[] | { [key: string]: JsonFlat };

/**
 * Checks what an RPC caller passed. Throws a plain Error whose message names every problem: a
 * ZodError's message does not survive the RPC boundary, the caller would only read "ZodError".
 */
export function rpcInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new TypeError(`invalid ${what}: ${z.prettifyError(r.error)}`);
  return r.data;
}

/** What a collaborator reads rows through: the part of SqlStorage's cursor it uses. */
export interface SqlRows<T> {
  toArray(): T[];
  one(): T;
}

/**
 * The part of a Durable Object's SQLite the collaborators use. SqlStorage is one; Node tests pass
 * the same SQLite through node:sqlite (test/unit/support/sqlite.ts).
 */
export interface Sql {
  exec<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): SqlRows<T>;
}

/** SQL plus synchronous transactions: what DurableObjectStorage offers a collaborator. */
export interface SqlStore {
  readonly sql: Sql;
  transactionSync<T>(closure: () => T): T;
}

/**
 * Brings the object's SQLite schema up to date. `migrations[i]` takes the schema from version i
 * to i + 1; the version reached is kept in `meta`, so a deployed object with older data is
 * upgraded in place the first time the new code runs. Runs in the constructor (SQL is synchronous).
 */
export function migrate(storage: SqlStore, migrations: readonly string[]): void {
  const sql = storage.sql;
  sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").toArray()[0];
  const current = row ? Number(JSON.parse(row.value)) : 0;
  if (current > migrations.length) {
    throw new Error(`storage schema version ${current} is newer than this code knows (${migrations.length}); refusing to run older code on it`);
  }
  if (current === migrations.length) return;
  storage.transactionSync(() => {
    for (const step of migrations.slice(current)) sql.exec(step);
    sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", JSON.stringify(migrations.length));
  });
}

/** Small named JSON values (cursor, state, counters) in the `meta` table that migrate() creates. */
export class Meta {
  constructor(private readonly sql: Sql) {}

  get<T>(key: string): T | null {
    const row = this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0];
    return row ? (JSON.parse(row.value) as T) : null;
  }

  set(key: string, value: unknown): void {
    if (value === null || value === undefined) this.sql.exec('DELETE FROM meta WHERE key = ?', key);
    else this.sql.exec('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, JSON.stringify(value));
  }
}

const ALARM_AT = 'alarm_at';

/**
 * The object's single alarm. The time it was set for is kept beside it: when the alarm fires,
 * work due at or before max(now, that time) counts as due (tests fire alarms early to stand for
 * time passing). Due work itself lives in the object's tables; the alarm only says "look again".
 */
export class AlarmClock {
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly meta: Meta,
  ) {}

  /** The time the current (or just fired) alarm was set for. */
  setFor(): number | null {
    return this.meta.get<number>(ALARM_AT);
  }

  /** Makes sure the object wakes at `at` or earlier. */
  async wake(at: number): Promise<void> {
    const current = this.setFor();
    // A time in the past means that alarm has fired (or is running): it no longer stands for a future wake.
    if (current !== null && current <= at && current > Date.now()) return;
    // An alarm still pending at or before `at` covers this wake too; re-setting it on every
    // callback of a burst would cost a storage write each time.
    const pending = await this.storage.getAlarm();
    if (pending !== null && pending <= at) return;
    this.meta.set(ALARM_AT, at);
    await this.storage.setAlarm(at);
  }

  /** After a run: wake at `next`, or sleep when nothing is pending. */
  async rearm(next: number | null): Promise<void> {
    this.meta.set(ALARM_AT, next);
    if (next === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(next);
  }
}

/**
 * A Durable Object's SQLite as its collaborators use it: the small interface they take, a
 * versioned schema, and small JSON values in a `meta` table.
 */

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

/**
 * Small named JSON values (cursor, state, counters) in the `meta` table that migrate() creates.
 *
 * A write of the value already stored writes no row (rows written are what Durable Object
 * storage bills), and with `keep`, when that value is known already, runs no statement at all
 * (a turn sets its six settings and the Inbox its four pull values every time, mostly unchanged).
 *
 * With `keep`, values read are kept in memory: an object reads the same few values many times
 * (settings, identity, session), and it is their only writer. A value written is not kept before
 * the JavaScript task that wrote it has ended: a transaction that rolls back can only do so inside
 * that task, so what is kept is always committed (a key written in the task is read from SQLite
 * until it ends). How long values are kept is the object's choice: until it calls forgetKept().
 * The Inbox and the Conversation keep them for the instance's life (the Conversation calls it when
 * its storage is emptied, deleteAll).
 */
export class Meta {
  private kept = new Map<string, string | null>();
  /** Keys written in the current task: read from SQLite, kept only from the next task on. */
  private unsettled = new Set<string>();

  constructor(
    private readonly sql: Sql,
    private readonly keep = false,
  ) {}

  get<T>(key: string): T | null {
    let text = this.keep ? this.kept.get(key) : undefined;
    if (text === undefined) {
      text = this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]?.value ?? null;
      if (this.keep && !this.unsettled.has(key)) this.kept.set(key, text);
    }
    return text === null ? null : (JSON.parse(text) as T);
  }

  set(key: string, value: unknown): void {
    const text = value === null || value === undefined ? null : JSON.stringify(value);
    // The committed value is known and equal: the write would change nothing, so no statement runs.
    if (this.keep && !this.unsettled.has(key) && this.kept.has(key) && this.kept.get(key) === text) return;
    if (this.keep) {
      this.kept.delete(key);
      if (this.unsettled.size === 0) queueMicrotask(() => this.unsettled.clear());
      this.unsettled.add(key);
    }
    if (text === null) this.sql.exec('DELETE FROM meta WHERE key = ?', key);
    else this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE meta.value IS NOT excluded.value', key, text);
  }

  /** Read every value afresh (the storage was emptied, or the object reads each request afresh). */
  forgetKept(): void {
    this.kept.clear();
  }
}

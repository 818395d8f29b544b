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

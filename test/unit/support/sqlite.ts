import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Sql, SqlRows, SqlStore } from '../../../src/runtime/storage';

/**
 * A Durable Object's SQLite for Node tests: the same SQLite engine through node:sqlite, behind
 * the SqlStore interface the collaborators take (exec with bindings, several statements at once
 * as migrations use, cursors with toArray/one, synchronous transactions that roll back on throw).
 */
export function sqliteStore(): SqlStore {
  const db = new DatabaseSync(':memory:');
  let depth = 0;
  const sql: Sql = {
    exec<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): SqlRows<T> {
      const several = bindings.length === 0 && query.trim().replace(/;\s*$/, '').includes(';');
      const rows = several ? (db.exec(query), []) : db.prepare(query).all(...(bindings as SQLInputValue[]));
      const plain = rows.map((r) => ({ ...r }) as T);
      return {
        toArray: () => plain,
        one: () => {
          if (plain.length !== 1) throw new Error(`expected exactly one row, got ${plain.length}`);
          return plain[0]!;
        },
      };
    },
  };
  return {
    sql,
    transactionSync<T>(closure: () => T): T {
      const savepoint = `tx${depth++}`;
      db.exec(`SAVEPOINT ${savepoint}`);
      try {
        const result = closure();
        db.exec(`RELEASE ${savepoint}`);
        return result;
      } catch (e) {
        db.exec(`ROLLBACK TO ${savepoint}`);
        db.exec(`RELEASE ${savepoint}`);
        throw e;
      } finally {
        depth--;
      }
    },
  };
}

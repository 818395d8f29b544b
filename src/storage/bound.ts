import { is, Param, Placeholder, sql } from 'drizzle-orm';
import type { TenantDb } from './tenant';

/**
 * Statements a turn runs on every customer message, with their SQL text built by drizzle once
 * per shape and only their values bound each time. drizzle builds a query's text anew whenever it
 * runs, walking every chunk and parameter of it: in a CPU profile of the load test
 * (`npm run load -- --cpu-profile`) that was the largest JavaScript cost of the turn's two D1
 * round trips (about 0.5 ms a message warm, several ms while the code is not yet optimised).
 */

/** What drizzle's `prepare()` gives: the query built with placeholders, and how a batch result maps to rows. */
interface DrizzlePrepared {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
}

/** Where a bound value comes from: a row's field (encoded as drizzle would), or a constant of the text. */
type Slot = { row: number; field: string; encode: ((v: unknown) => unknown) | null } | { constant: unknown };

interface Template {
  statement: D1PreparedStatement;
  slots: Slot[];
  map: (result: unknown) => unknown;
}

/** One statement ready for runBatch: bound to its values, and how its result maps (rows of a select). */
export interface Bound<T> {
  readonly statement: D1PreparedStatement;
  readonly map: (result: unknown) => T;
}

/** The placeholder of row `row`'s `field`, for a statement's builder. */
export type Slots = (row: number, field: string) => Placeholder;

/** `n` rows of placeholders, one for each of `fields`: a multi-row insert's values. */
export function placeholderRows<F extends string>(p: Slots, n: number, fields: readonly F[]): Record<F, Placeholder>[] {
  return Array.from({ length: n }, (_, row) => Object.fromEntries(fields.map((f) => [f, p(row, f)])) as Record<F, Placeholder>);
}

const SEPARATOR = '\u0000';
const slotOf: Slots = (row, field) => sql.placeholder(`${row}${SEPARATOR}${field}`);

/** Templates per D1 binding (a statement is prepared on one), then per shape. */
const templates = new WeakMap<D1Database, Map<string, Template>>();

function template(db: TenantDb, key: string, build: (p: Slots) => { prepare(): DrizzlePrepared }): Template {
  let byKey = templates.get(db.$client);
  if (!byKey) templates.set(db.$client, (byKey = new Map()));
  let t = byKey.get(key);
  if (t) return t;
  const prepared = build(slotOf).prepare();
  const query = prepared.getQuery();
  const named = (p: Placeholder, encode: ((v: unknown) => unknown) | null): Slot => {
    const [row, field] = p.name.split(SEPARATOR) as [string, string];
    return { row: Number(row), field, encode };
  };
  const slots = query.params.map((p): Slot => {
    if (is(p, Placeholder)) return named(p, null);
    if (is(p, Param) && is(p.value, Placeholder)) return named(p.value, (v) => p.encoder.mapToDriverValue(v));
    return { constant: p };
  });
  t = { statement: db.$client.prepare(query.sql), slots, map: (result) => prepared.mapResult(result, true) };
  byKey.set(key, t);
  return t;
}

/**
 * The statement `build` makes (with `p(row, field)` where row `row`'s `field` goes), bound to
 * `rows`. `key` names the shape: the statement and whatever changes its text (a row count, an
 * optional clause); the same key must always build the same text.
 */
export function bound<T>(db: TenantDb, key: string, build: (p: Slots) => { prepare(): DrizzlePrepared }, rows: readonly Readonly<Record<string, unknown>>[]): Bound<T> {
  const t = template(db, key, build);
  const values = new Array<unknown>(t.slots.length);
  for (let i = 0; i < t.slots.length; i++) {
    const s = t.slots[i]!;
    if ('constant' in s) values[i] = s.constant;
    else {
      const row = rows[s.row];
      if (!row || !(s.field in row)) throw new Error(`${key}: no value for row ${s.row}'s ${s.field}`);
      values[i] = s.encode ? s.encode(row[s.field]) : row[s.field];
    }
  }
  return { statement: t.statement.bind(...values), map: t.map as (result: unknown) => T };
}

type Results<B extends readonly Bound<unknown>[]> = { -readonly [K in keyof B]: B[K] extends Bound<infer R> ? R : never };

/** Runs the statements in one D1 batch (one round trip, one transaction) and maps each result. */
export async function runBatch<const B extends readonly Bound<unknown>[]>(db: TenantDb, statements: B): Promise<Results<B>> {
  if (statements.length === 0) return [] as unknown as Results<B>;
  const results = await db.$client.batch(statements.map((s) => s.statement));
  return statements.map((s, i) => s.map(results[i])) as Results<B>;
}

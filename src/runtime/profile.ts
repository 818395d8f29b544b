/**
 * Per-operation counting for `npm run load -- --profile`, off unless the Worker runs with the
 * var LOAD_PROFILE = "1" (only the load harness sets it). When on, the isolate's binding
 * prototypes are wrapped once, and every Durable Object RPC and alarm, DO SQL statement (with the
 * rows its cursor reports read and written: what Durable Objects bill), storage commit (with the
 * statement that opened it: `LOAD_QUERIES=1` tallies what each commit began with), D1 round trip,
 * D1 statement (with its meta.rows_read / rows_written), and KV read or write prints one JSON line `{"profile": …}`;
 * the harness reads the Worker's log and adds them up. Counting costs a log line per operation,
 * so a profiling run measures counts, never speed.
 */

type Op = { op: string; n?: number; read?: number; written?: number; sql?: string };

/** `sql`: the statement's text, for the harness's per-statement tally (`LOAD_QUERIES=1 npm run load -- --profile`). */
const log = (o: Op) => console.log(JSON.stringify({ profile: o.op, n: o.n ?? 1, read: o.read ?? 0, written: o.written ?? 0, ...(o.sql ? { sql: o.sql.replace(/\s+/g, ' ').slice(0, 120) } : {}) }));

const patched = new WeakSet<object>();
/** Statements that write nothing (SQLite opens no transaction for them). */
const READ_ONLY = /^\s*SELECT\b/i;
/** Durable Object namespaces by their binding's name (every env an object or the Worker was given). */
const namespaceNames = new WeakMap<object, string>();

/** Wraps each named method of `proto` once per isolate; `after` sees the call's result. */
function wrap(proto: object | null, names: readonly string[], before: (name: string, args: unknown[]) => void, after?: (name: string, result: unknown, self: unknown) => void): void {
  if (!proto || patched.has(proto)) return;
  patched.add(proto);
  const target = proto as Record<string, unknown>;
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (this: unknown, ...args: unknown[]) {
      before(name, args);
      const result: unknown = original.apply(this, args);
      if (after) after(name, result, this);
      return result;
    };
  }
}

const on = (env: object): boolean => (env as { LOAD_PROFILE?: string }).LOAD_PROFILE === '1';

type D1Meta = { meta?: { rows_read?: number; rows_written?: number } };
/** A prepared statement's text (workerd's D1 binding keeps it as `statement`), or undefined. */
const statementText = (self: unknown): string | undefined => (self as { statement?: unknown } | null)?.statement as string | undefined;
const d1Rows = (op: string) => (_name: string, result: unknown, self: unknown) => {
  if (!(result instanceof Promise)) return;
  void result.then(
    (r: unknown) => {
      const list = (Array.isArray(r) ? r : [r]) as D1Meta[];
      for (const one of list) log({ op, read: one?.meta?.rows_read ?? 0, written: one?.meta?.rows_written ?? 0, sql: Array.isArray(r) ? 'batch' : statementText(self) });
    },
    () => undefined,
  );
};

/** Counts the Worker's bindings (D1, KV, Durable Object stubs); call with the Worker's or an object's env. */
export function profileBindings(env: object): void {
  if (!on(env)) return;
  const e = env as Record<string, unknown>;
  for (const [name, binding] of Object.entries(e)) {
    if (!binding || typeof binding !== 'object') continue;
    if ('prepare' in binding && 'batch' in binding) {
      const db = binding as D1Database;
      // Each call is one round trip to D1 (a batch too, however many statements it holds).
      const roundTrip = () => log({ op: 'd1.round_trip' });
      wrap(Object.getPrototypeOf(db.prepare('SELECT 1')), ['all', 'run', 'raw', 'first'], roundTrip, (method, result, self) => {
        // first() and raw() answer rows without meta: counted as queries, their rows unknown.
        if (method === 'all' || method === 'run') d1Rows('d1.query')(method, result, self);
        else log({ op: 'd1.query', sql: statementText(self) });
      });
      wrap(Object.getPrototypeOf(db), ['batch'], roundTrip, d1Rows('d1.query'));
    } else if ('idFromName' in binding && 'get' in binding) {
      namespaceNames.set(binding, name);
      const proto = Object.getPrototypeOf(binding) as Record<string, unknown>;
      if (patched.has(proto)) continue;
      patched.add(proto);
      const get = proto.get as (this: DurableObjectNamespace, id: DurableObjectId) => DurableObjectStub;
      proto.get = function (this: DurableObjectNamespace, id: DurableObjectId) {
        const stub = get.call(this, id);
        const label = namespaceNames.get(this) ?? 'unknown';
        return new Proxy(stub, {
          get(target, prop, receiver) {
            const value: unknown = Reflect.get(target, prop, receiver);
            if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'fetch') return value;
            return (...args: unknown[]) => {
              log({ op: `rpc.${label}.${prop}` });
              // Reflect.apply: a stub's method is itself a proxy, on which `.apply` would be an RPC name.
              return Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
            };
          },
        });
      };
    } else if ('getWithMetadata' in binding && 'put' in binding) {
      wrap(Object.getPrototypeOf(binding), ['get', 'getWithMetadata', 'put', 'delete', 'list'], (method) => log({ op: method === 'get' || method === 'getWithMetadata' || method === 'list' ? 'kv.read' : 'kv.write' }));
    }
  }
}

/** Counts one Durable Object's storage (SQL statements and their rows, alarm calls) and its alarms; call in its constructor. */
export function profileObject(name: string, object: { alarm?: () => Promise<void> }, ctx: DurableObjectState, env: object): void {
  if (!on(env)) return;
  profileBindings(env);
  // Per instance (ctx.storage.sql is one object per instance), so each class's statements are told apart.
  const sql = ctx.storage.sql as SqlStorage & { exec: SqlStorage['exec'] };
  const exec = sql.exec.bind(sql);
  // workerd commits an object's writes once the JavaScript task that made them has ended (an
  // implicit transaction per task; transactionSync nests inside it): a commit is the first
  // writing statement after the previous commit settled (storage.sync()).
  let committing = false;
  sql.exec = ((query: string, ...bindings: unknown[]) => {
    const cursor = exec(query, ...bindings);
    if (!committing && !READ_ONLY.test(query)) {
      committing = true;
      log({ op: `do.commit.${name}`, sql: query });
      void ctx.storage.sync().finally(() => (committing = false));
    }
    // The caller consumes the cursor synchronously (toArray/one); its counters are final after that.
    queueMicrotask(() => log({ op: `do.sql.${name}`, read: cursor.rowsRead, written: cursor.rowsWritten, sql: query }));
    return cursor;
  }) as SqlStorage['exec'];
  wrap(Object.getPrototypeOf(ctx.storage), ['setAlarm', 'deleteAlarm'], () => log({ op: 'do.alarm_set' }));
  const alarm = object.alarm;
  if (alarm) {
    object.alarm = function (this: unknown) {
      log({ op: `alarm.${name}` });
      return alarm.call(object);
    };
  }
}

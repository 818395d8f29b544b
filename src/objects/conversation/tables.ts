/**
 * The conversation's SQLite schema (see runtime/storage.ts migrate): `inbound` (each msgid once, until its
 * turn processed it), `events` (the timeline), `outbox` (every outbound item and its delivery).
 * Small named values live in `meta` (memory.ts).
 */
export const CONVERSATION_MIGRATIONS = [
  `CREATE TABLE inbound (seq INTEGER PRIMARY KEY AUTOINCREMENT, msgid TEXT NOT NULL UNIQUE, item TEXT NOT NULL,
                         received_at INTEGER NOT NULL, processed INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX inbound_unprocessed ON inbound (processed, seq);
   CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL);
   CREATE TABLE outbox (msgid TEXT PRIMARY KEY, seq INTEGER NOT NULL, kind TEXT NOT NULL, purpose TEXT NOT NULL,
                        body TEXT NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                        due_at INTEGER NOT NULL, expires_at INTEGER, created_at INTEGER NOT NULL,
                        last_errcode INTEGER, last_errmsg TEXT);
   CREATE INDEX outbox_pending ON outbox (status, seq);`,
  // The decision's context travels with each outbound item (config version, variant, routing).
  `ALTER TABLE outbox ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';`,
] as const;

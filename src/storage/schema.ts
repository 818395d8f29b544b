import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { UncertainZone } from '../engine/uncertain';

/**
 * The D1 schema: the single source of truth for `migrations/` (`npm run db:generate`).
 * Times are integers, milliseconds since the epoch (UTC), like the conversation timeline's `at`.
 * JSON columns hold small documents that are always read whole.
 */

/**
 * The tenant a row belongs to (src/wecom/corp.ts Tenant): '' for the deployment's own corp, so the
 * rows written before many corps keep their meaning; an authorized corp's id otherwise. Every
 * table but the admin's own (tokens, sessions, audit) has it, and every key that must be unique
 * per corp starts with it.
 */
const corpId = () => text('corp_id').notNull().default('');

/** Every config document ever stored; rows are never updated (versions are immutable). */
export const configVersions = sqliteTable(
  'config_versions',
  {
    corpId: corpId(),
    version: integer('version').notNull(),
    /** The document exactly as submitted (before defaults), so GET answers what the operator wrote. */
    document: text('document').notNull(),
    createdAt: integer('created_at').notNull(),
    /** The admin token id that stored it (`bootstrap` for ADMIN_TOKEN). */
    createdBy: text('created_by').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.version] })],
);

export const releaseStages = ['none', 'shadow', 'internal', 'percent', 'full'] as const;
export type ReleaseStage = (typeof releaseStages)[number];

/** One row per corp (id = 1): which version is stable, which is the candidate, and how far it is rolled out. */
export const releaseState = sqliteTable(
  'release_state',
  {
    corpId: corpId(),
    id: integer('id').notNull(),
    stable: integer('stable').notNull(),
    candidate: integer('candidate'),
    stage: text('stage', { enum: releaseStages }).notNull(),
    percent: integer('percent').notNull(),
    /** JSON `{ids: string[], tags: string[]}`: who sees the candidate at the internal stage. */
    internal: text('internal').notNull(),
    /** Per-release salt of the bucket hash; changes only when the candidate changes. */
    salt: text('salt').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.id] })],
);

export const customers = sqliteTable(
  'customers',
  {
    corpId: corpId(),
    externalUserid: text('external_userid').notNull(),
    /** The kf account they last talked to; null for a profile imported by tagging. */
    openKfid: text('open_kfid'),
    /** The channel code (a kf link's scene) they last entered through, or null. */
    channel: text('channel'),
    sceneParam: text('scene_param'),
    language: text('language'),
    nickname: text('nickname'),
    /** Null until they are first seen in a conversation (an imported profile has not been). */
    firstSeen: integer('first_seen'),
    lastSeen: integer('last_seen'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.externalUserid] })],
);

export const tagSources = ['rule', 'channel', 'behavior', 'manual'] as const;
export type TagSource = (typeof tagSources)[number];

export const customerTags = sqliteTable(
  'customer_tags',
  {
    corpId: corpId(),
    externalUserid: text('external_userid').notNull(),
    tag: text('tag').notNull(),
    /** Why the tag is there: a rule, a channel's auto_tag, a behaviour rule, or an operator. */
    source: text('source', { enum: tagSources }).notNull(),
    /** The rule name, channel code, event or admin token id behind `source`. */
    sourceRef: text('source_ref'),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.externalUserid, t.tag] }), index('customer_tags_tag').on(t.corpId, t.tag, t.externalUserid)],
);

export const behaviorEvents = sqliteTable(
  'behavior_events',
  {
    corpId: corpId(),
    /** Caller-chosen when the event has a natural id (a menu click's msgid), so a retry records it once. */
    id: text('id').notNull(),
    externalUserid: text('external_userid').notNull(),
    openKfid: text('open_kfid'),
    /** link_click, menu_click, campaign_join, … */
    type: text('type').notNull(),
    /** What was clicked or joined: a link id, a menu id, a campaign name. */
    ref: text('ref'),
    at: integer('at').notNull(),
    meta: text('meta'),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.id] }), index('behavior_events_user').on(t.corpId, t.externalUserid, t.at)],
);

export const violationDirections = ['inbound', 'outbound'] as const;

export const violations = sqliteTable(
  'violations',
  {
    corpId: corpId(),
    id: text('id').notNull(),
    at: integer('at').notNull(),
    openKfid: text('open_kfid').notNull(),
    externalUserid: text('external_userid').notNull(),
    direction: text('direction', { enum: violationDirections }).notNull(),
    /** JSON array of the matched words, masked (违*词): the raw words are never stored. */
    words: text('words').notNull(),
    /** The message around the hit, masked. */
    excerpt: text('excerpt').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.id] }), index('violations_at').on(t.corpId, t.at, t.id)],
);

/** Links behind the tracked redirect `/l/:id`: ids are random, so one id space serves every corp. */
export const trackedLinks = sqliteTable('tracked_links', {
  corpId: corpId(),
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Append-only analytics copy of the conversation timeline (the Durable Object holds the original). */
export const conversationEvents = sqliteTable(
  'conversation_events',
  {
    corpId: corpId(),
    /** Chosen by the conversation object (stable per event), so re-appending after a retry is harmless. */
    id: text('id').notNull(),
    at: integer('at').notNull(),
    openKfid: text('open_kfid').notNull(),
    externalUserid: text('external_userid').notNull(),
    type: text('type').notNull(),
    configVersion: integer('config_version'),
    /** 'stable' | 'candidate' | 'shadow': the side of a gray release that decided the event. */
    variant: text('variant'),
    servicer: text('servicer'),
    intent: text('intent'),
    data: text('data'),
  },
  (t) => [
    primaryKey({ columns: [t.corpId, t.id] }),
    index('conversation_events_type_at').on(t.corpId, t.type, t.at),
    index('conversation_events_user').on(t.corpId, t.externalUserid, t.at),
  ],
);

export const suggestionOutcomes = ['accepted', 'dismissed'] as const;

/**
 * The questions the bot was unsure of (fallback, clarification, an answer below
 * `understanding.review_below`), masked, clustered into suggestions for operators. Personal data:
 * erased with the customer and purged after `retention.conversation_days`.
 */
export const uncertainQuestions = sqliteTable(
  'uncertain_questions',
  {
    corpId: corpId(),
    /** `<open_kfid>:<msgid of the turn's last message>`: a replayed turn keeps its question once. */
    id: text('id').notNull(),
    at: integer('at').notNull(),
    openKfid: text('open_kfid').notNull(),
    externalUserid: text('external_userid').notNull(),
    /** The customer's words with sensitive words, long numbers and e-mail addresses masked. */
    text: text('text').notNull(),
    zone: text('zone').$type<UncertainZone>().notNull(),
    confidence: real('confidence').notNull(),
    /** JSON `[{id, score}]`: the closest entries, best first. */
    candidates: text('candidates').notNull(),
    configVersion: integer('config_version'),
    /** A clarification the customer answered by clicking an entry of its menu, and that click's msgid. */
    clickedEntry: text('clicked_entry'),
    clickMsgid: text('click_msgid'),
    /** Null while it is offered in suggestions; set when an operator accepted or dismissed its cluster. */
    outcome: text('outcome', { enum: suggestionOutcomes }),
    cluster: text('cluster'),
    handledAt: integer('handled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.corpId, t.id] }),
    index('uncertain_questions_open').on(t.corpId, t.outcome, t.at),
    index('uncertain_questions_at').on(t.corpId, t.at),
    index('uncertain_questions_user').on(t.corpId, t.externalUserid, t.openKfid, t.at),
  ],
);

/** Admin token metadata. The secret's hash lives only in KV (`admin-token:<sha256>`). */
export const adminTokens = sqliteTable('admin_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'operator', 'viewer'] }).notNull(),
  createdAt: integer('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  revokedAt: integer('revoked_at'),
  /** The corp the token acts for: '' for the deployment's own corp, else its corp id (src/wecom/corp.ts tenantOf). */
  corpId: text('corp_id').notNull().default(''),
});

/**
 * The audit trail of right-to-delete requests (PIPL art. 47). The customer's id is kept only as
 * its SHA-256: the trail proves an erasure happened (hash a known id to find it) without keeping
 * the identifier it erased.
 */
export const erasures = sqliteTable(
  'erasures',
  {
    corpId: corpId(),
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    /** Hex SHA-256 of the external_userid, never the id itself. */
    subjectHash: text('subject_hash').notNull(),
    /** The admin token id that asked (`bootstrap` for ADMIN_TOKEN). */
    requestedBy: text('requested_by').notNull(),
    /** JSON: rows and conversations removed per store. */
    counts: text('counts').notNull(),
  },
  (t) => [index('erasures_subject').on(t.corpId, t.subjectHash, t.at)],
);

export const principalVias = ['token', 'session'] as const;

/**
 * Console sessions of people signed in by WeCom QR code. The row is keyed by the SHA-256 of the
 * cookie's random id, so a leaked table signs nobody in; D1 (strongly consistent) makes a
 * sign-out final everywhere at once. Expired rows are refused on read and purged at each sign-in.
 */
export const consoleSessions = sqliteTable(
  'console_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userid: text('userid').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'operator', 'viewer'] }).notNull(),
    /** The token every write with this session must repeat in X-CSRF-Token. */
    csrf: text('csrf').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** The corp the person signed in to: '' for the deployment's own corp, else its corp id. */
    corpId: text('corp_id').notNull().default(''),
  },
  (t) => [index('console_sessions_expires').on(t.expiresAt)],
);

/**
 * Every write of the admin API that succeeded, and every sign-in and sign-out: who (a token or a
 * person's session), when, what request, and a short summary of what changed. Never secrets,
 * token values or customers' ids in the clear.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    /** A token id (`bootstrap` for ADMIN_TOKEN) or `wecom:<userid>`. */
    principalId: text('principal_id').notNull(),
    principalName: text('principal_name').notNull(),
    role: text('role', { enum: ['admin', 'operator', 'viewer'] }).notNull(),
    via: text('via', { enum: principalVias }).notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    summary: text('summary').notNull(),
    /** The corp the request acted for: '' for the deployment's own corp, else its corp id. */
    corpId: text('corp_id').notNull().default(''),
  },
  (t) => [index('audit_log_at').on(t.at, t.id), index('audit_log_corp_at').on(t.corpId, t.at, t.id)],
);

/**
 * Roll-ups of the conversation events (src/engine/metrics-rollup.ts) per UTC hour and per UTC
 * day: additive cells, each a count `n` under a metric name, per servicer ('' for everyone) and
 * label (an intent, a handoff reason, a rating's score, a latency sketch's bin). Both are written
 * in the export's own D1 transaction; merging is `n = n + excluded.n`, so any number of
 * Conversation objects can add to the same bucket without reading it first. The daily table
 * holds the same cells as the hourly one summed by day: a month is read from ~30 days of rows
 * instead of ~720 hours of them.
 */
function rollupTable<N extends string>(name: N) {
  return sqliteTable(
    name,
    {
      corpId: corpId(),
      /** The bucket's start (an hour or a day), UTC ms. */
      start: integer('start').notNull(),
      openKfid: text('open_kfid').notNull(),
      /** The conversation's channel code (its enter_session scene), '' when none. */
      channel: text('channel').notNull(),
      /** 'stable' | 'candidate' (an event without one counts as stable). */
      variant: text('variant').notNull(),
      /** The config version that decided the events, 0 when the writer did not say. */
      configVersion: integer('config_version').notNull(),
      metric: text('metric').notNull(),
      servicer: text('servicer').notNull(),
      label: text('label').notNull(),
      n: integer('n').notNull(),
    },
    (t) => [primaryKey({ columns: [t.corpId, t.start, t.openKfid, t.channel, t.variant, t.configVersion, t.metric, t.servicer, t.label] })],
  );
}
export const metricsHourly = rollupTable('metrics_hourly');
export const metricsDaily = rollupTable('metrics_daily');
export type RollupTable = typeof metricsHourly;

/**
 * The daily cells of every kf account, channel, variant and config version together: what a
 * report without those filters reads, a quarter of metrics_daily's rows (the same latency bins
 * repeat under each key). Written in the same statements' batch as metrics_daily.
 */
export const metricsDailyAll = sqliteTable(
  'metrics_daily_all',
  {
    corpId: corpId(),
    /** The day's start, UTC ms. */
    start: integer('start').notNull(),
    metric: text('metric').notNull(),
    servicer: text('servicer').notNull(),
    label: text('label').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.start, t.metric, t.servicer, t.label] })],
);

/**
 * Per corp and UTC hour, how many export batches have added cells to that hour (in the same batch
 * as the cells). Nothing lowers or deletes a stamp, so the sum over a range of hours grows with
 * every change to their cells: what a cached report of those hours is checked against.
 */
export const metricsHourStamps = sqliteTable(
  'metrics_hour_stamps',
  {
    corpId: corpId(),
    /** The hour's start, UTC ms. */
    start: integer('start').notNull(),
    stamp: integer('stamp').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.start] })],
);

/**
 * The cells GET /admin/api/metrics read for a part of a range (whole UTC days or hours), per filter
 * and granularity (src/storage/metrics-report-cache.ts): served while the part's hour stamps still
 * add up to `stamp`, so a late event or any other change to those hours is never answered from here.
 */
export const metricsReportCache = sqliteTable(
  'metrics_report_cache',
  {
    corpId: corpId(),
    /** The part, the filter and the series the cells were read for. */
    key: text('key').notNull(),
    /** The sum of the part's hour stamps when the cells were read (in the same transaction). */
    stamp: integer('stamp').notNull(),
    /** JSON, CachedCellsSchema. */
    cells: text('cells').notNull(),
    writtenAt: integer('written_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.corpId, t.key] }), index('metrics_report_cache_written').on(t.corpId, t.writtenAt)],
);

/**
 * Per conversation, how far the roll-ups have counted it: the high-water mark (at, id) of the
 * last event folded and the fold's state (pending customer message, open handling, …), written
 * in the same transaction as the cells it accounts for.
 */
export const metricsRollupCursors = sqliteTable(
  'metrics_rollup_cursors',
  {
    corpId: corpId(),
    /** `open_kfid:external_userid`. */
    conversation: text('conversation').notNull(),
    /** Personal data: erased with the customer; purged with the events after `retention.conversation_days` idle. */
    externalUserid: text('external_userid').notNull(),
    /** When the last export moved it, ms. */
    updatedAt: integer('updated_at').notNull(),
    state: text('state').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.corpId, t.conversation] }),
    index('metrics_rollup_cursors_user').on(t.corpId, t.externalUserid),
    index('metrics_rollup_cursors_updated').on(t.corpId, t.updatedAt),
  ],
);

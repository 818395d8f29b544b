import { z } from 'zod';
import { NameSchema, safeRecord, TagNameSchema } from './identifier';

/**
 * The config document: everything an operator configures, as one JSON document
 * (see README "The config document" and the outside contract). This zod schema is the single
 * source of its types. Objects are strict so that a misspelt key is an error with its path,
 * not a silently ignored setting.
 *
 * Checks that need the regex engine (what it can run, and at what cost) or that compare sections with
 * each other live in `validateConfig` (./config-validate.ts), which wraps this schema.
 */

const nonEmpty = z.string().trim().min(1, { error: 'must not be empty' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'must be HH:MM (00:00 to 24:00)' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD' });
/** WeCom kf ids and scene codes: `[0-9a-zA-Z_-]`, at most 32 bytes for a scene. */
const sceneCode = z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, { error: 'must be 1-32 of [0-9A-Za-z_-] (WeCom scene rules)' });
/** WeCom's ids are `wk…` letters and digits; kept loose (no blanks, ≤64) so placeholders in drafts validate. */
const openKfid = z.string().regex(/^\S{1,64}$/u, { error: 'must be an open_kfid (no spaces, at most 64 characters)' });

/** A retention period: at least a day (the purge runs daily), at most ten years. */
const retentionDays = z.number().int({ error: 'must be a whole number of days' }).min(1).max(3650);

const tagRuleBase = {
  rule_name: NameSchema,
  action: z.enum(['add_tag', 'remove_tag']),
  tag_name: TagNameSchema,
  enabled: z.boolean().optional(),
};

export const TagRuleSchema = z.discriminatedUnion('trigger_type', [
  z.strictObject({ ...tagRuleBase, trigger_type: z.literal('message_keyword'), keywords: z.array(nonEmpty).min(1) }),
  z.strictObject({ ...tagRuleBase, trigger_type: z.literal('message_regex'), pattern: nonEmpty, flags: z.string().regex(/^[imsu]*$/).optional() }),
  z.strictObject({
    ...tagRuleBase,
    trigger_type: z.literal('behavior'),
    /** link_click, menu_click, campaign_join, enter_session, or any event type posted to /admin/api/events. */
    event: nonEmpty,
    /** The event's reference must equal this (a link id, a menu id, a campaign name); absent = any. */
    match: z.string().optional(),
  }),
  z.strictObject({ ...tagRuleBase, trigger_type: z.literal('channel'), channel_code: sceneCode }),
]);

export const ChannelSchema = z.strictObject({
  code: sceneCode,
  name: NameSchema,
  type: z.enum(['web', 'miniprogram', 'offline', 'official_account', 'app', 'video', 'other']).default('other'),
  open_kfid: openKfid.optional(),
  params: safeRecord(z.string(), z.string()).default({}),
  auto_tag: z.array(TagNameSchema).default([]),
});

export const PeriodSchema = z.strictObject({
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1),
  start: hhmm,
  /** "24:00" is the end of the day; an end before its start runs over midnight. */
  end: hhmm,
});

export const LinkSchema = z.strictObject({
  open_kfid: openKfid,
  name: NameSchema,
  timezone: z.string().default('Asia/Shanghai'),
  /** Absent: always open. */
  working_hours: z.array(PeriodSchema).optional(),
  holidays: z.array(isoDate).default([]),
  max_concurrent_per_servicer: z.number().int().min(1).max(1000).default(5),
  /** May hold {position} and {wait_minutes}. */
  queue_prompt: z.string().optional(),
  off_hours_reply: z.string().optional(),
  backup_open_kfid: openKfid.optional(),
  /** A welcome text for this link, over the document's `welcome`. */
  welcome: z.string().optional(),
});

export const GroupSchema = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, { error: 'must be 1-64 of [0-9A-Za-z_-]' }),
  name: NameSchema,
  servicers: z.array(nonEmpty).min(1),
});

export const RoutingStrategySchema = z.enum(['least_busy', 'round_robin']);

export const RoutingRuleSchema = z.union([
  z.strictObject({
    when: z
      .strictObject({ tag: TagNameSchema.optional(), intent: nonEmpty.optional(), channel: sceneCode.optional() })
      .refine((w) => w.tag !== undefined || w.intent !== undefined || w.channel !== undefined, { error: 'when needs tag, intent or channel' }),
    group: nonEmpty,
    strategy: RoutingStrategySchema.optional(),
  }),
  z.strictObject({ default: z.literal(true), group: nonEmpty.optional(), strategy: RoutingStrategySchema.default('least_busy') }),
]);

export const IntentSchema = z
  .strictObject({
    name: nonEmpty,
    patterns: z.array(nonEmpty).default([]),
    keywords: z.array(nonEmpty).default([]),
    /** With an answer the intent replies; without, it only tags and routes. */
    answer: z.string().optional(),
    sets_context: nonEmpty.optional(),
  })
  .refine((i) => i.patterns.length + i.keywords.length > 0, { error: 'an intent needs patterns or keywords' });

/** Questions per knowledge entry (its canonical question and the similar ones operators accept from suggestions). */
export const MAX_QUESTIONS_PER_ENTRY = 200;

export const KnowledgeSchema = z.strictObject({
  id: nonEmpty,
  questions: z.array(nonEmpty).min(1).max(MAX_QUESTIONS_PER_ENTRY),
  answer: nonEmpty,
  sets_context: nonEmpty.optional(),
  requires_context: nonEmpty.optional(),
});

export const MenuItemSchema = z.strictObject({
  id: z.string().regex(/^.{1,64}$/u, { error: 'must be 1-64 characters' }),
  content: z.string().min(1).max(128),
});

export const TemplateKeySchema = z.enum([
  'welcome',
  'fallback',
  'handoff',
  'queue_prompt',
  'off_hours_reply',
  'survey',
  'survey_thanks',
  'sensitive_reply',
  /** Added to the handoff notice while the bot is down and the link has a backup_open_kfid: {url}. */
  'backup_link',
  /** The head of the clarification menu ("您是想问："), its items the likely entries. */
  'clarify',
  /** Replies to small talk, by kind (engine/understanding/smalltalk.ts). */
  'smalltalk_greeting',
  'smalltalk_thanks',
  'smalltalk_goodbye',
  'smalltalk_ack',
  'smalltalk_praise',
  'smalltalk_complaint_emotion',
  'smalltalk_identity',
]);
export type TemplateKey = z.infer<typeof TemplateKeySchema>;

/** A Workers AI model name (`@cf/…`); the binding's own type cannot check a name read from the document. */
const aiModel = z.string().trim().min(1).max(200);

/** Off by default: it needs the Workers AI binding (README "NLP adapter"). */
const NLP_DEFAULTS = { enabled: false, model: '@cf/meta/llama-3.1-8b-instruct', min_confidence: 0.6, timeout_ms: 1500 };
const NlpSchema = z.strictObject({
  enabled: z.boolean().default(NLP_DEFAULTS.enabled),
  /** A Workers AI text-generation model. */
  model: aiModel.default(NLP_DEFAULTS.model),
  /** Below this confidence (0..1) the adapter's intent is ignored. */
  min_confidence: z.number().min(0).max(1).default(NLP_DEFAULTS.min_confidence),
  /** The adapter's answer is awaited at most this long; past it the fallback reply goes out. */
  timeout_ms: z.number().int().min(100).max(10_000).default(NLP_DEFAULTS.timeout_ms),
});

/** An operator's lexicon class: their product names and slang, as a concept of their own or more terms for a built-in one. */
export const LexiconClassSchema = z.strictObject({
  /** A built-in concept id (`returns.exchange`) to extend, or a new one (`product.af50`). */
  concept: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$/, { error: 'must be topic or topic.name in lower-case letters, digits and _' }),
  terms: z.array(z.string().trim().min(2, { error: 'must be at least 2 characters' }).max(24)).min(1).max(200),
});

/**
 * The optional semantic path (README "Semantic path (Workers AI)"): asked only in the embedded
 * matcher's grey zone. Off by default: it needs the Workers AI binding. The thresholds read the
 * reranker's scores (0..1) and are starting points to calibrate on your own traffic.
 */
const SEMANTIC_DEFAULTS = {
  enabled: false,
  embedding_model: '@cf/baai/bge-m3',
  reranker_model: '@cf/baai/bge-reranker-base',
  answer_at: 0.7,
  margin: 0.15,
  timeout_ms: 1500,
  store: 'auto' as const,
};
export const SemanticSchema = z.strictObject({
  enabled: z.boolean().default(SEMANTIC_DEFAULTS.enabled),
  /** Embeds the knowledge questions at release and the message per grey-zone turn. */
  embedding_model: aiModel.default(SEMANTIC_DEFAULTS.embedding_model),
  reranker_model: aiModel.default(SEMANTIC_DEFAULTS.reranker_model),
  /** Present: a text-generation model picks one of the reranked entries or none (JSON schema); absent: not asked. */
  llm_model: aiModel.optional(),
  /** The best reranked entry is answered at or above this score … */
  answer_at: z.number().min(0).max(1).default(SEMANTIC_DEFAULTS.answer_at),
  /** … and this far ahead of the next one. */
  margin: z.number().min(0).max(1).default(SEMANTIC_DEFAULTS.margin),
  /** The whole path (embed, recall, rerank, LLM) within this; past it the embedded decision stands. */
  timeout_ms: z.number().int().min(100).max(10_000).default(SEMANTIC_DEFAULTS.timeout_ms),
  /** Where a version's vectors live: KV (small bases), Vectorize (the VECTORIZE binding), or by size. */
  store: z.enum(['kv', 'vectorize', 'auto']).default(SEMANTIC_DEFAULTS.store),
});

const SMALL_TALK_KINDS = ['greeting', 'thanks', 'goodbye', 'ack', 'praise', 'complaint_emotion', 'identity'] as const;
/** The decision policy's defaults, chosen on the dev split of the labelled set (`npm run fit`). */
export const UNDERSTANDING_DEFAULTS = { lexicon: [], smalltalk: {}, clarify_confidence: 0.2, margin: 0.06, min_coverage: 0.7, review_below: 0.3, semantic: SEMANTIC_DEFAULTS };
/** At or above this knowledge-base confidence (0..1), clear of the next entry, a message is answered. */
export const MIN_CONFIDENCE_DEFAULT = 0.15;
/** How the bot understands customers (README "How the bot understands"); every field has a default. */
export const UnderstandingSchema = z.strictObject({
  lexicon: z.array(LexiconClassSchema).max(2000).default([]),
  /** Chinese replies to small talk by kind (other languages: templates.<locale>.smalltalk_<kind>). */
  smalltalk: z.partialRecord(z.enum(SMALL_TALK_KINDS), z.string().trim().min(1)).default({}),
  /** Below bot.min_confidence but at least this: the customer is asked "您是想问：" with the likely entries. */
  clarify_confidence: z.number().min(0).max(1).default(UNDERSTANDING_DEFAULTS.clarify_confidence),
  /** The best entry must lead the next by this much to be answered outright. */
  margin: z.number().min(0).max(1).default(UNDERSTANDING_DEFAULTS.margin),
  /**
   * The near-miss veto: the share (0..1) of the customer's informative words an entry must
   * explain to be answered or offered. 会员卡丢了能补吗 is not answered by an entry on points.
   */
  min_coverage: z.number().min(0).max(1).default(UNDERSTANDING_DEFAULTS.min_coverage),
  /**
   * Knowledge answers below this confidence are kept for review (masked) beside the fallbacks and
   * clarifications, and clustered into suggestions (GET /admin/api/knowledge/suggestions).
   */
  review_below: z.number().min(0).max(1).default(UNDERSTANDING_DEFAULTS.review_below),
  /** The optional Workers AI semantic path for the grey zone (off by default). */
  semantic: SemanticSchema.default(SEMANTIC_DEFAULTS),
});

export const ConfigSchema = z.strictObject({
  tag_rules: z.array(TagRuleSchema).default([]),
  channels: z.array(ChannelSchema).default([]),
  links: z.array(LinkSchema).default([]),
  groups: z.array(GroupSchema).default([]),
  routing: z.array(RoutingRuleSchema).default([]),
  intents: z.array(IntentSchema).default([]),
  knowledge: z.array(KnowledgeSchema).default([]),
  welcome: z
    .strictObject({
      text: nonEmpty,
      /** Buttons sent as a msgmenu with the welcome (for example 转人工). */
      menu: z.array(MenuItemSchema).max(10).optional(),
      /** Time-of-day variants in the link's timezone; the first period that contains now wins. */
      by_time: z.array(z.strictObject({ start: hhmm, end: hhmm, text: nonEmpty })).optional(),
    })
    .optional(),
  fallback: z
    .strictObject({ reply: nonEmpty, escalate_after_seconds: z.number().int().min(0).max(7 * 24 * 3600).default(300) })
    .optional(),
  handoff: z
    .strictObject({
      keywords: z.array(nonEmpty).default(['人工', '转人工']),
      after_misses: z.number().int().min(1).max(100).optional(),
      message: z.string().optional(),
    })
    .optional(),
  sensitive_words: z
    .strictObject({
      words: z.array(nonEmpty).default([]),
      action: z.enum(['block']).default('block'),
      reply: z.string().optional(),
    })
    .optional(),
  /** Per-locale system texts (`en`, `ja`, …); absent keys fall back to the Chinese text. */
  templates: safeRecord(z.string().regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, { error: 'must be a locale such as en or zh-TW' }), z.partialRecord(TemplateKeySchema, z.string().min(1))).default({}),
  survey: z
    .strictObject({
      question: nonEmpty,
      options: z.array(z.strictObject({ id: MenuItemSchema.shape.id, content: MenuItemSchema.shape.content, score: z.number().int().min(1).max(5) })).min(2).max(10),
      thanks: z.string().optional(),
    })
    .optional(),
  /**
   * How long personal data is kept (PIPL): D1's copies are purged by the daily cron, each
   * conversation prunes its own timeline. Absent: kept until erased (DELETE /admin/api/users/:id).
   */
  retention: z
    .strictObject({
      /** Timelines, their D1 copy and behaviour events. */
      conversation_days: retentionDays.optional(),
      /** The intercepted-content log (masked). */
      violation_days: retentionDays.optional(),
    })
    .optional(),
  understanding: UnderstandingSchema.default(UNDERSTANDING_DEFAULTS),
  /** Tuning of the bot itself; every field has a sensible default. */
  bot: z
    .strictObject({
      /** Customer messages arriving within this window are answered together. */
      merge_window_ms: z.number().int().min(0).max(30_000).default(1500),
      /**
       * Wait only as long as the latest message needs (src/engine/merge-window.ts): a complete
       * question is answered at once, a fragment waits the window. False: every burst waits the
       * whole window.
       */
      adaptive_merge: z.boolean().default(true),
      /** How long a topic set by `sets_context` stays relevant. */
      context_ttl_seconds: z.number().int().min(10).max(7 * 24 * 3600).default(600),
      /** At or above this knowledge-base confidence (0..1), clear of the next entry, a message is answered. */
      min_confidence: z.number().min(0).max(1).default(MIN_CONFIDENCE_DEFAULT),
      /**
       * How long an unsent reply or transfer keeps being retried before it is given up (and listed
       * by GET /admin/api/deliveries/failed). At most the platform's 48-hour send window: past it
       * WeCom refuses the message anyway.
       */
      max_delivery_age_seconds: z.number().int().min(60).max(48 * 3600).default(48 * 3600),
      /** The optional NLP adapter (src/engine/nlp.ts), asked only when intents and knowledge found nothing. */
      nlp: NlpSchema.default(NLP_DEFAULTS),
    })
    .default({ merge_window_ms: 1500, adaptive_merge: true, context_ttl_seconds: 600, min_confidence: MIN_CONFIDENCE_DEFAULT, max_delivery_age_seconds: 48 * 3600, nlp: NLP_DEFAULTS }),
});

/** The document as an operator writes it (defaults not yet applied). */
export type ConfigInput = z.input<typeof ConfigSchema>;
/** The document after parsing, with every default applied: what the engines read. */
export type Config = z.infer<typeof ConfigSchema>;
export type TagRule = z.infer<typeof TagRuleSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
export type Link = z.infer<typeof LinkSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export type Intent = z.infer<typeof IntentSchema>;
export type KnowledgeEntry = z.infer<typeof KnowledgeSchema>;
export type MenuItem = z.infer<typeof MenuItemSchema>;
export type NlpSettings = z.infer<typeof NlpSchema>;
export type SemanticSettings = z.infer<typeof SemanticSchema>;
export type LexiconClass = z.infer<typeof LexiconClassSchema>;

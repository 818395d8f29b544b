import { z } from 'zod';
import { uncertainZones } from '../engine/uncertain';
import { clusterQuestions, nearestEntry, newQuestions, type Cluster } from '../engine/understanding/suggestions';
import type { KnowledgeIndex } from '../engine/understanding';
import { MAX_QUESTIONS_PER_ENTRY } from '../rules/config';
import { getVersion, listVersions, putVersion } from '../storage/config-store';
import { encodeCursor } from '../storage/db';
import { stableRuntime } from '../storage/runtime';
import { suggestionOutcomes } from '../storage/schema';
import { markHandled, openQuestions } from '../storage/uncertain-questions';
import { ApiError, conflict, invalidInput, notFound } from './errors';
import { cursorParts, PageQuerySchema } from './input';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';
import { corpEnv, corpDb } from './tenant';
import { type TenantEnv, tenantDb } from '../storage/tenant';

/**
 * The operator loop: what customers asked that the bot was unsure of (fallbacks, clarifications,
 * low-confidence answers; kept masked by the Conversation object), clustered on the stable
 * version's analysis, each cluster with the entry it most resembles. Accepting a cluster adds its
 * phrasings to an entry as similar questions in a new config version (live only once released);
 * accepting or dismissing it takes its questions out of the suggestions.
 */

/** Kept questions read per request, the newest first: clustering stays bounded in time and memory. */
export const SUGGESTION_ROWS_READ = 5000;
/** Phrasings shown per suggestion in the list (all of them in GET /suggestions/:id). */
const EXAMPLES = 5;

const count = z.number().int();
export const SuggestionIdSchema = z.string().regex(/^[0-9a-f]{14}$/, { error: 'must be a suggestion id (14 hex digits)' });
const SuggestionParamSchema = z.object({ id: SuggestionIdSchema });
const PhrasingSchema = z.object({ text: z.string(), count });

export const SuggestionSchema = z.object({
  /** Stable while the cluster grows: a hash of its first phrasing. */
  id: z.string(),
  /** Kept questions in the cluster. */
  count,
  /** Distinct phrasings (punctuation and width aside). */
  phrasings: count,
  /** Up to 5 phrasings, the most frequent first; masked. */
  examples: z.array(z.string()),
  first_seen: count,
  last_seen: count,
  zones: z.array(z.enum(uncertainZones)),
  /** The entry it most resembles on the stable version: the one customers clicked in clarification menus, else the matcher's best. */
  entry: z.object({ id: z.string(), question: z.string(), score: z.number(), source: z.enum(['click', 'search']), clicks: count }).nullable(),
  /** Clarification clicks per entry, most first. */
  clicks: z.array(z.object({ entry_id: z.string(), count })),
});
export const SuggestionDetailSchema = SuggestionSchema.extend({ phrasing_counts: z.array(PhrasingSchema) });
export const SuggestionPageSchema = z.object({
  items: z.array(SuggestionSchema),
  next_cursor: z.string().nullable(),
  /** Clusters in all. */
  total: count,
  /** The stable version the clusters and entries were computed on (null before any config). */
  version: count.nullable(),
  rows_read: count,
  /** More open questions exist than one request reads (the oldest are left out). */
  truncated: z.boolean(),
});

export const AcceptSuggestionSchema = z.strictObject({
  entry_id: z.string().trim().min(1).max(200),
  /** The phrasings to add (each one of the cluster's); all of them when absent. */
  questions: z.array(z.string().trim().min(1).max(2048)).min(1).max(MAX_QUESTIONS_PER_ENTRY).optional(),
  /** The version to build on; the newest stored version when absent (so accepts in a row build on each other). */
  base_version: z.number().int().min(1).optional(),
});
export const AcceptAnswerSchema = z.object({
  /** The version holding the phrasings: new, or `base_version` when every one was there already. */
  version: count,
  base_version: count,
  created: z.boolean(),
  added: z.array(z.string()),
  skipped: z.array(z.object({ question: z.string(), reason: z.enum(['present', 'other_entry', 'no_content']), entry_id: z.string() })),
});
export const DismissAnswerSchema = z.object({ id: z.string(), dismissed: count });

/** A kept question as the customer's data export shows it. */
export const UncertainQuestionSchema = z.object({
  id: z.string(),
  at: count,
  open_kfid: z.string(),
  external_userid: z.string(),
  text: z.string(),
  zone: z.enum(uncertainZones),
  confidence: z.number(),
  candidates: z.array(z.object({ id: z.string(), score: z.number() })),
  config_version: count.nullable(),
  clicked_entry: z.string().nullable(),
  outcome: z.enum(suggestionOutcomes).nullable(),
  cluster: z.string().nullable(),
});

/** The open questions clustered on the stable version. */
async function openClusters(env: TenantEnv): Promise<{ index: KnowledgeIndex; version: number | null; clusters: Cluster[]; rows_read: number; truncated: boolean }> {
  const [{ compiled, version }, { rows, truncated }] = await Promise.all([stableRuntime(env), openQuestions(tenantDb(env), SUGGESTION_ROWS_READ)]);
  const index = compiled.engines.understanding.index;
  return { index, version, clusters: clusterQuestions(index, rows), rows_read: rows.length, truncated };
}

async function openCluster(env: TenantEnv, id: string): Promise<{ index: KnowledgeIndex; cluster: Cluster }> {
  const { index, clusters } = await openClusters(env);
  const cluster = clusters.find((c) => c.id === id);
  if (!cluster) throw notFound(`no open suggestion ${id}: it was accepted or dismissed, or its questions aged out`);
  return { index, cluster };
}

function toSuggestion(index: KnowledgeIndex, c: Cluster): z.infer<typeof SuggestionSchema> {
  return {
    id: c.id,
    count: c.count,
    phrasings: c.phrasings.length,
    examples: c.phrasings.slice(0, EXAMPLES).map((p) => p.text),
    first_seen: c.first_seen,
    last_seen: c.last_seen,
    zones: c.zones as z.infer<typeof SuggestionSchema>['zones'],
    entry: nearestEntry(index, c),
    clicks: c.clicks,
  };
}

/** The raw document's knowledge as accept edits it (validated when stored, so only the shape it needs is read). */
const EditableDocumentSchema = z.looseObject({ knowledge: z.array(z.looseObject({ id: z.string(), questions: z.array(z.string()) })).default([]) });

/** The stored version to build on: the one asked for, else the newest. */
async function baseDocument(env: TenantEnv, asked: number | undefined) {
  const version = asked ?? (await listVersions(env))[0]?.version;
  if (version === undefined) throw conflict('no_config', 'no config is stored yet: store one with PUT /config first');
  const stored = await getVersion(env, version);
  if (!stored) throw invalidInput([{ code: 'unknown_version', path: ['base_version'], message: `no config version ${version}` }]);
  return { version, document: EditableDocumentSchema.parse(stored.document) };
}

export const suggestionRoutes = adminApp()
  .openapi(
    adminRoute('viewer', {
      method: 'get',
      path: '/',
      summary: `What customers asked that the bot was unsure of (fallbacks, clarifications, answers below understanding.review_below), masked and clustered on the stable version, the biggest cluster first, each with the entry it most resembles (the one customers clicked in clarification menus wins); the newest ${SUGGESTION_ROWS_READ} open questions are read per request (\`truncated\` beyond)`,
      request: { query: PageQuerySchema },
      responses: { 200: jsonAnswer(SuggestionPageSchema) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const offset = cursorParts(q.cursor, z.tuple([z.number().int().min(0)]))?.[0] ?? 0;
      const { index, version, clusters, rows_read, truncated } = await openClusters(corpEnv(c));
      const end = offset + q.limit;
      return c.json({
        items: clusters.slice(offset, end).map((cl) => toSuggestion(index, cl)),
        next_cursor: end < clusters.length ? encodeCursor([end]) : null,
        total: clusters.length,
        version,
        rows_read,
        truncated,
      } satisfies z.infer<typeof SuggestionPageSchema>);
    },
  )
  .openapi(
    adminRoute(
      'viewer',
      { method: 'get', path: '/{id}', summary: 'One suggestion with every phrasing and its count', request: { params: SuggestionParamSchema }, responses: { 200: jsonAnswer(SuggestionDetailSchema) } },
      { errors: [404] },
    ),
    async (c) => {
      const { index, cluster } = await openCluster(corpEnv(c), c.req.valid('param').id);
      return c.json({ ...toSuggestion(index, cluster), phrasing_counts: cluster.phrasings } satisfies z.infer<typeof SuggestionDetailSchema>);
    },
  )
  .openapi(
    adminRoute(
      'operator',
      {
        method: 'post',
        path: '/{id}/accept',
        summary:
          'Add the suggestion’s phrasings (or the chosen `questions`) to a knowledge entry as similar questions, in a new config version built on `base_version` (default: the newest); live only once released with POST /release. Phrasings an entry already asks are skipped. The suggestion is no longer offered.',
        request: { params: SuggestionParamSchema, body: jsonBody(AcceptSuggestionSchema) },
        responses: { 200: jsonAnswer(AcceptAnswerSchema) },
      },
      { errors: [404, 409] },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { cluster } = await openCluster(corpEnv(c), id);
      const phrasings = cluster.phrasings.map((p) => p.text);
      const foreign = (body.questions ?? []).flatMap((q, i) => (phrasings.includes(q) ? [] : [{ code: 'not_in_suggestion', path: ['questions', i], message: `"${q}" is not a phrasing of suggestion ${id}` }]));
      if (foreign.length > 0) throw invalidInput(foreign);
      const base = await baseDocument(corpEnv(c), body.base_version);
      const entry = base.document.knowledge.find((e) => e.id === body.entry_id);
      if (!entry) throw invalidInput([{ code: 'unknown_entry', path: ['entry_id'], message: `version ${base.version} has no knowledge entry ${body.entry_id}` }]);
      const { added, skipped } = newQuestions(base.document.knowledge, entry.id, body.questions ?? phrasings);
      const room = MAX_QUESTIONS_PER_ENTRY - entry.questions.length;
      if (added.length > room) {
        throw new ApiError(400, 'too_many_questions', `entry ${entry.id} has ${entry.questions.length} questions, at most ${MAX_QUESTIONS_PER_ENTRY}: choose at most ${Math.max(0, room)} with "questions"`, [
          { code: 'too_many_questions', path: ['questions'], message: `${added.length} new questions, room for ${Math.max(0, room)}` },
        ]);
      }
      let version = base.version;
      if (added.length > 0) {
        const knowledge = base.document.knowledge.map((e) => (e.id === entry.id ? { ...e, questions: [...e.questions, ...added] } : e));
        const note = `suggestion ${id}: ${added.length} question(s) for ${entry.id}`;
        const stored = await putVersion(corpEnv(c), { ...base.document, knowledge }, { createdBy: c.get('principal').id, note });
        if (!stored.ok) throw invalidInput(stored.issues, 'the new version would be invalid');
        version = stored.version;
      }
      await markHandled(corpDb(c), cluster.question_ids, { outcome: 'accepted', cluster: id, at: Date.now() });
      return c.json({ version, base_version: base.version, created: version !== base.version, added, skipped } satisfies z.infer<typeof AcceptAnswerSchema>);
    },
  )
  .openapi(
    adminRoute(
      'operator',
      {
        method: 'post',
        path: '/{id}/dismiss',
        summary: 'Stop offering the suggestion (its questions stay until retention purges them)',
        request: { params: SuggestionParamSchema },
        responses: { 200: jsonAnswer(DismissAnswerSchema) },
      },
      { errors: [404] },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { cluster } = await openCluster(corpEnv(c), id);
      const dismissed = await markHandled(corpDb(c), cluster.question_ids, { outcome: 'dismissed', cluster: id, at: Date.now() });
      return c.json({ id, dismissed } satisfies z.infer<typeof DismissAnswerSchema>);
    },
  );

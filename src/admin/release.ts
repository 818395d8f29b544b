import { z } from 'zod';
import { compareVariants, computeMetrics, MetricsSchema, type Metrics } from '../engine/metrics';
import { loadConfig, readReleaseState, releaseVersion, rollbackRelease, type ReleaseOutcome, type ReleaseState } from '../storage/config-store';
import { prepareInBackground, semanticBindings } from '../storage/semantic-vectors';
import { TagNameSchema } from '../rules/identifier';
import { releaseStages } from '../storage/schema';
import { conflict, notFound } from './errors';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';
import { loadRange, METRIC_EVENT_TYPES, RangeAnswerSchema, RangeQuerySchema, rangeOf, type VersionedEvent } from './metrics';
import { corpEnv } from './tenant';

const InternalSchema = z.strictObject({
  /** Customers (external_userid) who get the candidate at the internal stage. */
  ids: z.array(z.string().min(1).max(128)).max(1000).optional(),
  /** Customers with any of these tags (such as 内部员工) get it too. */
  tags: z.array(TagNameSchema).max(100).optional(),
});

export const ReleaseRequestSchema = z.discriminatedUnion('stage', [
  z.strictObject({ version: z.number().int().min(1), stage: z.literal('full') }),
  z.strictObject({
    version: z.number().int().min(1),
    /** `shadow`: the candidate decides silently beside stable, its decisions recorded and never sent. */
    stage: z.enum(['shadow', 'internal']),
    internal: InternalSchema.optional(),
  }),
  z.strictObject({ version: z.number().int().min(1), stage: z.literal('percent'), percent: z.number().int().min(0).max(100), internal: InternalSchema.optional() }),
]);

export const ReleaseAnswerSchema = z.object({
  stable: z.number().int().nullable(),
  candidate: z.number().int().nullable(),
  stage: z.enum(releaseStages),
  percent: z.number().int(),
  internal: z.object({ ids: z.array(z.string()), tags: z.array(z.string()) }),
  updated_at: z.number().int().nullable(),
});
type ReleaseAnswer = z.infer<typeof ReleaseAnswerSchema>;

/** The salt stays inside: it is how buckets are computed, not something an operator sets. */
function answer(state: ReleaseState | null): ReleaseAnswer {
  if (!state) return { stable: null, candidate: null, stage: 'none', percent: 0, internal: { ids: [], tags: [] }, updated_at: null };
  const { stable, candidate, stage, percent, internal, updated_at } = state;
  return { stable, candidate, stage, percent, internal, updated_at };
}

function unwrap(outcome: ReleaseOutcome, version?: number): ReleaseAnswer {
  if (outcome.ok) return answer(outcome.state);
  switch (outcome.reason) {
    case 'no_config':
      throw conflict('no_config', 'no config stored yet: PUT /admin/api/config first');
    case 'unknown_version':
      throw notFound(`no config version ${version}`);
    case 'already_stable':
      throw conflict('already_stable', `version ${version} is already stable`);
    case 'concurrent_change':
      throw conflict('concurrent_change', 'the release changed meanwhile; read it again and retry');
  }
}

/** How many turns a shadow candidate would have decided differently, with the latest of them. */
export const DIFFERENCE_SAMPLE = 20;
const ShadowSideSchema = z.object({ answered: z.boolean(), intent: z.string().nullable(), handoff: z.string().nullable(), replies: z.array(z.string()) }).loose();
export const DifferencesSchema = z.object({
  /** Turns the current candidate decided in shadow within the range. */
  compared: z.number().int(),
  /** Of those, the turns where its decision (answer, intent, handoff, reply texts) differs from stable's. */
  count: z.number().int(),
  /** The latest DIFFERENCE_SAMPLE of them, newest first. */
  sample: z.array(z.object({ at: z.number(), conversation: z.string(), stable: ShadowSideSchema, candidate: ShadowSideSchema })),
});
type Differences = z.infer<typeof DifferencesSchema>;

export const CompareAnswerSchema = RangeAnswerSchema.extend({
  release: ReleaseAnswerSchema,
  /** `stable`, plus `candidate` (or `shadow` at the shadow stage) while a candidate is live. */
  variants: z.record(z.string(), MetricsSchema),
  /** Events left out because a version no longer on that side decided them (a former candidate or stable). */
  excluded: z.number().int(),
  differences: DifferencesSchema,
});

/** The shadow turns (timeline `shadow` events) of the version that is the candidate now where it would have differed. */
export function shadowDifferences(events: readonly VersionedEvent[], candidate: number | null): Differences {
  const compared = events.filter((e) => e.type === 'shadow' && candidate !== null && e.config_version === candidate);
  const differing = compared.filter((e) => e.data?.['same'] === false);
  const sample = differing
    .slice(-DIFFERENCE_SAMPLE)
    .reverse()
    .flatMap((e) => {
      const stable = ShadowSideSchema.safeParse(e.data?.['stable']);
      const other = ShadowSideSchema.safeParse(e.data?.['candidate']);
      return stable.success && other.success ? [{ at: e.at, conversation: e.conversation, stable: stable.data, candidate: other.data }] : [];
    });
  return { compared: compared.length, count: differing.length, sample };
}

/**
 * Figures per release variant, each side counting only the decisions of the version it holds now:
 * a candidate rolled back last week must not blur the figures of the one on trial today. Events
 * without a config version are kept (nothing says they belong to another version).
 */
export function compareRelease(events: readonly VersionedEvent[], release: ReleaseAnswer): { variants: Record<string, Metrics>; excluded: number } {
  const holds: Record<string, number | null> = { stable: release.stable, candidate: release.candidate, shadow: release.candidate };
  const kept = events.filter((e) => {
    const side = e.variant ?? 'stable';
    return e.config_version === null || !(side in holds) || e.config_version === holds[side];
  });
  const live = release.candidate === null ? [] : [release.stage === 'shadow' ? 'shadow' : 'candidate'];
  const empty = Object.fromEntries(['stable', ...live].map((side) => [side, computeMetrics([])]));
  return { variants: { ...empty, ...compareVariants(kept) }, excluded: events.length - kept.length };
}

export const releaseRoutes = adminApp()
  // Operators read the release state; only admins change what customers get.
  .openapi(
    adminRoute('viewer', { method: 'get', path: '/', summary: 'The gray release state', responses: { 200: jsonAnswer(ReleaseAnswerSchema) } }),
    async (c) => c.json(answer(await readReleaseState(corpEnv(c)))),
  )
  .openapi(
    adminRoute('viewer', {
      method: 'get',
      path: '/compare',
      summary:
        'Figures per release variant (fallback, handoff, answer rates, satisfaction, with counts), each side counting only the version it holds now; at the shadow stage `differences` counts the turns where the candidate would have decided otherwise',
      request: { query: RangeQuerySchema },
      responses: { 200: jsonAnswer(CompareAnswerSchema) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const [release, range] = await Promise.all([readReleaseState(corpEnv(c)).then(answer), loadRange(corpEnv(c), q, { types: [...METRIC_EVENT_TYPES, 'shadow'] })]);
      const figures = range.events.filter((e) => e.type !== 'shadow');
      return c.json({ release, ...compareRelease(figures, release), differences: shadowDifferences(range.events, release.candidate), ...rangeOf(range) });
    },
  )
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'post',
        path: '/',
        summary: 'Release a version: shadow, internal, percent, or full (stable at once)',
        request: { body: jsonBody(ReleaseRequestSchema) },
        responses: { 200: jsonAnswer(ReleaseAnswerSchema) },
      },
      { errors: [404, 409] },
    ),
    async (c) => {
      const req = c.req.valid('json');
      const released = unwrap(await releaseVersion(corpEnv(c), req), req.version);
      // Vectors stored with the version are reused; missing ones (an earlier failure) are made now, after the answer.
      const vectors = loadConfig(corpEnv(c), req.version).then((config) => prepareInBackground(semanticBindings(corpEnv(c)), req.version, config));
      c.executionCtx.waitUntil(vectors.catch((e: unknown) => console.warn('release: semantic vectors not prepared', String(e))));
      return c.json(released);
    },
  )
  .openapi(
    adminRoute(
      'admin',
      { method: 'post', path: '/rollback', summary: 'Cancel the candidate: everyone back on stable', responses: { 200: jsonAnswer(ReleaseAnswerSchema) } },
      { errors: [409] },
    ),
    async (c) => c.json(unwrap(await rollbackRelease(corpEnv(c)))),
  );

import { Hono } from 'hono';
import { z } from 'zod';
import { readReleaseState, releaseVersion, rollbackRelease, type ReleaseOutcome, type ReleaseState } from '../storage/config-store';
import { releaseStages } from '../storage/schema';
import { requireRole, type AdminEnv } from './auth';
import { conflict, notFound } from './errors';
import { readBody } from './input';

const InternalSchema = z.strictObject({
  /** Customers (external_userid) who get the candidate at the internal stage. */
  ids: z.array(z.string().min(1).max(128)).max(1000).optional(),
  /** Customers with any of these tags (such as 内部员工) get it too. */
  tags: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
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

export const releaseRoutes = new Hono<AdminEnv>()
  // Operators read the release state; only admins change what customers get.
  .get('/', requireRole('viewer'), async (c) => c.json(answer(await readReleaseState(c.env))))
  .post('/', requireRole('admin'), async (c) => {
    const req = await readBody(c, ReleaseRequestSchema);
    return c.json(unwrap(await releaseVersion(c.env, req), req.version));
  })
  .post('/rollback', requireRole('admin'), async (c) => c.json(unwrap(await rollbackRelease(c.env))));

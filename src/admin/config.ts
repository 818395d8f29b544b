import { Hono } from 'hono';
import { z } from 'zod';
import { getStable, getVersion, listVersions, putVersion, readReleaseState } from '../storage/config-store';
import { prepareInBackground, semanticBindings } from '../storage/semantic-vectors';
import { validateConfig } from '../rules/config-validate';
import { requireRole, type AdminEnv } from './auth';
import { invalidInput, IssueSchema, notFound } from './errors';
import { check, readJson } from './input';

/** The whole config document may be large (10,000 keywords), but not unbounded. */
export const CONFIG_BODY_LIMIT = 256 * 1024;

export const VersionNumberSchema = z.coerce.number().int().min(1);
export const PutConfigQuerySchema = z.strictObject({ note: z.string().max(500).optional() });
export const PutConfigAnswerSchema = z.object({
  version: z.number().int(),
  warnings: z.array(IssueSchema).optional(),
  /** Old unreleased versions this one pushed past the quota (deleted). */
  pruned: z.array(z.number().int()).optional(),
});
export const ValidateAnswerSchema = z.object({
  valid: z.boolean(),
  issues: z.array(IssueSchema),
});
export const VersionMetaSchema = z.object({
  version: z.number().int(),
  created_at: z.number().int(),
  created_by: z.string(),
  note: z.string().nullable(),
  /** Whether this version is the stable one / the candidate now. */
  stable: z.boolean(),
  candidate: z.boolean(),
});

export const configRoutes = new Hono<AdminEnv>()
  .get('/', requireRole('viewer'), async (c) => {
    const stable = await getStable(c.env);
    if (!stable) throw notFound('no config stored yet');
    c.header('X-Config-Version', String(stable.version));
    return c.json(stable.document as Record<string, unknown>);
  })
  .put('/', requireRole('operator'), async (c) => {
    const { note } = check(PutConfigQuerySchema, c.req.query());
    const document = await readJson(c, CONFIG_BODY_LIMIT);
    const stored = await putVersion(c.env, document, { createdBy: c.get('principal').id, note: note ?? null });
    if (!stored.ok) throw invalidInput(stored.issues, 'the config document is invalid');
    // The semantic path's vectors, after the answer: a failure is logged and never refuses the version.
    c.executionCtx.waitUntil(prepareInBackground(semanticBindings(c.env), stored.version, stored.config));
    return c.json({ version: stored.version, ...(stored.warnings.length > 0 && { warnings: stored.warnings }), ...(stored.pruned.length > 0 && { pruned: stored.pruned }) });
  })
  .post('/validate', requireRole('operator'), async (c) => {
    const result = validateConfig(await readJson(c, CONFIG_BODY_LIMIT));
    return c.json({ valid: result.ok, issues: result.ok ? [] : result.issues, warnings: result.ok ? result.warnings : [] });
  })
  .get('/versions', requireRole('viewer'), async (c) => {
    const [versions, release] = await Promise.all([listVersions(c.env), readReleaseState(c.env)]);
    return c.json({ items: versions.map((v) => ({ ...v, stable: v.version === release?.stable, candidate: v.version === release?.candidate })) });
  })
  .get('/versions/:n', requireRole('viewer'), async (c) => {
    const n = check(VersionNumberSchema, c.req.param('n'));
    const stored = await getVersion(c.env, n);
    if (!stored) throw notFound(`no config version ${n}`);
    return c.json(stored);
  });

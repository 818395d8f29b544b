import { z } from 'zod';
import { getStable, getVersion, listVersions, putVersion, readReleaseState } from '../storage/config-store';
import { prepareInBackground, semanticBindings } from '../storage/semantic-vectors';
import { validateConfig } from '../rules/config-validate';
import { invalidInput, IssueSchema, notFound } from './errors';
import { adminApp, adminRoute, jsonAnswer, readJsonBody } from './route';
import { corpEnv } from './tenant';

/** The whole config document may be large (10,000 keywords), but not unbounded. */
export const CONFIG_BODY_LIMIT = 256 * 1024;

export const VersionParamSchema = z.object({ n: z.coerce.number().int().min(1) });
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

/**
 * The document is checked by validateConfig (schema and cross-references), which also answers the
 * dry run: the routes describe it (the Config component, ./openapi.ts) and do not validate it.
 */
const config = { $ref: '#/components/schemas/Config' };
const configBody = { required: true, content: { 'application/json': { schema: config } } };
const readConfig = { body: readJsonBody(CONFIG_BODY_LIMIT) };

export const configRoutes = adminApp()
  .openapi(
    adminRoute(
      'viewer',
      { method: 'get', path: '/', summary: 'The stable config document, as submitted', responses: { 200: { description: 'ok', content: { 'application/json': { schema: config } } } } },
      { errors: [404] },
    ),
    async (c) => {
      const stable = await getStable(corpEnv(c));
      if (!stable) throw notFound('no config stored yet');
      c.header('X-Config-Version', String(stable.version));
      return c.json(stable.document as Record<string, unknown>);
    },
  )
  .openapi(
    adminRoute(
      'operator',
      {
        method: 'put',
        path: '/',
        summary: 'Validate and store a new immutable version (the first becomes stable)',
        request: { query: PutConfigQuerySchema, body: configBody },
        responses: { 200: jsonAnswer(PutConfigAnswerSchema) },
      },
      readConfig,
    ),
    async (c) => {
      const { note } = c.req.valid('query');
      const stored = await putVersion(corpEnv(c), await c.req.json(), { createdBy: c.get('principal').id, note: note ?? null });
      if (!stored.ok) throw invalidInput(stored.issues, 'the config document is invalid');
      // The semantic path's vectors, after the answer: a failure is logged and never refuses the version.
      c.executionCtx.waitUntil(prepareInBackground(semanticBindings(corpEnv(c)), stored.version, stored.config));
      return c.json({ version: stored.version, ...(stored.warnings.length > 0 && { warnings: stored.warnings }), ...(stored.pruned.length > 0 && { pruned: stored.pruned }) });
    },
  )
  .openapi(
    adminRoute(
      'operator',
      { method: 'post', path: '/validate', summary: 'Dry run of PUT /config', request: { body: configBody }, responses: { 200: jsonAnswer(ValidateAnswerSchema) } },
      readConfig,
    ),
    async (c) => {
      const result = validateConfig(await c.req.json());
      return c.json({ valid: result.ok, issues: result.ok ? [] : result.issues, warnings: result.ok ? result.warnings : [] });
    },
  )
  .openapi(
    adminRoute('viewer', { method: 'get', path: '/versions', summary: 'Stored versions, newest first', responses: { 200: jsonAnswer(z.object({ items: z.array(VersionMetaSchema) })) } }),
    async (c) => {
      const [versions, release] = await Promise.all([listVersions(corpEnv(c)), readReleaseState(corpEnv(c))]);
      return c.json({ items: versions.map((v) => ({ ...v, stable: v.version === release?.stable, candidate: v.version === release?.candidate })) });
    },
  )
  .openapi(
    adminRoute(
      'viewer',
      { method: 'get', path: '/versions/{n}', summary: 'One stored version with its document', request: { params: VersionParamSchema }, responses: { 200: { description: 'ok' } } },
      { errors: [404] },
    ),
    async (c) => {
      const { n } = c.req.valid('param');
      const stored = await getVersion(corpEnv(c), n);
      if (!stored) throw notFound(`no config version ${n}`);
      return c.json(stored);
    },
  );

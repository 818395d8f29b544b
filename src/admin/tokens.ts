import type { Context } from 'hono';
import { z } from 'zod';
import { createDb, newId } from '../storage/db';
import { insertAdminToken, listAdminTokens, markAdminTokenRevoked, type AdminTokenMeta } from '../storage/admin-tokens';
import { tenantOf } from '../wecom/corp';
import { suiteModeOn } from '../wecom/suite-settings';
import { corpOfTenant, RoleSchema, sha256Hex, tokenKey, type AdminEnv, type StoredToken } from './auth';
import { requireActiveCorp } from './corp-context';
import { ApiError, invalidInput, notFound } from './errors';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';
import { SERVED_CORP_ID, SERVED_CORP_ID_RULE } from '../wecom/settings-shapes';

export const CreateTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  role: RoleSchema,
  /**
   * The corp the token acts for, for good (README "Who acts for which corp"). Only the provider
   * admin names a corp other than its caller's; left out, the token belongs to the corp the request
   * acts for (the provider's X-Corp-Id, else WECOM_CORP_ID; a corp-bound caller's own corp).
   */
  corp_id: z.string().regex(SERVED_CORP_ID, { error: SERVED_CORP_ID_RULE }).optional(),
});

export const TokenMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  created_at: z.number().int(),
  created_by: z.string(),
  revoked_at: z.number().int().nullable(),
  corp_id: z.string(),
});

/** Answered once, at creation: the secret is not stored anywhere it could be read back. */
export const CreatedTokenSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema, token: z.string(), created_at: z.number().int(), corp_id: z.string() });

const tokenIdKey = (id: string): string => `admin-token-id:${id}`;

/** 256 random bits, base64url, with a prefix that secret scanners and people can recognise. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `wkt_${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

const answerOf = ({ tenant, ...meta }: AdminTokenMeta, ownCorpId: string) => ({ ...meta, corp_id: corpOfTenant(tenant, ownCorpId) });

/** The corp a new token belongs to: `asked` when the caller may give it (see CreateTokenSchema), else the request's corp. */
async function tokenCorp(c: Context<AdminEnv>, asked: string | undefined): Promise<string> {
  const own = c.env.WECOM_CORP_ID;
  if (asked === undefined || asked === c.get('corp').id) return c.get('corp').id;
  if (!suiteModeOn(c.env)) throw invalidInput([{ code: 'custom', path: ['corp_id'], message: `single-corp mode serves WECOM_CORP_ID (${own}) only` }]);
  const bound = c.get('principal').corp;
  if (bound !== null) throw new ApiError(403, 'provider_only', `only the provider admin makes tokens for another corp; this caller belongs to corp ${bound}`);
  if (asked !== own) await requireActiveCorp(c.env, asked, null);
  return asked;
}

const TokenIdParamSchema = z.object({ id: z.string() });

export const tokenRoutes = adminApp()
  .openapi(
    adminRoute(
      'admin',
      {
        method: 'post',
        path: '/',
        summary: 'Create a token for one corp (answered once; stored hashed); 404 `corp_unknown` for a corp that never authorized the suite',
        request: { body: jsonBody(CreateTokenSchema) },
        responses: { 201: jsonAnswer(CreatedTokenSchema) },
      },
      { errors: [404] },
    ),
    async (c) => {
      const body = c.req.valid('json');
      const corpId = await tokenCorp(c, body.corp_id);
      const tenant = tenantOf({ id: corpId, mode: c.get('corp').mode }, c.env.WECOM_CORP_ID);
      const token = newSecret();
      const hash = await sha256Hex(token);
      const meta = { id: newId(12), name: body.name, role: body.role, created_at: Date.now(), created_by: c.get('principal').id, tenant };
      // D1 first: a token that exists in KV but not in D1 could read but never write or be listed.
      await insertAdminToken(createDb(c.env.DB), meta);
      await c.env.KV.put(tokenKey(hash), JSON.stringify({ id: meta.id, name: meta.name, role: meta.role, corp: tenant, created_at: meta.created_at } satisfies StoredToken));
      // The id → hash pointer lets DELETE find the KV key without keeping the hash in D1.
      await c.env.KV.put(tokenIdKey(meta.id), hash);
      return c.json(CreatedTokenSchema.parse({ ...meta, token, corp_id: corpId }), 201);
    },
  )
  .openapi(
    adminRoute('admin', { method: 'get', path: '/', summary: 'List tokens (no secrets)', responses: { 200: jsonAnswer(z.object({ items: z.array(TokenMetaSchema) })) } }),
    async (c) => c.json({ items: (await listAdminTokens(createDb(c.env.DB), tenantOf(c.get('corp'), c.env.WECOM_CORP_ID))).map((t) => answerOf(t, c.env.WECOM_CORP_ID)) }),
  )
  .openapi(
    adminRoute(
      'admin',
      { method: 'delete', path: '/{id}', summary: 'Revoke a token', request: { params: TokenIdParamSchema }, responses: { 200: jsonAnswer(TokenMetaSchema) } },
      { errors: [404] },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      // Another corp's token is not found: a corp sees and revokes its own tokens only.
      // D1 first: from here on no write with this token is accepted anywhere (see auth.ts).
      const revoked = await markAdminTokenRevoked(createDb(c.env.DB), id, tenantOf(c.get('corp'), c.env.WECOM_CORP_ID), Date.now());
      if (!revoked) throw notFound(`no token with id ${id} in corp ${c.get('corp').id}`);
      const hash = await c.env.KV.get(tokenIdKey(id));
      if (hash) await c.env.KV.delete(tokenKey(hash));
      await c.env.KV.delete(tokenIdKey(id));
      return c.json(answerOf(revoked, c.env.WECOM_CORP_ID));
    },
  );

import { z } from 'zod';
import { createDb, newId } from '../storage/db';
import { getAdminToken, insertAdminToken, listAdminTokens, markAdminTokenRevoked } from '../storage/admin-tokens';
import { RoleSchema, sha256Hex, tokenKey } from './auth';
import { notFound } from './errors';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';

export const CreateTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  role: RoleSchema,
});

export const TokenMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  created_at: z.number().int(),
  created_by: z.string(),
  revoked_at: z.number().int().nullable(),
});

/** Answered once, at creation: the secret is not stored anywhere it could be read back. */
export const CreatedTokenSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema, token: z.string(), created_at: z.number().int() });

const tokenIdKey = (id: string): string => `admin-token-id:${id}`;

/** 256 random bits, base64url, with a prefix that secret scanners and people can recognise. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `wkt_${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

const TokenIdParamSchema = z.object({ id: z.string() });

export const tokenRoutes = adminApp()
  .openapi(
    adminRoute('admin', {
      method: 'post',
      path: '/',
      summary: 'Create a token (answered once; stored hashed)',
      request: { body: jsonBody(CreateTokenSchema) },
      responses: { 201: jsonAnswer(CreatedTokenSchema) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const token = newSecret();
      const hash = await sha256Hex(token);
      const meta = { id: newId(12), name: body.name, role: body.role, created_at: Date.now(), created_by: c.get('principal').id };
      // D1 first: a token that exists in KV but not in D1 could read but never write or be listed.
      await insertAdminToken(createDb(c.env.DB), meta);
      await c.env.KV.put(tokenKey(hash), JSON.stringify({ id: meta.id, name: meta.name, role: meta.role }));
      // The id → hash pointer lets DELETE find the KV key without keeping the hash in D1.
      await c.env.KV.put(tokenIdKey(meta.id), hash);
      return c.json(CreatedTokenSchema.parse({ ...meta, token }), 201);
    },
  )
  .openapi(
    adminRoute('admin', { method: 'get', path: '/', summary: 'List tokens (no secrets)', responses: { 200: jsonAnswer(z.object({ items: z.array(TokenMetaSchema) })) } }),
    async (c) => c.json({ items: await listAdminTokens(createDb(c.env.DB)) }),
  )
  .openapi(
    adminRoute(
      'admin',
      { method: 'delete', path: '/{id}', summary: 'Revoke a token', request: { params: TokenIdParamSchema }, responses: { 200: jsonAnswer(TokenMetaSchema) } },
      { errors: [404] },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = createDb(c.env.DB);
      if (!(await getAdminToken(db, id))) throw notFound(`no token with id ${id}`);
      // D1 first: from here on no write with this token is accepted anywhere (see auth.ts).
      const revoked = await markAdminTokenRevoked(db, id, Date.now());
      const hash = await c.env.KV.get(tokenIdKey(id));
      if (hash) await c.env.KV.delete(tokenKey(hash));
      await c.env.KV.delete(tokenIdKey(id));
      return c.json(revoked);
    },
  );

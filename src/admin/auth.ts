import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Env } from '../env';
import { createDb } from '../storage/db';
import { getAdminToken } from '../storage/admin-tokens';
import { forbidden, misconfigured, unauthorized } from './errors';
import { RoleSchema, type Role } from './roles';
import { readSessionCookie } from './signin/cookies';
import { sessionPrincipal } from './signin/session-auth';
import { OWN_TENANT, type CorpIdentity } from '../wecom/corp';
import { suiteModeOn } from '../wecom/suite-settings';
import { ADMIN_TOKEN_MIN } from '../wecom/settings-shapes';

/**
 * Bearer authentication and roles of the admin API.
 *
 * `ADMIN_TOKEN` (a secret) is the bootstrap admin. Other tokens are random 256-bit secrets;
 * only their SHA-256 lives in KV (`admin-token:<hex>` → {id, name, role}), so a KV or D1 leak
 * reveals no usable token.
 *
 * Revocation and KV's eventual consistency: revoking deletes the KV key and marks the token
 * revoked in D1. KV reads are cached per location for KV_CACHE_TTL_S, so elsewhere a revoked token
 * may still READ for about that long. Every request that changes something also checks D1 (strongly
 * consistent), so a revoked token can never write again, anywhere, from the moment DELETE answers.
 *
 * A request without an Authorization header may instead carry the console's session cookie of a
 * person signed in by WeCom QR code (./signin/session-auth.ts: writes need its CSRF token).
 */

export { roles, RoleSchema, type Role } from './roles';

export interface Principal {
  /** `bootstrap` for ADMIN_TOKEN; `wecom:<userid>` for a person signed in to the console. */
  id: string;
  name: string;
  role: Role;
  /** A bearer token, or the console's session cookie (README "Signing in to the console"). */
  via: 'token' | 'session';
  /**
   * The corp the caller belongs to and acts for; null for the provider admin of many-corps mode
   * (ADMIN_TOKEN), who picks a corp with X-Corp-Id (./corp-context.ts).
   */
  corp: string | null;
  /** When the token or session was made (0 for ADMIN_TOKEN): one made before its corp's current authorization acts for nothing. */
  issuedAt: number;
}

/** `auditSummary`: what a write says it did, for the audit log (else the log picks from its answer); `corp`: the corp the request acts for (./corp-context.ts). */
export type AdminEnv = {
  Bindings: Env;
  Variables: { principal: Principal; auditSummary?: string; corp: CorpIdentity };
};

export const BOOTSTRAP_ID = 'bootstrap';
export const tokenKey = (hash: string): string => `admin-token:${hash}`;
/** KV's minimum (and default) edge cache time: the bound on a revoked token's reads elsewhere. */
export const KV_CACHE_TTL_S = 60;

/** `corp`: the tenant key of the token's corp ('' the own corp; tokens stored before corps were bound have none, so they are the own corp's). */
export const StoredTokenSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema, corp: z.string().default(''), created_at: z.number().int().default(0) });
export type StoredToken = z.infer<typeof StoredTokenSchema>;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Constant-time: both sides are hashed first, so lengths match and timing says nothing about the secret. */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([a, b].map((s) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(s))));
  return crypto.subtle.timingSafeEqual(x!, y!);
}

export const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

/** ADMIN_TOKEN: the provider admin in many-corps mode (any corp, through X-Corp-Id), the own corp's admin otherwise. */
export const bootstrapPrincipal = (env: Env): Principal => ({ id: BOOTSTRAP_ID, name: 'ADMIN_TOKEN', role: 'admin', via: 'token', corp: suiteModeOn(env) ? null : env.WECOM_CORP_ID, issuedAt: 0 });

/** The corp id a stored tenant key stands for ('' is the own corp, src/wecom/corp.ts). */
export const corpOfTenant = (tenant: string, ownCorpId: string): string => (tenant === OWN_TENANT ? ownCorpId : tenant);

/** A guessable ADMIN_TOKEN turns the whole admin API off, whoever asks. */
function refuseShortBootstrap(bootstrap: string | undefined): void {
  if (bootstrap && bootstrap.length < ADMIN_TOKEN_MIN) {
    throw misconfigured(`ADMIN_TOKEN is ${bootstrap.length} characters long; it must be at least ${ADMIN_TOKEN_MIN} (wrangler secret put ADMIN_TOKEN): the admin API is off until then`);
  }
}

/** A bearer token when the request carries an Authorization header (as before), else the console's session cookie. */
export const authenticate: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const sessionId = c.req.header('Authorization') === undefined ? readSessionCookie(c) : undefined;
  if (sessionId !== undefined) {
    refuseShortBootstrap(c.env.ADMIN_TOKEN);
    c.set('principal', await sessionPrincipal(c, sessionId, isRead(c.req.method)));
    return next();
  }
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized();
  const token = match[1]!;
  const bootstrap = c.env.ADMIN_TOKEN;
  refuseShortBootstrap(bootstrap);
  let principal: Principal | undefined;
  // An unset or empty ADMIN_TOKEN must not turn an empty-looking bearer into an admin.
  if (bootstrap && (await sameSecret(token, bootstrap))) principal = bootstrapPrincipal(c.env);
  else {
    const stored = StoredTokenSchema.safeParse(await c.env.KV.get(tokenKey(await sha256Hex(token)), { type: 'json', cacheTtl: KV_CACHE_TTL_S }));
    if (!stored.success) throw unauthorized();
    if (!isRead(c.req.method)) {
      const meta = await getAdminToken(createDb(c.env.DB), stored.data.id);
      if (!meta || meta.revoked_at !== null) throw unauthorized('this token was revoked');
    }
    const { corp, created_at, ...rest } = stored.data;
    principal = { ...rest, via: 'token', corp: corpOfTenant(corp, c.env.WECOM_CORP_ID), issuedAt: created_at };
  }
  c.set('principal', principal);
  await next();
};

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Every route states the least role it needs; nothing is reachable without passing one of these. */
export const requireRole =
  (least: Role): MiddlewareHandler<AdminEnv> =>
  async (c, next) => {
    const { role } = c.get('principal');
    if (rank[role] < rank[least]) throw forbidden(`this needs the ${least} role; the ${c.get('principal').via === 'session' ? 'signed-in person' : 'token'} has ${role}`);
    await next();
  };

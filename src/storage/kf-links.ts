import type { TenantEnv } from './tenant';
import type { WecomApi } from '../wecom/api';

/**
 * kf/add_contact_way's url for (open_kfid, scene) never changes, so it is cached in KV without
 * expiry: a channel's printed QR code and the backup link in a failover notice cost WeCom one
 * call each, ever. Throws WecomApiError when WeCom refuses.
 */
const linkKey = (openKfid: string, scene: string): string => `kf-link:${openKfid}:${scene}`;

/** `api` is the corp's own WeCom client (src/objects/corp-api.ts): the link belongs to its kf account. */
export async function kfLinkUrl(env: TenantEnv, api: WecomApi, openKfid: string, scene?: string): Promise<string> {
  const known = await storedKfLinkUrl(env, openKfid, scene);
  if (known) return known;
  const { url } = await api.addContactWay({ open_kfid: openKfid, ...(scene ? { scene } : {}) });
  await env.KV.put(linkKey(openKfid, scene ?? ''), url);
  return url;
}

/** The link if one was created already; never calls WeCom (public reads use this). */
export async function storedKfLinkUrl(env: TenantEnv, openKfid: string, scene?: string): Promise<string | null> {
  return env.KV.get(linkKey(openKfid, scene ?? ''));
}

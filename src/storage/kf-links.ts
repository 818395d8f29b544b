import type { Env } from '../env';
import { createWecomApi } from '../wecom/api';

/**
 * kf/add_contact_way's url for (open_kfid, scene) never changes, so it is cached in KV without
 * expiry: a channel's printed QR code and the backup link in a failover notice cost WeCom one
 * call each, ever. Throws WecomApiError when WeCom refuses.
 */
const linkKey = (openKfid: string, scene: string): string => `kf-link:${openKfid}:${scene}`;

/** The link made before, or null: reads only (no WeCom call, no write). */
export function knownKfLinkUrl(env: Env, openKfid: string, scene?: string): Promise<string | null> {
  return env.KV.get(linkKey(openKfid, scene ?? ''));
}

export async function kfLinkUrl(env: Env, openKfid: string, scene?: string): Promise<string> {
  const key = linkKey(openKfid, scene ?? '');
  const known = await env.KV.get(key);
  if (known) return known;
  const { url } = await createWecomApi(env).addContactWay({ open_kfid: openKfid, ...(scene ? { scene } : {}) });
  await env.KV.put(key, url);
  return url;
}

import { Hono } from 'hono';
import { renderSVG } from 'uqr';
import { z } from 'zod';
import type { Env } from '../env';
import type { Channel, Config } from '../rules/config';
import { sceneParamOf } from '../rules/config-validate';
import { loadStableConfig } from '../storage/config-store';
import { kfLinkUrl, knownKfLinkUrl } from '../storage/kf-links';
import { WecomApiError } from '../wecom/errors';
import { requireRole, type AdminEnv } from './auth';
import { ApiError, conflict, notFound } from './errors';
import { check } from './input';

export const ChannelLinkSchema = z.object({
  code: z.string(),
  open_kfid: z.string(),
  /** The kf link to embed or print: add_contact_way's url with `scene` = code, plus `&scene_param=` from params. */
  url: z.string(),
  /** The raw scene_param (before urlencoding): the channel's params as a query string. */
  scene_param: z.string().nullable(),
});

const CodeSchema = z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, { error: 'must be a channel code' });

/** The channel's kf account: its own open_kfid, else the only link of the document. */
function accountOf(channel: Channel, config: Config): string {
  const account = channel.open_kfid ?? (config.links.length === 1 ? config.links[0]!.open_kfid : undefined);
  if (!account) throw conflict('no_open_kfid', `channel ${channel.code} names no open_kfid and the document has ${config.links.length} links to choose from`);
  return account;
}

/**
 * The channel's kf link. `make`: ask WeCom for it when it was never made (add_contact_way creates
 * a contact way on WeCom's side, and the answer is cached in KV), which only POST does; a GET only
 * reads what was made, so reading never changes anything.
 */
export async function channelLink(env: Env, code: string, make: boolean): Promise<z.infer<typeof ChannelLinkSchema>> {
  const config = await loadStableConfig(env);
  const channel = config?.channels.find((ch) => ch.code === code);
  if (!config || !channel) throw notFound(`no channel ${code} in the stable config`);
  const openKfid = accountOf(channel, config);
  let base: string | null;
  try {
    base = make ? await kfLinkUrl(env, openKfid, code) : await knownKfLinkUrl(env, openKfid, code);
  } catch (e) {
    if (e instanceof WecomApiError) throw new ApiError(502, 'wecom_error', `WeCom refused add_contact_way: ${e.message}`);
    throw e;
  }
  if (base === null) throw notFound(`the kf link of channel ${code} was not made yet: POST /admin/api/channels/${code}/link (operator) makes it`);
  // WeCom echoes scene_param verbatim in enter_session; only links with a scene may carry one.
  const sceneParam = Object.keys(channel.params).length > 0 ? sceneParamOf(channel.params) : null;
  const url = sceneParam === null ? base : `${base}${base.includes('?') ? '&' : '?'}scene_param=${encodeURIComponent(sceneParam)}`;
  return { code, open_kfid: openKfid, url, scene_param: sceneParam };
}

export const channelRoutes = new Hono<AdminEnv>()
  .post('/:code/link', requireRole('operator'), async (c) => c.json(await channelLink(c.env, check(CodeSchema, c.req.param('code')), true)))
  .get('/:code/link', requireRole('viewer'), async (c) => c.json(await channelLink(c.env, check(CodeSchema, c.req.param('code')), false)))
  .get('/:code/qr.svg', requireRole('viewer'), async (c) => {
    const { url } = await channelLink(c.env, check(CodeSchema, c.req.param('code')), false);
    return c.body(renderSVG(url), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
  });

import { renderSVG } from 'uqr';
import { z } from 'zod';
import { channelSceneParam, miniProgramSnippet, pageSceneParam, webSnippet, withSceneParam } from '../rules/channel-link';
import type { Channel, Config } from '../rules/config';
import { loadStableConfig } from '../storage/config-store';
import { kfLinkUrl, storedKfLinkUrl } from '../storage/kf-links';
import { conflict, notFound } from './errors';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { viaWecom } from './wecom-refusal';
import type { TenantEnv } from '../storage/tenant';
import { corpWecomApi } from '../objects/corp-api';
import { corpEnv } from './tenant';
import { OWN_TENANT } from '../wecom/corp';

export const ChannelLinkSchema = z.object({
  code: z.string(),
  open_kfid: z.string(),
  /** The kf link to embed or print: add_contact_way's url with `scene` = code, plus `&scene_param=` from params. */
  url: z.string(),
  /** The raw scene_param (before urlencoding): the channel's params as a query string. */
  scene_param: z.string().nullable(),
});

export const ChannelSnippetsSchema = z.object({
  url: z.string(),
  /** The `<script>` a web page adds for the consult button (GET /widget.js). */
  web: z.string(),
  /** `wx.openCustomerServiceChat({extInfo: {url}, corpId})` for a mini-program's tap handler. */
  miniprogram: z.string(),
});

export const ChannelCodeSchema = z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, { error: 'must be a channel code' });
const ChannelParamSchema = z.object({ code: ChannelCodeSchema });

/** The channel's kf account: its own open_kfid, else the only link of the document. */
function accountOf(channel: Channel, config: Config): string {
  const account = channel.open_kfid ?? (config.links.length === 1 ? config.links[0]!.open_kfid : undefined);
  if (!account) throw conflict('no_open_kfid', `channel ${channel.code} names no open_kfid and the document has ${config.links.length} links to choose from`);
  return account;
}

async function channelOf(env: TenantEnv, code: string): Promise<{ channel: Channel; openKfid: string }> {
  const config = await loadStableConfig(env);
  const channel = config?.channels.find((ch) => ch.code === code);
  if (!config || !channel) throw notFound(`no channel ${code} in the stable config`);
  return { channel, openKfid: accountOf(channel, config) };
}

/**
 * The channel's kf link. `make`: ask WeCom for it when it was never made (add_contact_way creates
 * a contact way on WeCom's side, and the answer is cached in KV for good), which only POST does; a
 * GET only reads what was made, so reading never changes anything.
 */
export async function channelLink(env: TenantEnv, code: string, make: boolean): Promise<z.infer<typeof ChannelLinkSchema>> {
  const { channel, openKfid } = await channelOf(env, code);
  const base = make ? await viaWecom(() => kfLinkUrl(env, corpWecomApi(env), openKfid, code)) : await storedKfLinkUrl(env, openKfid, code);
  if (base === null) throw notFound(`the kf link of channel ${code} was not made yet: POST /admin/api/channels/${code}/link (operator) makes it`);
  // WeCom echoes scene_param verbatim in enter_session; only links with a scene may carry one.
  const sceneParam = channelSceneParam(channel.params);
  return { code, open_kfid: openKfid, url: withSceneParam(base, sceneParam), scene_param: sceneParam };
}

/**
 * The channel's link for a web page, from what is stored only (no WeCom call, no write): 404 until
 * the link was created through the admin API. `page` joins the scene_param (shortened to fit).
 */
export async function storedChannelLink(env: TenantEnv, code: string, page?: string): Promise<{ code: string; url: string; scene_param: string | null }> {
  const { channel, openKfid } = await channelOf(env, code);
  const base = await storedKfLinkUrl(env, openKfid, code);
  if (!base) throw notFound(`the link of channel ${code} has not been made yet: make it once in the console (渠道活码) or with POST /admin/api/channels/${code}/link`);
  const sceneParam = pageSceneParam(channel.params, page);
  return { code, url: withSceneParam(base, sceneParam), scene_param: sceneParam };
}

/** A read of a channel's link made before: 404 until POST …/link made it, 409 when the channel's kf account is ambiguous. */
const readLink = { errors: [404, 409] };

export const channelRoutes = adminApp()
  .openapi(
    adminRoute(
      'operator',
      {
        method: 'post',
        path: '/{code}/link',
        summary: "Makes the channel's kf link once (add_contact_way with scene = code, cached) and answers it",
        request: { params: ChannelParamSchema },
        responses: { 200: jsonAnswer(ChannelLinkSchema) },
      },
      { errors: [404, 409, 502] },
    ),
    async (c) => c.json(await channelLink(corpEnv(c), c.req.valid('param').code, true)),
  )
  .openapi(
    adminRoute(
      'viewer',
      {
        method: 'get',
        path: '/{code}/link',
        summary: "A channel's kf link made before (scene = code, scene_param from params); 404 until POST made it",
        request: { params: ChannelParamSchema },
        responses: { 200: jsonAnswer(ChannelLinkSchema) },
      },
      readLink,
    ),
    async (c) => c.json(await channelLink(corpEnv(c), c.req.valid('param').code, false)),
  )
  .openapi(
    adminRoute(
      'viewer',
      {
        method: 'get',
        path: '/{code}/qr.svg',
        summary: "The channel's kf link as a QR code (404 until POST …/link made it)",
        request: { params: ChannelParamSchema },
        responses: { 200: { description: 'ok', content: { 'image/svg+xml': { schema: z.string() } } } },
      },
      readLink,
    ),
    async (c) => {
      const { url } = await channelLink(corpEnv(c), c.req.valid('param').code, false);
      return c.body(renderSVG(url), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
    },
  )
  .openapi(
    adminRoute(
      'viewer',
      {
        method: 'get',
        path: '/{code}/snippets',
        summary: 'The web <script> (widget.js) and the mini-program wx.openCustomerServiceChat call for a channel',
        request: { params: ChannelParamSchema },
        responses: { 200: jsonAnswer(ChannelSnippetsSchema) },
      },
      readLink,
    ),
    async (c) => {
      const { code } = c.req.valid('param');
      const env = corpEnv(c);
      const { url } = await channelLink(env, code, false);
      const corpId = c.var.corp.id;
      // Another corp's page names its corp, so the public read serves that corp's channel.
      const web = webSnippet(new URL(c.req.url).origin, code, env.TENANT === OWN_TENANT ? undefined : corpId);
      return c.json({ url, web, miniprogram: miniProgramSnippet({ url, corpId }) });
    },
  );

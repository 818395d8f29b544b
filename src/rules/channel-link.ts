import { SCENE_PARAM_MAX_BYTES, sceneParamOf } from './config-validate';

/**
 * A channel's kf link and the snippets that open it. kf/add_contact_way answers a link for the
 * channel's scene; `&scene_param=` (at most 128 bytes before urlencoding) may be appended and
 * comes back verbatim in the enter_session event
 * (https://developer.work.weixin.qq.com/document/path/94665). Pure.
 */

const byteLength = (s: string): number => new TextEncoder().encode(s).length;

/** The link with its scene_param appended (urlencoded), or the link as WeCom gave it. */
export function withSceneParam(base: string, sceneParam: string | null): string {
  if (sceneParam === null || sceneParam === '') return base;
  return `${base}${base.includes('?') ? '&' : '?'}scene_param=${encodeURIComponent(sceneParam)}`;
}

/** The channel's params as scene_param, or null without any. */
export function channelSceneParam(params: Record<string, string>): string | null {
  return Object.keys(params).length > 0 ? sceneParamOf(params) : null;
}

/** The scene_param key that carries the web page's path (a channel param of that name wins). */
export const PAGE_KEY = 'path';

/**
 * The channel's params plus the web page the customer clicked on (`path=/products/1`) as
 * scene_param, within WeCom's 128 bytes: the page is shortened from its end to fit, and left out
 * when even an empty one would not fit or the channel's own params already name `path`. The
 * channel's params always stay whole (validation keeps them within the limit).
 */
export function pageSceneParam(params: Record<string, string>, page: string | undefined): string | null {
  const base = channelSceneParam(params);
  if (!page || PAGE_KEY in params) return base;
  let chars = Array.from(page);
  const build = () => sceneParamOf({ ...params, [PAGE_KEY]: chars.join('') });
  if (byteLength(sceneParamOf({ ...params, [PAGE_KEY]: '' })) > SCENE_PARAM_MAX_BYTES) return base;
  while (byteLength(build()) > SCENE_PARAM_MAX_BYTES) chars = chars.slice(0, -1);
  return chars.length > 0 ? build() : base;
}

/**
 * The one line a web page adds to show the consult button (src/routes/widget.ts); `corpId` names
 * an authorized corp other than the deployment's own (many-corps mode), whose channel it opens.
 */
export function webSnippet(origin: string, code: string, corpId?: string): string {
  const corp = corpId === undefined ? '' : ` data-corp="${corpId}"`;
  return `<script src="${origin}/widget.js" data-channel="${code}"${corp} async></script>`;
}

/**
 * The mini-program call that opens the kf chat: `wx.openCustomerServiceChat` (base library
 * 2.19.0 or later), which must run from a tap handler
 * (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/service-chat/wx.openCustomerServiceChat.html).
 * Values go in as JSON literals, so no URL or corp id can break out of the string.
 */
export function miniProgramSnippet(a: { url: string; corpId: string }): string {
  return [
    '// 在按钮的点击事件（bindtap）中调用；基础库 2.19.0 及以上',
    'wx.openCustomerServiceChat({',
    `  extInfo: { url: ${JSON.stringify(a.url)} },`,
    `  corpId: ${JSON.stringify(a.corpId)},`,
    '  fail(err) {',
    "    console.error('打开微信客服失败', err);",
    '  },',
    '});',
  ].join('\n');
}

import { ApiFailure, ControlError } from '../errcodes';
import type { SimClock } from '../clock';
import { authorizeInstall, scanCustomizedQr } from './control';
import type { SuiteProvider } from './provider';

/**
 * The platform's install page (https://open.work.weixin.qq.com/3rdapp/install?suite_id=&pre_auth_code=&redirect_uri=&state=):
 * the tester picks a corp and presses 授权; the page redirects to redirect_uri with the auth code
 * and pushes create_auth (server mode), as WeCom does. A 代开发 template's QR link
 * (/3rdapp/customized_auth?qrcode=, ./provider-desk.ts) plays the scan: the tester picks the corp
 * and create_auth is pushed with the QR code's State; there is no redirect.
 */

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const page = (status: number, body: string) =>
  new Response(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>企业微信 · 授权安装（模拟）</title></head><body>${body}</body></html>`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });

export async function answerInstallPage(provider: SuiteProvider | null, clock: SimClock, request: Request, url: URL): Promise<Response> {
  if (!provider) return page(409, '<p>没有模拟的服务商应用（POST /_sim/suite/setup）。</p>');
  if (request.method === 'GET' && url.pathname === '/3rdapp/install') {
    const q = Object.fromEntries(url.searchParams);
    if (q.suite_id !== provider.setup.suite_id) return page(400, '<p>suite_id 不正确。</p>');
    const hidden = ['pre_auth_code', 'redirect_uri', 'state'].map((k) => `<input type="hidden" name="${k}" value="${escape(q[k] ?? '')}">`).join('');
    const corps = provider
      .view()
      .corps.map((c) => `<form method="post" action="/3rdapp/install/authorize">${hidden}<input type="hidden" name="corp_id" value="${escape(c.corp_id)}"><button>授权给「${escape(c.name)}」</button></form>`)
      .join('');
    return page(200, `<h1>选择要授权的企业</h1>${corps}`);
  }
  if (request.method === 'GET' && url.pathname === '/3rdapp/customized_auth') {
    const hidden = `<input type="hidden" name="qrcode_url" value="${escape(url.toString())}">`;
    const corps = provider
      .view()
      .corps.map((c) => `<form method="post" action="/3rdapp/customized_auth/authorize">${hidden}<input type="hidden" name="corp_id" value="${escape(c.corp_id)}"><button>以「${escape(c.name)}」管理员身份扫码授权</button></form>`)
      .join('');
    return page(200, `<h1>扫码授权代开发应用</h1>${corps}`);
  }
  if (request.method === 'POST' && url.pathname === '/3rdapp/customized_auth/authorize') {
    const form = await request.formData();
    try {
      const answer = scanCustomizedQr(provider, clock, { qrcode_url: String(form.get('qrcode_url') ?? ''), corp_id: String(form.get('corp_id') ?? '') });
      return page(200, `<p>已授权，auth_code ${escape(answer.auth_code)}，state ${escape(answer.state)}</p>`);
    } catch (e) {
      if (e instanceof ControlError) return page(e.status, `<p>${escape(e.message)}</p>`);
      throw e;
    }
  }
  if (request.method === 'POST' && url.pathname === '/3rdapp/install/authorize') {
    const form = await request.formData();
    const field = (k: string) => (typeof form.get(k) === 'string' && form.get(k) !== '' ? (form.get(k) as string) : undefined);
    try {
      const answer = authorizeInstall(provider, clock, { pre_auth_code: field('pre_auth_code') ?? '', corp_id: field('corp_id') ?? '', redirect_uri: field('redirect_uri'), state: field('state') });
      return answer.redirect ? Response.redirect(answer.redirect, 302) : page(200, `<p>已授权，auth_code ${escape(answer.auth_code)}</p>`);
    } catch (e) {
      if (e instanceof ApiFailure) return page(400, `<p>授权失败：${e.errcode} ${escape(e.errmsg)}</p>`);
      if (e instanceof ControlError) return page(e.status, `<p>${escape(e.message)}</p>`);
      throw e;
    }
  }
  return page(404, '<p>没有这个页面。</p>');
}

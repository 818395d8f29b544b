import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The sign-in's answers to a person (not to a script): a small Chinese HTML page saying what
 * happened and what to do, under a CSP that allows nothing but the page itself.
 */

const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export const SIGNIN_PAGE_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Through the context, so cookies set on it (the cleared `state`) go out with the page. */
export function signinPage(c: Context, status: ContentfulStatusCode, title: string, message: string): Response {
  return page(c, status, title, `<p>${escape(message)}</p>\n<p><a href="/console">返回控制台登录页</a></p>`, SIGNIN_PAGE_CSP);
}

/** A 代开发 app's sign-in starts in one corp: the person names it (a GET form back to /auth/wecom, the only place it may send to). */
export function chooseCorpPage(c: Context): Response {
  const form = `<p>请输入要登录的企业的企业ID（企业微信管理后台 → 我的企业 → 企业ID），再用企业微信扫码。</p>
<form method="get" action="/auth/wecom"><label for="corp">企业ID</label> <input id="corp" name="corp" required pattern="[A-Za-z0-9_\\-]{1,64}" autocomplete="organization"> <button>继续</button></form>`;
  return page(c, 400, '选择企业', form, SIGNIN_PAGE_CSP.replace("form-action 'none'", "form-action 'self'"));
}

function page(c: Context, status: ContentfulStatusCode, title: string, body: string, csp: string): Response {
  const html = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} · 客服控制台</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>
`;
  return c.html(html, status, { 'content-security-policy': csp, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
}

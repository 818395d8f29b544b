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
  const html = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} · 客服控制台</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
<p>${escape(message)}</p>
<p><a href="/console">返回控制台登录页</a></p>
</main>
</body>
</html>
`;
  return c.html(html, status, { 'content-security-policy': SIGNIN_PAGE_CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
}

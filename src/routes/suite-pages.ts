import { html, raw } from 'hono/html';

/**
 * The small Chinese pages a corp's admin sees at the end of an install
 * (GET /wecom/suite/authorized). Values are escaped by hono/html.
 */
export function installPage(title: string, lines: string[]): string {
  return String(html`<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.6}h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1>${raw(lines.map((l) => String(html`<p>${l}</p>`)).join(''))}</body>
</html>`);
}

import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

/**
 * The console is Workers Static Assets beside the Worker: its page, its strict CSP (the assets'
 * _headers), and the old address. SELF reaches the Worker itself, the assets through their binding
 * (the browser test goes through the real router: assets first, then the Worker).
 */
describe('the console', () => {
  it('is served at /console with a strict CSP and no inline script or style', async () => {
    const r = await env.ASSETS.fetch('http://example.com/console');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    const html = await r.text();
    expect(html).toMatch(/<script type="module" src="\/console\/app-[A-Z0-9]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script>|<style|style=/);
  });

  it('serves the bundle named by its hash, cached for good', async () => {
    const html = await (await env.ASSETS.fetch('http://example.com/console')).text();
    const script = /src="(\/console\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    const r = await env.ASSETS.fetch(`http://example.com${script}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/javascript/);
    expect(r.headers.get('cache-control')).toContain('immutable');
  });

  it('moved from /dashboard', async () => {
    const r = await SELF.fetch('http://example.com/dashboard', { redirect: 'manual' });
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/console');
  });

  it('leaves the admin API to the Worker', async () => {
    const r = await SELF.fetch('http://example.com/admin/api/config');
    expect(r.status).toBe(401);
  });
});

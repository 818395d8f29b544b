import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import example from '../fixtures/config.example.json';
import { api, resetStorage } from './support/admin';
import { resetSim, sim } from './support/sim';

/** The web channel: /widget.js, the public link read it uses, and the snippets for a channel. */

const OPEN_KFID = example.channels[0]!.open_kfid;
const linkJson = (code: string, page?: string) => SELF.fetch(`http://edge.test/channels/${code}/link.json${page === undefined ? '' : `?page=${encodeURIComponent(page)}`}`);

beforeEach(async () => {
  await resetStorage();
  await resetSim({ accounts: [{ open_kfid: OPEN_KFID }] });
  await api('PUT', '/config', { body: example });
});

describe('GET /widget.js', () => {
  it('is cacheable JavaScript that a strict CSP can run', async () => {
    const r = await SELF.fetch('http://edge.test/widget.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const source = await r.text();
    expect(source.length).toBeLessThan(4096);
    // Nothing a strict CSP blocks: no eval, no string-built code, no style attributes or elements, no inline handlers.
    for (const blocked of [/\beval\(/, /new Function/, /setTimeout\(\s*['"`]/, /setAttribute\(\s*['"]style/, /createElement\(\s*['"]style/, /\.innerHTML/, /setAttribute\(\s*['"]on/]) {
      expect(source).not.toMatch(blocked);
    }
    // A real, labelled button.
    expect(source).toContain("createElement('button')");
    expect(source).toContain("setAttribute('aria-label'");
  });
});

describe('GET /channels/:code/link.json', () => {
  it('is 404 until the link exists, then answers it with this page in scene_param, without calling WeCom', async () => {
    const before = await linkJson('BJ001', '/products/1');
    expect(before.status).toBe(404);
    expect(before.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await before.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await sim.calls({ path: 'kf/add_contact_way' })).items).toEqual([]);

    const created = await api('POST', '/channels/BJ001/link');
    const r = await linkJson('BJ001', '/products/1');
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    const body = (await r.json()) as { code: string; url: string; scene_param: string };
    expect(body.scene_param).toBe('store_id=BJ001&activity=summer_sale&path=%2Fproducts%2F1');
    const url = new URL(body.url);
    expect(url.searchParams.get('scene_param')).toBe(body.scene_param);
    expect(url.searchParams.get('enc_scene')).toBe(new URL(created.body.url).searchParams.get('enc_scene'));
    // The public read asked WeCom nothing: the one add_contact_way is the admin's.
    expect((await sim.calls({ path: 'kf/add_contact_way' })).items).toHaveLength(1);
  });

  it('keeps scene_param within 128 bytes by shortening the page; no page means the channel params alone', async () => {
    await api('POST', '/channels/BJ001/link');
    const long = (await (await linkJson('BJ001', `/${'商品'.repeat(100)}`)).json()) as { scene_param: string };
    expect(new TextEncoder().encode(long.scene_param).length).toBeLessThanOrEqual(128);
    expect(long.scene_param).toMatch(/^store_id=BJ001&activity=summer_sale&path=%2F/);
    expect(((await (await linkJson('BJ001')).json()) as { scene_param: string }).scene_param).toBe('store_id=BJ001&activity=summer_sale');
  });

  it('an unknown channel or a malformed code is refused', async () => {
    expect((await linkJson('NOPE', '/')).status).toBe(404);
    expect((await linkJson('bad%20code', '/')).status).toBe(400);
  });

  it('names the own corp or no corp in a single-corp deployment: any other corp is a 404, a malformed one a 400', async () => {
    await api('POST', '/channels/BJ001/link');
    const read = (corp: string) => SELF.fetch(`http://edge.test/channels/BJ001/link.json?page=%2F&corp=${corp}`);
    expect((await read(env.WECOM_CORP_ID)).status).toBe(200);
    const other = await read('wwothercorp0000001');
    expect([other.status, other.headers.get('access-control-allow-origin')]).toEqual([404, '*']);
    expect((await read('no%20pe!')).status).toBe(400);
  });
});

describe('GET /admin/api/channels/:code/snippets', () => {
  it('answers the web <script> and the mini-program call for the channel, once its link is made', async () => {
    expect((await api('GET', '/channels/BJ001/snippets')).status).toBe(404);
    await api('POST', '/channels/BJ001/link');
    const r = await api('GET', '/channels/BJ001/snippets');
    expect(r.status).toBe(200);
    expect(r.body.web).toBe('<script src="http://edge.test/widget.js" data-channel="BJ001" async></script>');
    expect(r.body.miniprogram).toContain('wx.openCustomerServiceChat({');
    expect(r.body.miniprogram).toContain(`extInfo: { url: ${JSON.stringify(r.body.url)} }`);
    expect(r.body.miniprogram).toContain(`corpId: ${JSON.stringify(env.WECOM_CORP_ID)}`);
  });
});

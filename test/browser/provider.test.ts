import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { createSimulator, type AuthorizeAnswer, type SimInstruction } from '../../src/simulator';
import { adminApi, CHROMIUM, launchChromium, ROOT, serveWorker, stopAll, watchPage, type ServedWorker } from './support';

/**
 * The provider's console in many-corps mode, in Debian's chromium: the provider signs in with
 * ADMIN_TOKEN, 企业列表 (shown only to it) lists the corp that installed the suite, 进入 switches the
 * console into that corp (every request then carries its X-Corp-Id, and 操作记录 shows that corp's
 * entries only), a fresh install link shows its QR code, and 回到服务商本企业 switches back.
 */

const SHOTS = resolve(ROOT, 'test-results/console');
const identity = { corpId: 'wwbrowserprovider', token: 'browsertoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'browser-kf-secret' };
const ADMIN_TOKEN = 'browser-provider-admin-token-of-32-chars';
const SUITE = { suite_id: 'wwsuite00000000001', suite_secret: 'suite-secret-0123456789abcdefghij', token: 'suitetoken', encoding_aes_key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', provider_corp_id: 'wwprovider00000001' };
const CORP_B = 'wwcorpb00000000002';

let served: ServedWorker;
let base: URL;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const sim = createSimulator({ identity });

async function control<T>(path: string, body: unknown = {}): Promise<T> {
  const r = await sim.handle(new Request(`http://sim.test/_sim/suite/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
  if (!r.ok) throw new Error(`simulator ${path} answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

const hasChromium = existsSync(CHROMIUM);

describe.runIf(hasChromium)("the provider's console", () => {
  beforeAll(async () => {
    served = await serveWorker(sim, identity, ADMIN_TOKEN, {
      WECOM_PROVIDER_CORP_ID: SUITE.provider_corp_id,
      WECOM_SUITE_ID: SUITE.suite_id,
      WECOM_SUITE_SECRET: SUITE.suite_secret,
      WECOM_SUITE_TOKEN: SUITE.token,
      WECOM_SUITE_ENCODING_AES_KEY: SUITE.encoding_aes_key,
    });
    base = served.base;
    await control('setup', { ...SUITE, corps: [{ corp_id: CORP_B, name: '乙公司', admins: [{ userid: 'boss-b', auth_type: 1 }] }] });
    const ticket = await control<SimInstruction>('ticket');
    expect((await fetch(new URL(ticket.path_and_query, base), { method: 'POST', body: ticket.body })).status).toBe(200);
    // 乙公司's admin installs the suite through a link the provider made.
    const admin = adminApi(base, ADMIN_TOKEN);
    const link = new URL((await admin<{ url: string }>('POST', '/corps/install-link')).url);
    const q = Object.fromEntries(link.searchParams);
    const authorized = await control<AuthorizeAnswer>('authorize', { pre_auth_code: q.pre_auth_code, corp_id: CORP_B, redirect_uri: q.redirect_uri, state: q.state });
    const redirect = new URL(authorized.redirect!);
    expect((await fetch(new URL(`${redirect.pathname}${redirect.search}`, base))).status).toBe(200);
    // Each corp starts with a stable config, so every page has a document to read.
    for (const corp of [identity.corpId, CORP_B]) {
      const put = await fetch(new URL('/admin/api/config', base), {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-corp-id': corp },
        body: JSON.stringify(DEMO_CONFIG),
      });
      expect(put.status).toBe(200);
    }
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    await watchPage(page, problems);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(() => stopAll(browser, served ?? {}));

  it('signs the provider in with ADMIN_TOKEN, switches into 乙公司 and back', async () => {
    await page.goto(new URL('/console', base).href);
    await page.getByLabel('管理令牌（Bearer token）').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '企业列表', exact: true }).click();
    await expect.poll(() => page.locator('#corps').textContent()).toContain('乙公司');
    expect(await page.locator('#corps').textContent()).toContain('✓ AgentId 1000001，授权管理员 boss-b');
    expect(await page.locator('header.top').textContent()).toContain(`企业 ${identity.corpId}（服务商）`);

    await page.getByRole('button', { name: '生成安装链接' }).click();
    await expect.poll(() => page.locator('img.qr').count()).toBe(1);
    await page.screenshot({ path: resolve(SHOTS, 'corps.png'), fullPage: true });

    await page.getByRole('button', { name: '进入 乙公司' }).click();
    await expect.poll(() => page.locator('header.top').textContent()).toContain(`企业 ${CORP_B}（服务商）`);
    expect(await page.evaluate("sessionStorage.getItem('corpId')")).toBe(CORP_B);
    // Its audit log: only what was written for 乙公司 (its config), not the provider's install links.
    await nav.getByRole('link', { name: '设置检查', exact: true }).click();
    await expect.poll(() => page.locator('#audit-log').textContent()).toContain('PUT /admin/api/config');
    expect(await page.locator('#audit-log').textContent()).not.toContain('install-link');

    await nav.getByRole('link', { name: '企业列表', exact: true }).click();
    await page.getByRole('button', { name: '回到服务商本企业' }).click();
    await expect.poll(() => page.locator('header.top').textContent()).toContain(`企业 ${identity.corpId}（服务商）`);
    await nav.getByRole('link', { name: '设置检查', exact: true }).click();
    await expect.poll(() => page.locator('#audit-log').textContent()).toContain('POST /admin/api/corps/install-link');
  });

  it('saw no console error or CSP violation but the first who-is-signed-in question', () => {
    const provoked = (p: string) => p.includes('status of 401') && p.includes(`${base.origin}/admin/api/session`);
    expect(problems.filter((p) => !provoked(p))).toEqual([]);
  });
});

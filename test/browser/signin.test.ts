import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { createSimulator } from '../../src/simulator';
import { CHROMIUM, launchChromium, ROOT, serveWorker, stopAll, watchPage, type ServedWorker } from './support';

/**
 * The console's sign-in with a WeCom QR code in Debian's chromium: the console's 企业微信扫码登录
 * leads through the Worker to the simulator's login page (standing in for
 * login.work.weixin.qq.com), a member of CONSOLE_MEMBERS scans, WeCom's redirect brings the browser
 * back with the session cookie, the console works by cookie (its writes carry the CSRF token), the
 * audit log on 设置检查 shows the sign-in and the write, and 退出登录 ends the session. Not one
 * console error or CSP violation besides the console asking who is signed in before anyone is.
 */

const SHOTS = resolve(ROOT, 'test-results/console');
const identity = { corpId: 'wwbrowsersignin01', token: 'browsertoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'browser-kf-secret' };
const ADMIN_TOKEN = 'browser-signin-admin-token-of-32-chars';
const MEMBERS = [{ userid: 'zhangsan', name: '张三', role: 'admin' }];

let served: ServedWorker;
let base: URL;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const sim = createSimulator({ identity, servicers: [{ userid: 'zhangsan' }] });

const hasChromium = existsSync(CHROMIUM);

describe.runIf(hasChromium)('signing in to the console with a WeCom QR code', () => {
  beforeAll(async () => {
    served = await serveWorker(sim, identity, ADMIN_TOKEN, { WECOM_AGENT_ID: '1000002', CONSOLE_MEMBERS: JSON.stringify(MEMBERS) });
    base = served.base;
    // v1 is stable, so 知识库's 试一试 has knowledge to try.
    const put = await fetch(new URL('/admin/api/config', base), { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(DEMO_CONFIG) });
    expect(put.status).toBe(200);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    await watchPage(page, problems);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(() => stopAll(browser, served ?? {}));

  it('goes from the console to the login page, scans as zhangsan, and comes back signed in by cookie', async () => {
    await page.goto(new URL('/console', base).href);
    await page.getByRole('link', { name: '企业微信扫码登录' }).click();
    await page.waitForURL((u) => u.pathname === '/wwlogin/sso/login');
    expect(new URL(page.url()).searchParams.get('redirect_uri')).toBe(new URL('/auth/wecom/callback', base).href);
    await page.getByRole('link', { name: '以 zhangsan 扫码' }).click();
    await page.waitForURL((u) => u.origin === base.origin && u.pathname === '/console');
    await expect.poll(() => page.locator('header.top').textContent()).toContain('张三（管理员 · 扫码登录）');
    const session = (await context.cookies(base.href)).find((c) => c.name === 'wk_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    // No token in this tab: the cookie alone signs the requests.
    expect(await page.evaluate("sessionStorage.getItem('adminToken')")).toBeNull();
    await page.screenshot({ path: resolve(SHOTS, 'signed-in.png') });
  });

  it('writes with the CSRF token, and shows the sign-in and the write under 操作记录', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '知识库', exact: true }).click();
    await page.getByLabel('客户的问题').fill('多少钱');
    await page.getByRole('button', { name: '试一试' }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/兜底回复|直接解答|追问确认|闲聊/);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置检查', exact: true }).click();
    const log = page.locator('#audit-log');
    await expect.poll(() => log.textContent()).toContain('POST /admin/api/knowledge/try');
    expect(await log.textContent()).toContain('signed in');
    expect(await log.textContent()).toContain('张三（wecom:zhangsan）');
    await page.screenshot({ path: resolve(SHOTS, 'audit-log.png'), fullPage: true });
  });

  it('signs out with 退出登录: the session ends and the sign-in shows again', async () => {
    const cookie = (await context.cookies(base.href)).find((c) => c.name === 'wk_session')!;
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => page.getByRole('link', { name: '企业微信扫码登录' }).count()).toBe(1);
    expect((await context.cookies(base.href)).some((c) => c.name === 'wk_session')).toBe(false);
    // The old cookie is refused now, wherever it might have been copied.
    const r = await fetch(new URL('/admin/api/session', base), { headers: { cookie: `wk_session=${cookie.value}` } });
    expect(r.status).toBe(401);
  });

  it('refuses someone outside the corp with a Chinese page that leads back to the console', async () => {
    await page.getByRole('link', { name: '企业微信扫码登录' }).click();
    await page.getByRole('link', { name: '以非企业成员的微信扫码' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('无法登录');
    expect(await page.locator('main').textContent()).toContain('只有本企业成员可以登录控制台');
    expect((await context.cookies(base.href)).some((c) => c.name === 'wk_session')).toBe(false);
    await page.getByRole('link', { name: '返回控制台登录页' }).click();
    await expect.poll(() => page.getByRole('link', { name: '企业微信扫码登录' }).count()).toBe(1);
  });

  it('saw no console error or CSP violation but the first who-is-signed-in question', () => {
    const provoked = (p: string) => (p.includes('status of 401') && p.includes(`${base.origin}/admin/api/session`)) || (p.includes('status of 403') && p.includes(`${base.origin}/auth/wecom/callback`));
    expect(problems.filter((p) => !provoked(p))).toEqual([]);
  });
});

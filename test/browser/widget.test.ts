import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHarness } from 'wrangler';
import { createSimulator } from '../../src/simulator';
import { DEMO_KF } from '../../src/simulator/defaults';
import type { SimServer } from '../../src/simulator/http';
import { adminApi, CHROMIUM, launchChromium, serveWorker, stopAll, watchPage, type AdminApi } from './support';

/**
 * /widget.js on a shop's page in a real browser (Debian's chromium through playwright-core),
 * against the real Worker served by wrangler's test harness with the WeCom simulator behind it.
 * The shop's page is another origin with a strict Content-Security-Policy (no inline script or
 * style at all): the button must appear, be reachable and usable by keyboard, and open the
 * channel's kf link with the page's path, without a single CSP violation.
 */

const ADMIN_TOKEN = 'widget-test-admin-token-of-32-characters';
const identity = { corpId: 'wwwidgettest00001', token: 'widgettoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'widget-kf-secret' };
/** The shop: another origin than the Worker's. */
const SHOP = 'http://shop.example';
const CONFIG = {
  links: [{ open_kfid: DEMO_KF.presale, name: '售前' }],
  channels: [{ code: 'WEB', name: '官网咨询按钮', type: 'web', open_kfid: DEMO_KF.presale, params: { src: 'site' } }],
};

let simServer: SimServer;
let server: TestHarness;
let base: URL;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Console errors, page errors and CSP violations the shop's page reported. */
const problems: string[] = [];
const warnings: string[] = [];
let admin: AdminApi;

const hasChromium = existsSync(CHROMIUM);

describe.runIf(hasChromium)('the consult button on a page with a strict CSP', () => {
  beforeAll(async () => {
    ({ simServer, server, base } = await serveWorker(createSimulator({ identity, accounts: [{ open_kfid: DEMO_KF.presale, name: '售前' }] }), identity, ADMIN_TOKEN));
    admin = adminApi(base, ADMIN_TOKEN);
    await admin('PUT', '/config', CONFIG);
    // The Worker runs on loopback here, a public host in production: Chrome's local-network
    // permission (which a public Worker never meets) would block the shop from reaching it.
    browser = await launchChromium(['--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,BlockInsecurePrivateNetworkRequests']);
    context = await browser.newContext({ locale: 'zh-CN' });
    // The shop: nothing but the one <script> line, under a policy that allows only the Worker's origin.
    await context.route(`${SHOP}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': `default-src 'none'; script-src ${base.origin}; connect-src ${base.origin}; style-src 'none'; img-src 'none'` },
        body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>店铺</title></head><body><h1>商品</h1><script src="${base.origin}/widget.js" data-channel="WEB" async></script></body></html>`,
      }),
    );
    // The kf link itself is WeChat's page: answered locally, never fetched.
    await context.route('https://work.weixin.qq.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>微信客服</title>' }));
    page = await context.newPage();
    await watchPage(page, problems, warnings);
  }, 180_000);

  afterAll(() => stopAll(browser, { server, simServer }));

  it('shows no button while the channel has no link yet, and says why in the console', async () => {
    await page.goto(`${SHOP}/products/42`);
    await expect.poll(() => warnings.some((w) => w.includes('no consult link for channel WEB'))).toBe(true);
    expect(await page.getByRole('button').count()).toBe(0);
    // The browser reports the 404 itself; nothing else went wrong.
    expect(problems).toEqual([expect.stringContaining('404')]);
  });

  it('once the link exists: a labelled button, reached with Tab, opens the kf link with the page path', async () => {
    problems.length = 0;
    await admin('POST', '/channels/WEB/link');
    await page.goto(`${SHOP}/products/42`);
    const button = page.getByRole('button', { name: '咨询客服（在微信中打开客服对话）' });
    await button.waitFor();
    expect(await button.textContent()).toBe('咨询客服');
    // Expressions as text: this file is type-checked without the DOM library.
    expect(await page.evaluate("getComputedStyle(document.querySelector('[data-wecom-kefu]')).position")).toBe('fixed');

    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement.getAttribute('data-wecom-kefu')")).toBe('WEB');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await popup.waitForLoadState();
    const url = new URL(popup.url());
    expect(url.origin + url.pathname).toMatch(/^https:\/\/work\.weixin\.qq\.com\/kf\/kfc/);
    expect(url.searchParams.get('scene_param')).toBe('src=site&path=%2Fproducts%2F42');
    // The kf page cannot reach back into the shop's page.
    expect(await popup.evaluate('window.opener')).toBeNull();
    expect(problems).toEqual([]);
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { createSimulator } from '../../src/simulator';
import { CALLBACK_PATH, DEMO_KF } from '../../src/simulator/defaults';
import { appendConversationEvents } from '../../src/storage/conversation-events';
import { createDb } from '../../src/storage/db';
import { shopTimelines, withinOneDay } from '../fixtures/timelines';
import { createsAccountWithServicer, makesChannelLinkAndPoster } from './console/accounts';
import { acceptsSuggestionIntoEntry, releasesInTwoStages, savesKnowledgeEntryAfterRefusal, setsWorkingPeriodsAndQueuePrompt } from './console/configuring';
import { SHOTS, type Journey } from './console/journey';
import { findsLiveConversation, listsSetupChecks, showsSeededReports } from './console/reports';
import { adminApi, CHROMIUM, consoleUi, launchChromium, serveWorker, simControl, stopAll, watchPage, type ServedWorker } from './support';

/**
 * The console in a real browser (Debian's chromium through playwright-core, never a download)
 * against the real Worker and its static assets, served locally by wrangler's test harness, with
 * the WeCom simulator behind WECOM_API_BASE. One operator's journey from the system the test
 * starts (the demo config as v1): a kf account with its logo and a servicer, a channel's link with
 * its QR code, snippets and poster, working periods and a queue prompt, a knowledge entry saved
 * after a refused attempt, a customer's question accepted from the suggestions, a release to 10 %
 * and then to everyone, a customer's conversation and the charts. Analytics rows are seeded
 * through the storage functions; everything else goes through the console.
 */

const ADMIN_TOKEN = 'browser-test-admin-token-of-32-characters';
const identity = { corpId: 'wwbrowsertest0001', token: 'browsertoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'browser-kf-secret' };
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const NAV = ['客服账号', '渠道活码', '接待规则', '智能回复', '知识库', '标签规则', '敏感词', '路由分配', '灰度发布', '数据报表', '会话查询', '设置检查'];
/**
 * Refusals this journey provokes on purpose, which chromium reports on the console as failed loads:
 * the console asking who is signed in before anyone is, the wrong token, WeCom's API switch turned
 * off, and reading a channel's link before it was made.
 */
const PROVOKED = [
  { status: 401, path: '/admin/api/session' },
  { status: 502, path: '/admin/api/kf/accounts' },
  { status: 404, path: '/admin/api/channels/BJ001/link' },
];

let served: ServedWorker;
let browser: Browser;
/** The signed-in page and what the steps (in ./console/) share; the steps run in order, each on what the last left. */
let j: Journey;
/** Console errors, page errors and CSP violations the page reported. */
const problems: string[] = [];

const sim = createSimulator({ identity, accounts: [{ open_kfid: DEMO_KF.presale, name: '售前' }], servicers: [{ userid: 'zhangsan' }] });
const control = simControl(sim);

const hasChromium = existsSync(CHROMIUM);

it('finds Debian chromium at /usr/bin/chromium', () => {
  // A failed test, not a silent skip: without the browser the console is untested.
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing: the console test drives Debian's chromium (apt-get install chromium; .ci/run does it). No browser is ever downloaded.`);
});

describe.runIf(hasChromium)('the console in chromium', () => {
  beforeAll(async () => {
    served = await serveWorker(sim, identity, ADMIN_TOKEN);
    const { base } = served;
    const admin = adminApi(base, ADMIN_TOKEN);
    await control('/_sim/reset', { callbackUrl: new URL(CALLBACK_PATH, base).href });
    // The corp's address book: wangwu can become a servicer; nobody is not a member.
    await control('/_sim/corp', { members: ['wangwu'] });
    const worker = served.server.getWorker();
    await appendConversationEvents(Object.assign(createDb((await worker.getEnv()).DB as D1Database), { tenant: '' }), shopTimelines(withinOneDay(Date.now() - 2 * 3_600_000)));
    // v1, the first version, is stable.
    await admin('PUT', '/config', DEMO_CONFIG);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await watchPage(page, problems);
    mkdirSync(SHOTS, { recursive: true });
    j = { page, base, ui: consoleUi(page, SHOTS), admin, control };
  }, 180_000);

  afterAll(() => stopAll(browser, served ?? {}));

  it('leads /dashboard to /console, served with the strict CSP', async () => {
    const { page, base } = j;
    const r = await page.goto(new URL('/dashboard', base).href);
    expect(page.url()).toBe(new URL('/console', base).href);
    expect(r?.status()).toBe(200);
    expect(r?.headers()['content-security-policy']).toBe(CSP);
  });

  it('refuses a wrong token in Chinese, then signs in with the right one', async () => {
    const { page, ui } = j;
    await page.getByLabel('管理令牌（Bearer token）').fill('not-the-token');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('令牌无效');
    await page.getByLabel('管理令牌（Bearer token）').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => ui.nav('数据报表').count()).toBe(1);
    expect(await page.evaluate("sessionStorage.getItem('adminToken')")).toBe(ADMIN_TOKEN);
  });

  it('has exactly the twelve navigation entries, each opening its page', async () => {
    const { page, ui } = j;
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(NAV);
    for (const name of NAV) {
      await ui.open(name);
      expect(await ui.nav(name).getAttribute('aria-current')).toBe('page');
      await ui.shot(`page-${await ui.nav(name).getAttribute('data-page')}`);
    }
  });

  it('lists the setup checks, each failing one with its fix', () => listsSetupChecks(j));

  it('shows the seeded figures on 数据报表, narrowed to one kf account on demand', () => showsSeededReports(j));

  it("shows WeCom's refusal with its errcode and fix, then creates a kf account with a logo and adds a servicer, item by item", () => createsAccountWithServicer(j));

  it("makes a channel's link once, then shows its QR code, snippets to copy, a QR PNG and a poster with the logo", () => makesChannelLinkAndPoster(j));

  it('sets two working periods and a queue prompt for the new account, previewed with its placeholders filled', () => setsWorkingPeriodsAndQueuePrompt(j));

  it('adds a knowledge entry with a similar question, tries a question, and saves: first refused at the field, then stored', () => savesKnowledgeEntryAfterRefusal(j));

  it("accepts a customer's unanswered question into the new entry: a new version, live once released", () => acceptsSuggestionIntoEntry(j));

  it('diffs two versions, releases v3 to 10 % and then to everyone', () => releasesInTwoStages(j));

  it("finds a live customer's profile and conversation, every event labelled, and the charts counting it", () => findsLiveConversation(j));

  it('fits a phone screen', async () => {
    const { page, ui } = j;
    await page.setViewportSize({ width: 390, height: 844 });
    await ui.open('渠道活码');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await ui.shot('channels-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('ran without a console error or a CSP violation', () => {
    const provoked = (p: string) => PROVOKED.some((r) => p.includes(`status of ${r.status}`) && p.includes(`${j.base.origin}${r.path}`));
    expect(problems.filter((p) => !provoked(p))).toEqual([]);
  });
});

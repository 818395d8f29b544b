import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHarness } from 'wrangler';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { createSimulator } from '../../src/simulator';
import { CALLBACK_PATH, DEMO_KF } from '../../src/simulator/defaults';
import type { SimServer } from '../../src/simulator/http';
import { appendConversationEvents } from '../../src/storage/conversation-events';
import { createDb } from '../../src/storage/db';
import { recordViolation } from '../../src/storage/violations';
import { KF_AFTER, shopTimelines } from '../fixtures/timelines';
import { CHROMIUM, launchChromium, ROOT, serveWorker, stopAll, watchPage } from './support';

/**
 * The dashboard in a real browser (Debian's chromium through playwright-core, never a download)
 * against the real Worker served locally by wrangler's test harness, with the WeCom simulator
 * behind WECOM_API_BASE. Analytics rows and a violation are seeded through the storage functions
 * on the harness's D1 binding (no test-only route exists in the Worker); the config and the
 * release go through the admin API; a live customer talks through the simulator.
 */

const SCREENSHOT = resolve(ROOT, 'test-results/dashboard.png');
const ADMIN_TOKEN = 'browser-test-admin-token';
const identity = { corpId: 'wwbrowsertest0001', token: 'browsertoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'browser-kf-secret' };
const LIVE = { open_kfid: DEMO_KF.presale, external_userid: 'wmDaveLive01' };

let simServer: SimServer;
let server: TestHarness;
let base: URL;
let browser: Browser;
let page: Page;
/** Console errors, page errors and CSP violations the page reported. */
const problems: string[] = [];

const sim = createSimulator({ identity, accounts: [{ open_kfid: DEMO_KF.presale, name: '售前' }], servicers: [{ userid: 'zhangsan' }] });
async function control(path: string, body: unknown): Promise<unknown> {
  const r = await sim.handle(new Request(`http://sim${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  if (!r.ok) throw new Error(`simulator ${path} answered ${r.status}: ${await r.text()}`);
  return r.json();
}

async function admin<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(new URL(`/admin/api${path}`, base), {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await r.json()) as T;
  if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(answer)}`);
  return answer;
}

const kpi = (id: string) => page.locator(`[data-kpi="${id}"] b`);

const hasChromium = existsSync(CHROMIUM);

it('finds Debian chromium at /usr/bin/chromium', () => {
  // A failed test, not a silent skip: without the browser the dashboard is untested.
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing: the dashboard test drives Debian's chromium (apt-get install chromium; .ci/run does it). No browser is ever downloaded.`);
});

describe.runIf(hasChromium)('the dashboard in chromium', () => {
  beforeAll(async () => {
    ({ simServer, server, base } = await serveWorker(sim, identity, ADMIN_TOKEN));
    await control('/_sim/reset', { callbackUrl: new URL(CALLBACK_PATH, base).href });

    const worker = server.getWorker();
    const db = createDb((await worker.getEnv()).DB as D1Database);
    await appendConversationEvents(db, shopTimelines(Date.now() - 2 * 3_600_000));
    await recordViolation(db, { id: 'v-browser-1', at: Date.now() - 60_000, ...LIVE, direction: 'inbound', masked_words: ['违*词'], masked_excerpt: '这里有违*词吗' });

    // v1 stable (the first version), v2 on trial for 10 % of customers.
    await admin('PUT', '/config', DEMO_CONFIG);
    const { version } = await admin<{ version: number }>('PUT', '/config', { ...DEMO_CONFIG, fallback: { ...DEMO_CONFIG.fallback, reply: '换个说法试试？' } });
    await admin('POST', '/release', { version, stage: 'percent', percent: 10 });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
    await watchPage(page, problems);
  }, 180_000);

  afterAll(() => stopAll(browser, { server, simServer }));

  it('says so in Chinese when the token is wrong', async () => {
    await page.goto(new URL('/dashboard', base).href);
    await page.fill('#token', 'not-the-token');
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.textContent('#status')).toBe('令牌无效或已吊销');
    expect(await page.getAttribute('#status', 'class')).toBe('error');
  });

  it('shows the seeded figures after typing the token and clicking 刷新', async () => {
    const r = await page.goto(new URL('/dashboard', base).href);
    expect(r?.status()).toBe(200);
    expect(r?.headers()['content-security-policy']).toContain("script-src 'nonce-");
    await page.fill('#token', ADMIN_TOKEN);
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.textContent('#status')).toMatch(/^已更新/);

    expect(await kpi('conversations').textContent()).toBe('3');
    expect(await kpi('answerRate').textContent()).toBe('33.3%');
    expect(await kpi('fallbackRate').textContent()).toBe('66.7%');
    expect(await kpi('handoffRate').textContent()).toBe('66.7%');
    expect(await kpi('satisfaction').textContent()).toBe('3.50 分');
    // 60 s and 90 s after the handoffs; the bot's handoff notice does not count.
    expect(await kpi('humanFirstResponse').textContent()).toBe('1.5 分钟');
    expect(await page.textContent('[data-kpi="answerRate"] em')).toBe('1 / 3 轮');

    expect(await page.locator('#intents tr').allInnerTexts()).toEqual([expect.stringContaining('意图'), expect.stringMatching(/^price\s+1\s+50\.0%/), expect.stringMatching(/^refund\s+1\s+50\.0%/)]);
    const reasons = await page.textContent('#reasons');
    expect(reasons).toContain('关键词转人工');
    expect(reasons).toContain('兜底超时升级');
    const servicers = await page.locator('#servicers tr').allInnerTexts();
    expect(servicers[1]).toMatch(/^lisi\s+1\s+1\s+2\.00\s+1\.5 分钟/);
    expect(servicers[2]).toMatch(/^zhangsan\s+1\s+1\s+5\.00\s+1\.0 分钟/);

    const release = await page.textContent('#release');
    expect(release).toContain('v1');
    expect(release).toContain('v2');
    expect(release).toContain('按比例放量 10%');
    const compare = await page.locator('#compare tr').allInnerTexts();
    expect(compare[0]).toMatch(/稳定版\s+候选版/);
    expect(compare[1]).toMatch(/^会话数\s+3\s+0$/);

    expect(await page.textContent('#violations')).toContain('违*词');
    expect(await page.isHidden('#truncated')).toBe(true);
  });

  it('narrows the figures to one kf account', async () => {
    await page.fill('#kf', KF_AFTER);
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => kpi('conversations').textContent()).toBe('1');
    expect(await kpi('handoffRate').textContent()).toBe('100.0%');
    expect(await page.locator('#servicers tr').count()).toBe(2);
    await page.fill('#kf', '');
  });

  it('opens a live conversation from its violation, with the timeline the Worker recorded', async () => {
    await control('/_sim/customer/say', { ...LIVE, text: '多少钱' });
    // The Worker pulls on its own (alarms run in real time here).
    await expect
      .poll(async () => (await admin<{ events: Array<{ type: string }> }>('GET', `/conversations/${LIVE.open_kfid}/${LIVE.external_userid}`)).events.map((e) => e.type), { timeout: 30_000, interval: 250 })
      .toContain('message_in');

    await page.locator('#violations tr[data-user]').first().click();
    await expect.poll(() => page.locator('#timeline tr').count()).toBeGreaterThan(1);
    expect(await page.inputValue('#q-user')).toBe(LIVE.external_userid);
    const timeline = await page.textContent('#timeline');
    expect(timeline).toContain('客户消息');
    expect(timeline).toContain('多少钱');

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.textContent('#status')).toMatch(/^已更新/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('ran without a console error or a CSP violation', () => {
    // Chromium reports the wrong token's 401 answers on the console; they are the only errors allowed.
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
  });
});

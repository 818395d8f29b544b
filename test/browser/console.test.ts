import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from 'wrangler';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { createSimulator } from '../../src/simulator';
import { CALLBACK_PATH, DEMO_KF } from '../../src/simulator/defaults';
import { serveSimulator, type SimServer } from '../../src/simulator/http';
import { appendConversationEvents } from '../../src/storage/conversation-events';
import { createDb } from '../../src/storage/db';
import { KF_AFTER, shopTimelines } from '../fixtures/timelines';

/**
 * The console in a real browser (Debian's chromium through playwright-core, never a download)
 * against the real Worker and its static assets, served locally by wrangler's test harness, with
 * the WeCom simulator behind WECOM_API_BASE. Analytics rows are seeded through the storage
 * functions on the harness's D1 binding; everything else goes through the console itself.
 */

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');
const SHOTS = resolve(ROOT, 'test-results/console');
const ADMIN_TOKEN = 'browser-test-admin-token';
const identity = { corpId: 'wwbrowsertest0001', token: 'browsertoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'browser-kf-secret' };
const LIVE = { open_kfid: DEMO_KF.presale, external_userid: 'wmDaveLive01' };
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const NAV = ['客服账号', '渠道活码', '接待规则', '智能回复', '知识库', '标签规则', '敏感词', '路由分配', '灰度发布', '数据报表', '会话查询', '设置检查'];
/**
 * Routes other work adds beside the console; until they exist here they answer 404, which the
 * console handles (a notice, or the panel hidden) and chromium reports as a failed load.
 */
const NOT_YET_HERE = ['/admin/api/kf/accounts', '/admin/api/diagnostics', '/admin/api/knowledge/suggestions'];

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

/** A failed load chromium reports for a route the console expects may be missing (404 only). */
function expectedMissing(m: ConsoleMessage): boolean {
  const url = m.location().url;
  return m.text().includes('status of 404') && NOT_YET_HERE.some((p) => url.includes(p));
}

const nav = (name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });
const heading = () => page.getByRole('heading', { level: 1 });
const kpi = (id: string) => page.locator(`[data-kpi="${id}"] b`);
async function open(name: string) {
  await nav(name).click();
  await expect.poll(() => heading().textContent()).toBe(name);
  await expect.poll(() => page.locator('main').textContent()).not.toContain('加载中…');
}
/** What the operator sees (the viewport, not the whole page: the header and save bar are sticky). */
const shot = (name: string) => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

const hasChromium = existsSync(CHROMIUM);

it('finds Debian chromium at /usr/bin/chromium', () => {
  // A failed test, not a silent skip: without the browser the console is untested.
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing: the console test drives Debian's chromium (apt-get install chromium; .ci/run does it). No browser is ever downloaded.`);
});

describe.runIf(hasChromium)('the console in chromium', () => {
  beforeAll(async () => {
    // No call to Cloudflare for the Request.cf placeholder and no telemetry: the test runs offline.
    process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
    process.env.WRANGLER_SEND_METRICS = 'false';

    simServer = await serveSimulator(sim, 0);
    server = createTestHarness({
      root: ROOT,
      workers: [
        {
          configPath: './wrangler.toml',
          vars: { WECOM_CORP_ID: identity.corpId, WECOM_API_BASE: simServer.url },
          secrets: { ADMIN_TOKEN, WECOM_TOKEN: identity.token, WECOM_ENCODING_AES_KEY: identity.encodingAesKey, WECOM_KF_SECRET: identity.kfSecret },
        },
      ],
    });
    ({ url: base } = await server.listen());
    await control('/_sim/reset', { callbackUrl: new URL(CALLBACK_PATH, base).href });

    const worker = server.getWorker();
    await worker.applyD1Migrations('DB');
    await appendConversationEvents(createDb((await worker.getEnv()).DB as D1Database), shopTimelines(Date.now() - 2 * 3_600_000));
    // v1, the first version, is stable.
    await admin('PUT', '/config', DEMO_CONFIG);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.on('console', (m) => {
      if (m.type() === 'error' && !expectedMissing(m)) problems.push(`console: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Runs outside the page's CSP (injected by the browser), so it sees what the policy refuses.
    await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));" });
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await simServer?.close();
  });

  it('leads /dashboard to /console, served with the strict CSP', async () => {
    const r = await page.goto(new URL('/dashboard', base).href);
    expect(page.url()).toBe(new URL('/console', base).href);
    expect(r?.status()).toBe(200);
    expect(r?.headers()['content-security-policy']).toBe(CSP);
  });

  it('refuses a wrong token in Chinese, then signs in with the right one', async () => {
    await page.getByLabel('管理令牌（Bearer token）').fill('not-the-token');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('令牌无效');
    await page.getByLabel('管理令牌（Bearer token）').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => nav('数据报表').count()).toBe(1);
    expect(await page.evaluate("sessionStorage.getItem('adminToken')")).toBe(ADMIN_TOKEN);
  });

  it('has exactly the twelve navigation entries, each opening its page', async () => {
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(NAV);
    for (const name of NAV) {
      await open(name);
      expect(await nav(name).getAttribute('aria-current')).toBe('page');
      await shot(`page-${await nav(name).getAttribute('data-page')}`);
    }
    await open('客服账号');
    expect(await page.locator('main').textContent()).toContain('尚未提供客服账号接口');
    await open('设置检查');
    expect(await page.locator('main').textContent()).toContain('尚未提供设置检查接口');
  });

  it('shows the seeded figures on 数据报表, narrowed to one kf account on demand', async () => {
    await open('数据报表');
    expect(await kpi('conversations').textContent()).toBe('3');
    expect(await kpi('answerRate').textContent()).toBe('33.3%');
    expect(await kpi('handoffRate').textContent()).toBe('66.7%');
    expect(await kpi('satisfaction').textContent()).toBe('3.50 分');
    // 60 s and 90 s after the handoffs; the bot's handoff notice does not count.
    expect(await kpi('humanFirstResponse').textContent()).toBe('1.5 分钟');
    expect(await page.locator('#intents tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^price\s+1\s+50\.0%/), expect.stringMatching(/^refund\s+1\s+50\.0%/)]);
    expect(await page.textContent('#reasons')).toContain('兜底超时升级');
    expect((await page.locator('#servicers tbody tr').allInnerTexts())[0]).toMatch(/^lisi\s+1\s+1\s+2\.00\s+1\.5 分钟/);
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 客服 CSV' }).click();
    expect((await csv).suggestedFilename()).toBe('servicers.csv');
    await shot('reports');

    await page.getByLabel('客服账号', { exact: true }).fill(KF_AFTER);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => kpi('conversations').textContent()).toBe('1');
    expect(await kpi('handoffRate').textContent()).toBe('100.0%');
  });

  it('adds a knowledge entry with two questions, tries a question, and saves: first refused at the field, then stored', async () => {
    await open('知识库');
    await page.getByLabel('客户的问题').fill('多少钱');
    await page.getByRole('button', { name: '试一试', exact: true }).click();
    await expect.poll(() => page.locator('.try-out').textContent()).toContain('直接解答');
    expect(await page.locator('.try-out').textContent()).toContain('命中 price');
    await shot('knowledge');

    const n = DEMO_CONFIG.knowledge!.length + 1;
    await page.getByRole('button', { name: '添加问答' }).click();
    const entry = page.getByRole('group', { name: new RegExp(`^问答 ${n}`) });
    await entry.getByLabel('条目 ID', { exact: true }).fill('price');
    await entry.getByLabel('标准问题', { exact: true }).fill('退货运费谁出');
    await entry.getByRole('button', { name: '添加相似问题' }).click();
    await entry.getByLabel('相似问题 1', { exact: true }).fill('退货要自己付运费吗');
    await entry.getByLabel('答案', { exact: true }).fill('质量问题退货运费由我们承担，其他情况运费由您承担。');

    await page.getByRole('button', { name: '保存为新版本' }).click();
    const idInput = entry.getByLabel('条目 ID', { exact: true });
    await expect.poll(() => idInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await idInput.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('duplicate id "price"');
    expect(await page.locator('.savebar .status').textContent()).toContain('未保存');
    await idInput.scrollIntoViewIfNeeded();
    await shot('knowledge-error');

    await idInput.fill('shipping-fee');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => page.locator('.savebar .status').textContent()).toContain('已保存为 v2');
    expect(await idInput.getAttribute('aria-invalid')).toBeNull();
    const stored = await admin<{ document: { knowledge: Array<{ id: string; questions: string[] }> } }>('GET', '/config/versions/2');
    expect(stored.document.knowledge.at(-1)).toMatchObject({ id: 'shipping-fee', questions: ['退货运费谁出', '退货要自己付运费吗'] });
  });

  it("shows a channel's kf link and its QR code", async () => {
    await open('渠道活码');
    await page.getByRole('button', { name: '获取 BJ001 的链接和二维码' }).click();
    const qr = page.getByRole('img', { name: '渠道 BJ001 的二维码' });
    await expect.poll(() => qr.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await qr.getAttribute('src')).toMatch(/^blob:/);
    expect(await page.locator('.link-out a').first().getAttribute('href')).toMatch(/^https:\/\/work\.weixin\.qq\.com\/.*scene_param=store_id%3DBJ001/);
    await shot('channels');
  });

  it('previews the queue prompt with its placeholders filled', async () => {
    await open('接待规则');
    const prompt = page.getByLabel('排队提示').first();
    await prompt.fill('您排在第 {position} 位，约 {wait_minutes} 分钟 {postion}');
    const preview = page.locator('.preview').first();
    expect(await preview.textContent()).toContain('您排在第 3 位，约 6 分钟');
    expect(await preview.textContent()).toContain('{postion}');
    await shot('links');
  });

  it('diffs two versions, releases v2 to 10 % and then to everyone', async () => {
    await open('灰度发布');
    await page.getByRole('button', { name: '查看差异' }).click();
    await expect.poll(() => page.locator('#version-diff').textContent()).toContain('knowledge[6]');
    await page.getByLabel('版本', { exact: true }).selectOption('2');
    await page.getByLabel('阶段').selectOption('percent');
    await page.getByLabel('放量比例 %').fill('10');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => page.locator('#release-stage').textContent()).toBe('按比例放量 10%');
    expect((await admin<{ candidate: number; percent: number }>('GET', '/release')).candidate).toBe(2);
    expect(await page.locator('#versions tbody tr').first().textContent()).toContain('候选版');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('release');

    await page.getByLabel('阶段').selectOption('full');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => page.locator('#release-stage').textContent()).toBe('全量');
    expect(await admin<{ stable: number }>('GET', '/release')).toMatchObject({ stable: 2, candidate: null });

    // The released entry answers now.
    await open('知识库');
    await page.getByLabel('客户的问题').fill('退货运费谁出');
    await page.getByRole('button', { name: '试一试', exact: true }).click();
    await expect.poll(() => page.locator('.try-out').textContent()).toContain('命中 shipping-fee');
  });

  it("finds a live customer's profile and conversation, every event labelled", async () => {
    await control('/_sim/customer/say', { ...LIVE, text: '多少钱' });
    // The Worker pulls on its own (alarms run in real time here).
    await expect
      .poll(async () => (await admin<{ events: Array<{ type: string }> }>('GET', `/conversations/${LIVE.open_kfid}/${LIVE.external_userid}`)).events.map((e) => e.type), { timeout: 30_000, interval: 250 })
      .toContain('message_out');

    await open('会话查询');
    await page.getByLabel('客户 ID').fill(LIVE.external_userid);
    await page.getByRole('button', { name: '查看客户' }).click();
    await page.getByRole('button', { name: '查看此客户的会话' }).click();
    await expect.poll(() => page.locator('#timeline tbody tr').count()).toBeGreaterThan(1);
    const timeline = await page.textContent('#timeline');
    expect(timeline).toContain('客户消息');
    expect(timeline).toContain('多少钱');
    expect(timeline).toContain('机器人');
    expect(timeline).not.toContain('其他事件');
    await shot('conversations');
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('渠道活码');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot('channels-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('ran without a console error or a CSP violation', () => {
    // Chromium reports the wrong token's 401 on the console; it is the only error allowed besides NOT_YET_HERE.
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { createSimulator } from '../../src/simulator';
import { CALLBACK_PATH, DEMO_KF } from '../../src/simulator/defaults';
import { appendConversationEvents } from '../../src/storage/conversation-events';
import { createDb } from '../../src/storage/db';
import { KF_AFTER, shopTimelines } from '../fixtures/timelines';
import { logoPng, pngSize } from './png';
import { CHROMIUM, launchChromium, ROOT, serveWorker, stopAll, watchPage, type ServedWorker } from './support';

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

const SHOTS = resolve(ROOT, 'test-results/console');
const ADMIN_TOKEN = 'browser-test-admin-token-of-32-characters';
const identity = { corpId: 'wwbrowsertest0001', token: 'browsertoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', kfSecret: 'browser-kf-secret' };
const LIVE = { open_kfid: DEMO_KF.presale, external_userid: 'wmDaveLive01' };
/** A customer's question the demo config cannot answer: it becomes a suggestion. */
const MISS = { open_kfid: DEMO_KF.presale, external_userid: 'wmEveMiss001', text: '送人的话能帮忙包一下吗' };
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const NAV = ['客服账号', '渠道活码', '接待规则', '智能回复', '知识库', '标签规则', '敏感词', '路由分配', '灰度发布', '数据报表', '会话查询', '设置检查'];
const NEW_KF = '门店客服';
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
let base: URL;
let browser: Browser;
let page: Page;
/** Console errors, page errors and CSP violations the page reported. */
const problems: string[] = [];

const sim = createSimulator({ identity, accounts: [{ open_kfid: DEMO_KF.presale, name: '售前' }], servicers: [{ userid: 'zhangsan' }] });
async function control(path: string, body?: unknown): Promise<any> {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const r = await sim.handle(new Request(`http://sim${path}`, init));
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

const nav = (name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });
const heading = () => page.getByRole('heading', { level: 1 });
const main = () => page.locator('main');
const panelOf = (title: string) => page.locator('section.panel', { has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
const kpi = (id: string) => page.locator(`[data-kpi="${id}"] b`);
async function open(name: string) {
  await nav(name).click();
  await expect.poll(() => heading().textContent()).toBe(name);
  await expect.poll(() => main().textContent()).not.toContain('加载中…');
}
/** What the operator sees (the viewport, not the whole page: the header and save bar are sticky). */
const shot = (name: string) => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
async function downloadOf(click: () => Promise<void>): Promise<Download> {
  const download = page.waitForEvent('download');
  await click();
  return download;
}

const hasChromium = existsSync(CHROMIUM);

it('finds Debian chromium at /usr/bin/chromium', () => {
  // A failed test, not a silent skip: without the browser the console is untested.
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing: the console test drives Debian's chromium (apt-get install chromium; .ci/run does it). No browser is ever downloaded.`);
});

describe.runIf(hasChromium)('the console in chromium', () => {
  beforeAll(async () => {
    served = await serveWorker(sim, identity, ADMIN_TOKEN);
    base = served.base;
    await control('/_sim/reset', { callbackUrl: new URL(CALLBACK_PATH, base).href });
    // The corp's address book: wangwu can become a servicer; nobody is not a member.
    await control('/_sim/corp', { members: ['wangwu'] });
    const worker = served.server.getWorker();
    await appendConversationEvents(createDb((await worker.getEnv()).DB as D1Database), shopTimelines(Date.now() - 2 * 3_600_000));
    // v1, the first version, is stable.
    await admin('PUT', '/config', DEMO_CONFIG);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', permissions: ['clipboard-read', 'clipboard-write'] });
    page = await context.newPage();
    await watchPage(page, problems);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(() => stopAll(browser, served ?? {}));

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
  });

  it('lists the setup checks, each failing one with its fix', async () => {
    await open('设置检查');
    expect(await page.locator('[data-check="kf_api"]').textContent()).toMatch(/^✓ kf_api 微信客服 API 可用，共 1 个客服账号/);
    // Nobody verified the callback URL in this run: the check says where to set it.
    expect(await page.locator('[data-check="callback_verified"] .fix').textContent()).toContain(new URL(CALLBACK_PATH, base).href);
    await shot('diagnostics');
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
    expect(await page.locator('#intents svg.bar rect').count()).toBe(2);
    expect((await page.locator('#servicers tbody tr').allInnerTexts())[0]).toMatch(/^lisi\s+1\s+1\s+2\.00\s+1\.5 分钟/);
    const csv = await downloadOf(() => page.getByRole('button', { name: '导出 客服 CSV' }).click());
    expect(csv.suggestedFilename()).toBe('servicers.csv');
    // Seven days: a chart per day, drawn on canvas, each with its caption and its numbers as a table.
    const charts = page.locator('figure.chart');
    expect(await charts.locator('figcaption').allTextContents()).toEqual(['会话数（每天）', '机器人独立解决率与转人工率（每天）', '消息量（每天）', '机器人解答、兜底与转人工（每天）', '首次响应时间 P50 / P90（每天）', '人工首响与处理时长 P50 / P90（每天）', '排队等待 P50 / P90（每天）', '满意度（每天，1–5 分）']);
    await expect.poll(() => charts.locator('canvas').count()).toBe(8);
    // Carol waited 60 s in the queue; the seeded day's rates: 1 of 3 contained, 2 of 3 handed off.
    expect(await kpi('queueWait').textContent()).toBe('1.0 分钟');
    for (const [id, row] of [['chart-queue-wait', /1\.0 分钟\s+1\.0 分钟$/], ['chart-rates', /33\.3%\s+66\.7%$/]] as const) {
      await page.locator(`#${id}`).getByText('查看数据表').click();
      expect((await page.locator(`#${id}-data tbody tr`).allInnerTexts()).filter((r) => row.test(r))).toHaveLength(1);
    }
    const messages = page.locator('#chart-messages');
    expect(await messages.getByRole('img').getAttribute('aria-label')).toContain('消息量');
    await messages.getByText('查看数据表').click();
    const days = await page.locator('#chart-messages-data tbody tr').allInnerTexts();
    expect(days).toHaveLength(8);
    // The seeded conversations' day: 4 customer messages, 4 from the bot, 2 from servicers.
    expect(days.filter((row) => /\s4\s+4\s+2$/.test(row))).toHaveLength(1);
    // Something was drawn: the canvas has pixels that are not blank.
    const drawn = "(() => { const c = document.querySelector('#chart-messages canvas'); return c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0); })()";
    expect(await page.evaluate(drawn)).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('reports');

    await page.getByLabel('客服账号', { exact: true }).fill(KF_AFTER);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => kpi('conversations').textContent()).toBe('1');
    expect(await kpi('handoffRate').textContent()).toBe('100.0%');
  });

  it("shows WeCom's refusal with its errcode and fix, then creates a kf account with a logo and adds a servicer, item by item", async () => {
    await control('/_sim/corp', { api_enabled: false });
    await open('客服账号');
    const refusal = panelOf('账号列表').getByRole('alert');
    expect(await refusal.textContent()).toContain('errcode 95017');
    expect(await refusal.locator('.fix').textContent()).toMatch(/^修复：/);
    await control('/_sim/corp', { api_enabled: true });

    await open('客服账号');
    const create = panelOf('新建客服账号');
    await create.getByLabel('名称（最多 16 个字）').fill('一二三四五六七八九十一二三四五六七');
    await create.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => create.getByLabel('名称（最多 16 个字）').getAttribute('aria-invalid')).toBe('true');
    expect(await create.locator('.field-error').first().textContent()).toContain('最多 16 个字符');
    await create.getByLabel('名称（最多 16 个字）').fill(NEW_KF);
    await create.getByLabel('头像（JPG/PNG，≤ 2 MiB）').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() });
    await create.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => create.getByRole('status').textContent()).toMatch(/^已创建客服账号 wk/);
    const created = (await control('/_sim/kf/accounts')).accounts.find((a: { name: string }) => a.name === NEW_KF);
    expect(created.avatar).toMatch(/^https:\/\/wework\.qpic\.cn\//);

    await page.getByRole('button', { name: `${NEW_KF} 的接待人员` }).click();
    await page.getByLabel('添加成员（userid）').fill('wangwu\nnobody');
    await page.getByRole('button', { name: '添加接待人员' }).click();
    const results = page.getByRole('list', { name: '上次操作的结果' });
    await expect.poll(() => results.locator('li').allInnerTexts()).toEqual(['✓ wangwu：成功', expect.stringMatching(/^✗ nobody：成员 userid 不存在（errcode 60111）\s*修复：/)]);
    expect(await page.locator('.servicers > ul').first().innerText()).toMatch(/^wangwu\s+接待中/);
    expect((await control('/_sim/kf/accounts')).accounts.find((a: { name: string }) => a.name === NEW_KF).servicers).toEqual([{ userid: 'wangwu', on_duty: true }]);
    await shot('accounts');
  });

  it("makes a channel's link once, then shows its QR code, snippets to copy, a QR PNG and a poster with the logo", async () => {
    await open('渠道活码');
    await page.getByRole('button', { name: 'BJ001 的链接与二维码' }).click();
    await page.getByRole('button', { name: '生成链接' }).click();
    const qr = page.getByRole('img', { name: '渠道 BJ001 的二维码' });
    await expect.poll(() => qr.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await qr.getAttribute('src')).toMatch(/^blob:/);
    const box = page.locator('[data-channel-link="BJ001"]');
    expect(await box.locator('a').first().getAttribute('href')).toMatch(/^https:\/\/work\.weixin\.qq\.com\/.*scene_param=store_id%3DBJ001/);

    const web = box.getByRole('textbox', { name: '网页按钮（加在网页中）' });
    expect(await web.inputValue()).toBe(`<script src="${base.origin}/widget.js" data-channel="BJ001" async></script>`);
    expect(await box.getByRole('textbox', { name: '小程序（放在按钮的点击处理中）' }).inputValue()).toContain('wx.openCustomerServiceChat');
    await box.getByRole('button', { name: '复制网页按钮（加在网页中）' }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(await web.inputValue());

    const qrPng = await downloadOf(() => box.getByRole('button', { name: '下载二维码 PNG' }).click());
    expect(qrPng.suggestedFilename()).toBe('qr-BJ001.png');
    expect(await pngSize(qrPng)).toEqual({ width: 1024, height: 1024 });
    // The logo uploaded as the new account's avatar is this tab's logo.
    expect(await box.locator('.poster-panel .hint').textContent()).toContain('最近上传的图片');
    const poster = await downloadOf(() => box.getByRole('button', { name: '生成海报 PNG' }).click());
    expect(poster.suggestedFilename()).toBe('poster-BJ001.png');
    expect((await pngSize(poster)).width).toBe(1180);
    const preview = box.getByRole('img', { name: '渠道 北京线下门店 的海报' });
    await expect.poll(() => preview.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(1180);
    await poster.saveAs(resolve(SHOTS, 'poster-BJ001.png'));
    await preview.scrollIntoViewIfNeeded();
    await shot('channels-poster');
    await qr.scrollIntoViewIfNeeded();
    await shot('channels');

    // Made once: reading it again answers the same link, without a new one from WeCom.
    expect((await admin<{ url: string }>('GET', '/channels/BJ001/link')).url).toBe(await box.locator('a').first().getAttribute('href'));
  });

  it('sets two working periods and a queue prompt for the new account, previewed with its placeholders filled', async () => {
    const created = (await control('/_sim/kf/accounts')).accounts.find((a: { name: string }) => a.name === NEW_KF);
    await open('接待规则');
    await page.getByRole('button', { name: '添加客服账号的接待规则' }).click();
    const rule = page.getByRole('group', { name: /^接待规则 3/ });
    await rule.getByLabel('客服账号 open_kfid', { exact: true }).fill(created.open_kfid);
    await rule.getByLabel('名称', { exact: true }).fill(NEW_KF);
    await rule.getByRole('button', { name: '添加时段' }).click();
    await rule.getByRole('button', { name: '添加时段' }).click();
    const period = (n: number) => rule.getByRole('group', { name: new RegExp(`^时段 ${n}`) });
    await period(1).getByLabel('结束').fill('12:00');
    await period(2).getByLabel('开始').fill('13:30');
    await period(2).getByLabel('周六').check();
    // Headings follow the times as they are edited.
    expect(await period(1).locator('legend').first().textContent()).toBe('时段 1：09:00-12:00');
    expect(await period(2).locator('legend').first().textContent()).toBe('时段 2：13:30-18:00');
    const prompt = rule.getByLabel('排队提示');
    await prompt.fill('您排在第 {position} 位，约 {wait_minutes} 分钟 {postion}');
    const preview = rule.locator('.preview').first();
    expect(await preview.textContent()).toContain('您排在第 3 位，约 6 分钟');
    expect(await preview.textContent()).toContain('{postion}');
    await prompt.fill('您排在第 {position} 位，约 {wait_minutes} 分钟');
    expect(await preview.textContent()).not.toContain('不会被替换');
    // Both periods and the prompt in view, below the sticky header.
    await period(1).evaluate((el: { scrollIntoView(): void; ownerDocument: { defaultView: { scrollBy(x: number, y: number): void } } }) => {
      el.scrollIntoView();
      el.ownerDocument.defaultView.scrollBy(0, -70);
    });
    await shot('links');
  });

  it('adds a knowledge entry with a similar question, tries a question, and saves: first refused at the field, then stored', async () => {
    await open('知识库');
    await page.getByLabel('客户的问题').fill('多少钱');
    await page.getByRole('button', { name: '试一试', exact: true }).click();
    await expect.poll(() => page.locator('.try-out').textContent()).toContain('直接解答');
    expect(await page.locator('.try-out').textContent()).toContain('命中 price');

    const n = DEMO_CONFIG.knowledge!.length + 1;
    await page.getByRole('button', { name: '添加问答' }).click();
    const entry = page.getByRole('group', { name: new RegExp(`^问答 ${n}`) });
    await entry.getByLabel('条目 ID', { exact: true }).fill('price');
    await entry.getByLabel('标准问题', { exact: true }).fill('可以礼品包装吗');
    await entry.getByRole('button', { name: '添加相似问题' }).click();
    await entry.getByLabel('相似问题 1', { exact: true }).fill('能包装成礼物吗');
    await entry.getByLabel('答案', { exact: true }).fill('可以免费礼品包装：下单时在备注里写「礼品包装」即可。');

    await page.getByRole('button', { name: '保存为新版本' }).click();
    const idInput = entry.getByLabel('条目 ID', { exact: true });
    await expect.poll(() => idInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await idInput.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('duplicate id "price"');
    expect(await page.locator('.savebar .status').textContent()).toContain('未保存');
    await idInput.scrollIntoViewIfNeeded();
    await shot('knowledge-error');

    await idInput.fill('gift-wrap');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => page.locator('.savebar .status').textContent()).toContain('已保存为 v2');
    expect(await idInput.getAttribute('aria-invalid')).toBeNull();
    const standing = page.locator('.savebar .row > .muted');
    expect(await standing.textContent()).toBe('已保存为 v2，尚未发布（稳定版 v1）');
    // An edit after the save: the bar says so, and the save's message is gone.
    await idInput.fill('gift-wrap ');
    await idInput.fill('gift-wrap');
    expect(await standing.textContent()).toBe('有未保存的修改（上次保存为 v2）');
    expect(await page.locator('.savebar .status').textContent()).toBe('');
    const stored = await admin<{ document: typeof DEMO_CONFIG }>('GET', '/config/versions/2');
    expect(stored.document.knowledge!.at(-1)).toMatchObject({ id: 'gift-wrap', questions: ['可以礼品包装吗', '能包装成礼物吗'] });
    // The working periods and the queue prompt went into the same version.
    expect(stored.document.links!.at(-1)).toMatchObject({
      name: NEW_KF,
      working_hours: [
        { days: [1, 2, 3, 4, 5], start: '09:00', end: '12:00' },
        { days: [1, 2, 3, 4, 5, 6], start: '13:30', end: '18:00' },
      ],
      queue_prompt: '您排在第 {position} 位，约 {wait_minutes} 分钟',
    });
  });

  it("accepts a customer's unanswered question into the new entry: a new version, live once released", async () => {
    await control('/_sim/customer/say', MISS);
    // The Worker pulls on its own (alarms run in real time here); the question is kept masked.
    await expect.poll(async () => (await admin<{ total: number }>('GET', '/knowledge/suggestions')).total, { timeout: 30_000, interval: 250 }).toBe(1);
    await open('知识库');
    const found = page.locator('.suggestion', { hasText: MISS.text });
    await expect.poll(() => found.count()).toBe(1);
    // By its id: once accepted, the row says what became of it instead of the question.
    const row = page.locator(`[data-suggestion="${await found.getAttribute('data-suggestion')}"]`);
    await row.getByRole('button', { name: '采纳…' }).click();
    await row.getByLabel('加入问答').selectOption('gift-wrap');
    expect(await row.getByRole('checkbox', { name: `${MISS.text}（1 次）` }).isChecked()).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('knowledge');
    await row.getByRole('button', { name: '确认采纳' }).click();
    await expect.poll(() => row.textContent()).toContain('存为新版本 v3（基于 v2）');
    expect(await row.textContent()).toContain('灰度发布');
    const v3 = await admin<{ document: typeof DEMO_CONFIG }>('GET', '/config/versions/3');
    expect(v3.document.knowledge!.at(-1)!.questions).toEqual(['可以礼品包装吗', '能包装成礼物吗', MISS.text]);
    expect((await admin<{ stable: number }>('GET', '/release')).stable).toBe(1);
  });

  it('diffs two versions, releases v3 to 10 % and then to everyone', async () => {
    await open('灰度发布');
    await page.getByRole('button', { name: '查看差异' }).click();
    await expect.poll(() => page.locator('#version-diff').textContent()).toContain('knowledge[6]');
    await page.getByLabel('版本', { exact: true }).selectOption('3');
    await page.getByLabel('阶段').selectOption('percent');
    await page.getByLabel('放量比例 %').fill('10');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => page.locator('#release-stage').textContent()).toBe('按比例放量 10%');
    expect((await admin<{ candidate: number; percent: number }>('GET', '/release')).candidate).toBe(3);
    expect(await page.locator('#versions tbody tr').first().textContent()).toContain('候选版');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('release');

    await page.getByLabel('阶段').selectOption('full');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => page.locator('#release-stage').textContent()).toBe('全量');
    expect(await admin<{ stable: number }>('GET', '/release')).toMatchObject({ stable: 3, candidate: null });

    // The released entry answers the customer's own words now.
    await open('知识库');
    await page.getByLabel('客户的问题').fill(MISS.text);
    await page.getByRole('button', { name: '试一试', exact: true }).click();
    await expect.poll(() => page.locator('.try-out').textContent()).toContain('命中 gift-wrap');
  });

  it("finds a live customer's profile and conversation, every event labelled, and the charts counting it", async () => {
    await control('/_sim/customer/say', { ...LIVE, text: '多少钱' });
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

    // The seeded three, the suggestion's customer and this one.
    await open('数据报表');
    await expect.poll(() => kpi('conversations').textContent()).toBe('5');
    expect(await page.locator('#intents svg.bar rect').count()).toBeGreaterThan(0);
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('渠道活码');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot('channels-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('ran without a console error or a CSP violation', () => {
    const provoked = (p: string) => PROVOKED.some((r) => p.includes(`status of ${r.status}`) && p.includes(`${base.origin}${r.path}`));
    expect(problems.filter((p) => !provoked(p))).toEqual([]);
  });
});

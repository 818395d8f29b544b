import { expect } from 'vitest';
import { CALLBACK_PATH } from '../../../src/simulator/defaults';
import { KF_AFTER } from '../../fixtures/timelines';
import { LIVE, type Journey } from './journey';

/** The journey's reading pages: 设置检查, 数据报表 over the seeded conversations, and 会话查询 for a live customer. */

export async function listsSetupChecks({ page, base, ui }: Journey): Promise<void> {
  await ui.open('设置检查');
  expect(await page.locator('[data-check="kf_api"]').textContent()).toMatch(/^✓ kf_api 微信客服 API 可用，共 1 个客服账号/);
  // Nobody verified the callback URL in this run: the check says where to set it.
  expect(await page.locator('[data-check="callback_verified"] .fix').textContent()).toContain(new URL(CALLBACK_PATH, base).href);
  await ui.shot('diagnostics');
}

export async function showsSeededReports({ page, ui }: Journey): Promise<void> {
  const { kpi } = ui;
  await ui.open('数据报表');
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
  const csv = await ui.downloadOf(() => page.getByRole('button', { name: '导出 客服 CSV' }).click());
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
  await ui.shot('reports');

  await page.getByLabel('客服账号', { exact: true }).fill(KF_AFTER);
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => kpi('conversations').textContent()).toBe('1');
  expect(await kpi('handoffRate').textContent()).toBe('100.0%');
}

export async function findsLiveConversation({ page, ui, admin, control }: Journey): Promise<void> {
  await control('/_sim/customer/say', { ...LIVE, text: '多少钱' });
  await expect
    .poll(async () => (await admin<{ events: Array<{ type: string }> }>('GET', `/conversations/${LIVE.open_kfid}/${LIVE.external_userid}`)).events.map((e) => e.type), { timeout: 30_000, interval: 250 })
    .toContain('message_out');

  await ui.open('会话查询');
  await page.getByLabel('客户 ID').fill(LIVE.external_userid);
  await page.getByRole('button', { name: '查看客户' }).click();
  await page.getByRole('button', { name: '查看此客户的会话' }).click();
  await expect.poll(() => page.locator('#timeline tbody tr').count()).toBeGreaterThan(1);
  const timeline = await page.textContent('#timeline');
  expect(timeline).toContain('客户消息');
  expect(timeline).toContain('多少钱');
  expect(timeline).toContain('机器人');
  expect(timeline).not.toContain('其他事件');
  await ui.shot('conversations');

  // The seeded three, the suggestion's customer and this one.
  await ui.open('数据报表');
  await expect.poll(() => ui.kpi('conversations').textContent()).toBe('5');
  expect(await page.locator('#intents svg.bar rect').count()).toBeGreaterThan(0);
}

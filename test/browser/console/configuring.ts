import { expect } from 'vitest';
import { DEMO_CONFIG } from '../../../scripts/demo-config';
import { createdAccount, MISS, NEW_KF, type Journey } from './journey';

/**
 * The journey through the config the console edits and releases: 接待规则 for the new account,
 * a knowledge entry saved as v2 after a refused attempt, a customer's question accepted into it
 * as v3, and v3 released to 10 % and then to everyone on 灰度发布.
 */

export async function setsWorkingPeriodsAndQueuePrompt(j: Journey): Promise<void> {
  const { page, ui } = j;
  const created = await createdAccount(j);
  await ui.open('接待规则');
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
  await ui.shot('links');
}

export async function savesKnowledgeEntryAfterRefusal({ page, ui, admin }: Journey): Promise<void> {
  await ui.open('知识库');
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
  await ui.shot('knowledge-error');

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
}

export async function acceptsSuggestionIntoEntry({ page, ui, admin, control }: Journey): Promise<void> {
  await control('/_sim/customer/say', MISS);
  // The Worker pulls on its own (alarms run in real time here); the question is kept masked.
  await expect.poll(async () => (await admin<{ total: number }>('GET', '/knowledge/suggestions')).total, { timeout: 30_000, interval: 250 }).toBe(1);
  await ui.open('知识库');
  const found = page.locator('.suggestion', { hasText: MISS.text });
  await expect.poll(() => found.count()).toBe(1);
  // By its id: once accepted, the row says what became of it instead of the question.
  const row = page.locator(`[data-suggestion="${await found.getAttribute('data-suggestion')}"]`);
  await row.getByRole('button', { name: '采纳…' }).click();
  await row.getByLabel('加入问答').selectOption('gift-wrap');
  expect(await row.getByRole('checkbox', { name: `${MISS.text}（1 次）` }).isChecked()).toBe(true);
  await page.evaluate('window.scrollTo(0, 0)');
  await ui.shot('knowledge');
  await row.getByRole('button', { name: '确认采纳' }).click();
  await expect.poll(() => row.textContent()).toContain('存为新版本 v3（基于 v2）');
  expect(await row.textContent()).toContain('灰度发布');
  const v3 = await admin<{ document: typeof DEMO_CONFIG }>('GET', '/config/versions/3');
  expect(v3.document.knowledge!.at(-1)!.questions).toEqual(['可以礼品包装吗', '能包装成礼物吗', MISS.text]);
  expect((await admin<{ stable: number }>('GET', '/release')).stable).toBe(1);
}

export async function releasesInTwoStages({ page, ui, admin }: Journey): Promise<void> {
  await ui.open('灰度发布');
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
  await ui.shot('release');

  await page.getByLabel('阶段').selectOption('full');
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect.poll(() => page.locator('#release-stage').textContent()).toBe('全量');
  expect(await admin<{ stable: number }>('GET', '/release')).toMatchObject({ stable: 3, candidate: null });

  // The released entry answers the customer's own words now.
  await ui.open('知识库');
  await page.getByLabel('客户的问题').fill(MISS.text);
  await page.getByRole('button', { name: '试一试', exact: true }).click();
  await expect.poll(() => page.locator('.try-out').textContent()).toContain('命中 gift-wrap');
}

import { resolve } from 'node:path';
import { expect } from 'vitest';
import { logoPng, pngSize } from '../png';
import { createdAccount, NEW_KF, SHOTS, type Journey } from './journey';

/** The journey on 客服账号 and 渠道活码: a kf account with its logo and servicers, then a channel's link with its QR code and poster. */

export async function createsAccountWithServicer(j: Journey): Promise<void> {
  const { page, ui, control } = j;
  await control('/_sim/corp', { api_enabled: false });
  await ui.open('客服账号');
  const refusal = ui.panelOf('账号列表').getByRole('alert');
  expect(await refusal.textContent()).toContain('errcode 95017');
  expect(await refusal.locator('.fix').textContent()).toMatch(/^修复：/);
  await control('/_sim/corp', { api_enabled: true });

  await ui.open('客服账号');
  const create = ui.panelOf('新建客服账号');
  await create.getByLabel('名称（最多 16 个字）').fill('一二三四五六七八九十一二三四五六七');
  await create.getByRole('button', { name: '创建账号' }).click();
  await expect.poll(() => create.getByLabel('名称（最多 16 个字）').getAttribute('aria-invalid')).toBe('true');
  expect(await create.locator('.field-error').first().textContent()).toContain('最多 16 个字符');
  await create.getByLabel('名称（最多 16 个字）').fill(NEW_KF);
  await create.getByLabel('头像（JPG/PNG，≤ 2 MiB）').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() });
  await create.getByRole('button', { name: '创建账号' }).click();
  await expect.poll(() => create.getByRole('status').textContent()).toMatch(/^已创建客服账号 wk/);
  expect((await createdAccount(j)).avatar).toMatch(/^https:\/\/wework\.qpic\.cn\//);

  await page.getByRole('button', { name: `${NEW_KF} 的接待人员` }).click();
  await page.getByLabel('添加成员（userid）').fill('wangwu\nnobody');
  await page.getByRole('button', { name: '添加接待人员' }).click();
  const results = page.getByRole('list', { name: '上次操作的结果' });
  await expect.poll(() => results.locator('li').allInnerTexts()).toEqual(['✓ wangwu：成功', expect.stringMatching(/^✗ nobody：成员 userid 不存在（errcode 60111）\s*修复：/)]);
  expect(await page.locator('.servicers > ul').first().innerText()).toMatch(/^wangwu\s+接待中/);
  expect((await createdAccount(j)).servicers).toEqual([{ userid: 'wangwu', on_duty: true }]);
  await ui.shot('accounts');
}

export async function makesChannelLinkAndPoster({ page, base, ui, admin }: Journey): Promise<void> {
  await ui.open('渠道活码');
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

  const qrPng = await ui.downloadOf(() => box.getByRole('button', { name: '下载二维码 PNG' }).click());
  expect(qrPng.suggestedFilename()).toBe('qr-BJ001.png');
  expect(await pngSize(qrPng)).toEqual({ width: 1024, height: 1024 });
  // The logo uploaded as the new account's avatar is this tab's logo.
  expect(await box.locator('.poster-panel .hint').textContent()).toContain('最近上传的图片');
  const poster = await ui.downloadOf(() => box.getByRole('button', { name: '生成海报 PNG' }).click());
  expect(poster.suggestedFilename()).toBe('poster-BJ001.png');
  expect((await pngSize(poster)).width).toBe(1180);
  const preview = box.getByRole('img', { name: '渠道 北京线下门店 的海报' });
  await expect.poll(() => preview.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(1180);
  await poster.saveAs(resolve(SHOTS, 'poster-BJ001.png'));
  await preview.scrollIntoViewIfNeeded();
  await ui.shot('channels-poster');
  await qr.scrollIntoViewIfNeeded();
  await ui.shot('channels');

  // Made once: reading it again answers the same link, without a new one from WeCom.
  expect((await admin<{ url: string }>('GET', '/channels/BJ001/link')).url).toBe(await box.locator('a').first().getAttribute('href'));
}

import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_KF } from '../../../src/simulator/defaults';
import { ROOT, type AdminApi, type ConsoleUi, type SimControl } from '../support';

/**
 * What the console journey's steps share: one browser page signed in to one Worker, whose state
 * each step builds on (the account made on 客服账号 gets its rule on 接待规则; v2 saved on 知识库 is
 * what a suggestion extends into v3, which 灰度发布 releases), and the names the steps agree on.
 */

export interface Journey {
  page: Page;
  base: URL;
  ui: ConsoleUi;
  admin: AdminApi;
  control: SimControl;
}

export const SHOTS = resolve(ROOT, 'test-results/console');
export const NEW_KF = '门店客服';
export const LIVE = { open_kfid: DEMO_KF.presale, external_userid: 'wmDaveLive01' };
/** A customer's question the demo config cannot answer: it becomes a suggestion. */
export const MISS = { open_kfid: DEMO_KF.presale, external_userid: 'wmEveMiss001', text: '送人的话能帮忙包一下吗' };

/** The kf account the journey created on 客服账号, as WeCom (the simulator) holds it. */
export async function createdAccount(j: Journey): Promise<any> {
  return (await j.control('/_sim/kf/accounts')).accounts.find((a: { name: string }) => a.name === NEW_KF);
}

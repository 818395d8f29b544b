import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/objects/conversation';
import { alarmAt, deliver, fireAlarm, resetSim, settle, sim } from './support';
import { api } from './support/admin';
import { freshSystem } from './support/fresh';

/**
 * The adaptive merge window end to end: the Conversation schedules its turn when the merge policy
 * says. A window of 30 s stands for "long": settle({ slackMs: 0 }) runs only what is due now, so
 * an answer that comes from it did not wait the window. Time moves by firing alarms, never by sleeping.
 */

const KF = 'wkMergeWindow0001';
const WINDOW_MS = 30_000;
const config = (adaptive_merge: boolean) => ({
  knowledge: [{ id: 'refund', questions: ['怎么退款'], answer: '在订单页点“申请退款”即可。' }],
  fallback: { reply: '抱歉，我没有理解您的问题。' },
  bot: { merge_window_ms: WINDOW_MS, adaptive_merge },
});

const conversation = (user: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${KF}:${user}`));
const texts = async (user: string) => (await sim.sent({ external_userid: user })).map((m) => m.content);
const events = async (user: string, type: string): Promise<TimelineEvent[]> => (await conversation(user).view()).events.filter((e) => e.type === type);
const write = async (user: string, text: string) => deliver(await sim.say({ open_kfid: KF, external_userid: user, text }));

/** A conversation that has had a turn: it keeps the settings of the config that decided it. */
async function acquainted(adaptive_merge: boolean, user: string): Promise<void> {
  expect((await api('PUT', '/config', { body: config(adaptive_merge) })).status).toBe(200);
  await write(user, '谢谢');
  await settle();
  expect(await texts(user)).toHaveLength(1);
}

/** The customer writes; nothing is answered yet, and the turn is scheduled the whole window after the message. */
async function expectWaitTheWindow(user: string, text: string): Promise<void> {
  await write(user, text);
  await settle({ slackMs: 0 });
  expect(await texts(user)).toHaveLength(1);
  const [written] = (await events(user, 'message_in')).slice(-1);
  expect(written!.text).toBe(text);
  expect(await alarmAt(conversation(user))).toBe(written!.at + WINDOW_MS);
}

beforeEach(async () => {
  await freshSystem();
  await resetSim({ accounts: [{ open_kfid: KF }] });
});

describe('adaptive merge window', () => {
  it('answers a complete question without waiting the window', async () => {
    const user = 'wmMergeQuestion';
    await acquainted(true, user);
    await write(user, '请问怎么退款？');
    await settle({ slackMs: 0 });
    expect((await texts(user)).at(-1)).toBe('在订单页点“申请退款”即可。');
    const [question] = (await events(user, 'message_in')).slice(-1);
    const [answer] = await events(user, 'answer');
    expect(answer!.at).toBeLessThan(question!.at + WINDOW_MS);
  });

  it('waits the window after a fragment, and answers it with the follow-up as one', async () => {
    const user = 'wmMergeFragment';
    await acquainted(true, user);
    await expectWaitTheWindow(user, '你好，我想问一下');

    await write(user, '怎么退款');
    await settle({ slackMs: 0 });
    expect((await texts(user)).slice(1)).toEqual(['在订单页点“申请退款”即可。']);
    expect((await events(user, 'message_in')).map((e) => e.text)).toEqual(['谢谢', '你好，我想问一下', '怎么退款']);
    expect(await events(user, 'answer')).toHaveLength(1);
  });

  it('switched off (bot.adaptive_merge: false), even a complete question waits the whole window', async () => {
    const user = 'wmMergeFixed';
    await acquainted(false, user);
    await expectWaitTheWindow(user, '请问怎么退款？');

    expect(await fireAlarm(conversation(user))).toBe(true);
    expect((await texts(user)).at(-1)).toBe('在订单页点“申请退款”即可。');
  });

  it('refuses a bot.adaptive_merge that is not a boolean, at its path', async () => {
    const r = await api('POST', '/config/validate', { body: { bot: { adaptive_merge: 'yes' } } });
    expect(r.status === 400 || r.body.valid === false, JSON.stringify(r.body)).toBe(true);
    expect(JSON.stringify(r.body)).toContain('"bot","adaptive_merge"');
  });
});

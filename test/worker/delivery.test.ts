import { abortAllDurableObjects, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { MSGID_PATTERN, outboundMsgid, REPLY_BACKOFF } from '../../src/engine/outbox';
import type { TimelineEvent } from '../../src/objects/conversation';
import { createWecomApi } from '../../src/wecom/api';
import { alarmAt, alarmWithin, deliver, fireAlarm, resetSim, settle, sim, testBackoffMs } from './support';
import { api } from './support/admin';
import { freshSystem } from './support/fresh';
import { OWN_TENANT } from '../../src/wecom/corp';

/**
 * The conversation's outbox: every reply has a deterministic msgid, transient failures are
 * retried through the object's alarm until delivered, definitive refusals are recorded and never
 * retried, and nothing reaches the customer twice.
 */

const KF = 'wkDeliveryTest01';
const WELCOME = '您好，欢迎咨询。';
const GREETING = '你好';
const GREETING_ANSWER = '您好，请问有什么可以帮您？';
/**
 * The stable config: a welcome (none is sent without one), and a knowledge answer for the
 * customer's greeting, so that the bot answers instead of falling back (which would arm the
 * 300 s escalation, and every fireAlarm would then jump to it and hand the customer over).
 */
const BLOCKED = '能代开发票吗';
const BLOCKED_REPLY = '请文明用语。';
const CONFIG = {
  welcome: { text: WELCOME },
  knowledge: [{ id: 'greeting', questions: [GREETING], answer: GREETING_ANSWER }],
  sensitive_words: { words: ['代开发票'], reply: BLOCKED_REPLY },
};
let configVersion: number;
const conversation = (user: string) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${KF}:${user}`));
const ofType = (events: TimelineEvent[], type: string) => events.filter((e) => e.type === type);
const text = (content: string) => ({ msgtype: 'text' as const, text: { content } });
const sendCalls = async (path = 'kf/send_msg', since = 0) => (await sim.calls({ path, since })).items;

/** The outbox entry of the bot's answer to the greeting, delivered. */
const answered = () => expect.objectContaining({ purpose: 'reply', text: GREETING_ANSWER, status: 'sent' });

/**
 * Runs the object's alarm until nothing is pending in its outbox, each run standing for the time
 * the alarm was set for (retry backoffs pass without sleeping). Answers how many runs it took.
 */
async function drainOutbox(stub: ReturnType<typeof conversation>, maxRuns = 30): Promise<number> {
  for (let runs = 0; runs < maxRuns; runs++) {
    if (!(await stub.outbox()).some((o) => o.status === 'pending')) return runs;
    await fireAlarm(stub);
  }
  throw new Error(`the outbox still had pending items after ${maxRuns} alarm runs`);
}

beforeEach(async () => {
  await freshSystem();
  await resetSim();
  const put = await api('PUT', '/config', { body: CONFIG });
  if (put.status !== 200) throw new Error(`storing the config answered ${put.status}: ${JSON.stringify(put.body)}`);
  configVersion = put.body.version;
});

describe('the welcome', () => {
  it('goes out through send_msg_on_event with the welcome_code and our msgid', async ({ expect }) => {
    const action = await sim.enter({ open_kfid: KF, external_userid: 'wmWelcome', scene: 'web' });
    await deliver(action);
    await settle();

    const [call] = await sendCalls('kf/send_msg_on_event');
    expect(call?.body).toMatchObject({ code: action.welcome_code, msgtype: 'text' });
    const sent = await sim.sent({ external_userid: 'wmWelcome' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.slot).toEqual({ via: 'send_msg_on_event', code: 'welcome' });
    expect(sent[0]!.msgid).toMatch(MSGID_PATTERN);
    // Within the code's 20 seconds of the platform's clock.
    expect(sent[0]!.time - action.items[0]!.send_time).toBeLessThanOrEqual(20);
    const view = await conversation('wmWelcome').view();
    expect(sent[0]!.content).toBe(WELCOME);
    expect(ofType(view.events, 'welcome')).toEqual([expect.objectContaining({ msgid: sent[0]!.msgid, text: WELCOME, config_version: configVersion })]);
    // Welcoming is not answering: the session stays the platform's state 0.
    expect(view.state).toBe('new');
  });

  it('is not sent when WeCom gives no welcome_code (welcomed in the last 48 hours)', async ({ expect }) => {
    await deliver(await sim.enter({ open_kfid: KF, external_userid: 'wmTwice' }));
    await settle();
    const again = await sim.enter({ open_kfid: KF, external_userid: 'wmTwice' });
    expect(again.welcome_code).toBeUndefined();
    await deliver(again);
    await settle();
    expect(await sim.sent({ external_userid: 'wmTwice' })).toHaveLength(1);
    expect(ofType((await conversation('wmTwice').view()).events, 'enter_session')).toHaveLength(2);
  });

  it('that keeps failing is retried within the 20 seconds, then given up and recorded', async ({ expect }) => {
    await sim.fault({ path: 'kf/send_msg_on_event', kind: 'http', status: 503, count: 100 });
    await deliver(await sim.enter({ open_kfid: KF, external_userid: 'wmNoWelcome' }));
    await settle();
    await drainOutbox(conversation('wmNoWelcome'));

    // Tries at 0, 0.75, 2.25, 5.25, 8.25, 11.25, 14.25 and 17.25 s (the test clock's backoffs:
    // 0.75, 1.5, then 3 s each); the next, at 20.25 s, would be past the code's 20 s.
    expect(await sendCalls('kf/send_msg_on_event')).toHaveLength(8);
    const [failed] = ofType((await conversation('wmNoWelcome').view()).events, 'delivery_failed');
    expect(failed).toMatchObject({ purpose: 'welcome', reason: 'expired', attempts: 8 });
    expect(await sim.sent({ external_userid: 'wmNoWelcome' })).toEqual([]);
    expect(await alarmAt(conversation('wmNoWelcome'))).toBeNull();
  });

  it('with a code WeCom no longer accepts is a definitive refusal, tried once', async ({ expect }) => {
    const action = await sim.enter({ open_kfid: KF, external_userid: 'wmLateWelcome' });
    await sim.advance(25); // the code's 20 s are over on the platform's side
    await deliver(action);
    await settle();
    expect(await sendCalls('kf/send_msg_on_event')).toHaveLength(1);
    const [failed] = ofType((await conversation('wmLateWelcome').view()).events, 'delivery_failed');
    expect(failed).toMatchObject({ purpose: 'welcome', reason: 'refused', errcode: 95008 });
  });
});

describe('replies through kf/send_msg', () => {
  it('send_msg failing with 5xx three times still delivers the bot’s answer exactly once', async ({ expect }) => {
    await sim.fault({ path: 'kf/send_msg', kind: 'http', status: 503, count: 3 });
    const said = await sim.say({ open_kfid: KF, external_userid: 'wmFlaky', text: GREETING });
    await deliver(said);
    await settle();
    const c = conversation('wmFlaky');
    await drainOutbox(c);

    // The answer's msgid comes from the customer's message: a re-decided turn would reuse it.
    const msgid = outboundMsgid(`${KF}:wmFlaky`, said.items[0]!.msgid, 0);
    expect(await c.outbox()).toEqual([expect.objectContaining({ msgid, status: 'sent', attempts: 4 })]);
    const calls = await sendCalls();
    expect(calls.map((call) => [call.status, (call.body as { msgid: string }).msgid])).toEqual([
      [503, msgid],
      [503, msgid],
      [503, msgid],
      [200, msgid],
    ]);
    const sent = await sim.sent({ external_userid: 'wmFlaky' });
    expect(sent.map((m) => [m.msgid, m.content])).toEqual([[msgid, GREETING_ANSWER]]);
    const view = await c.view();
    expect(ofType(view.events, 'delivery_retry').map((e) => e.attempts)).toEqual([1, 2, 3]);
    expect(ofType(view.events, 'message_out')).toEqual([expect.objectContaining({ msgid, by: 'bot', text: GREETING_ANSWER, config_version: configVersion })]);
    // A bot answer in state 0 makes the session the bot's (state machine: bot_reply).
    expect(view.state).toBe('bot');
    expect(await alarmWithin(c)).toBeNull();
  });

  it('waits between tries, longer each time', async ({ expect }) => {
    await sim.fault({ path: 'kf/send_msg', kind: 'http', status: 502, count: 3 });
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmBackoff', text: GREETING }));
    await settle();
    const c = conversation('wmBackoff');
    await drainOutbox(c);
    const retries = ofType((await c.view()).events, 'delivery_retry');
    expect(retries.map((e) => e.attempts)).toEqual([1, 2, 3]);
    // A retry runs at the time its alarm stood for, and the next is due its backoff after that:
    // 3 s after the second try, 6 s after the third under the test clock's jitter (the first
    // try's own time is the merge window's end, or later if the run started late).
    const dueAt = retries.map((e) => e.retry_at as number);
    expect([dueAt[1]! - dueAt[0]!, dueAt[2]! - dueAt[1]!]).toEqual([testBackoffMs(2, REPLY_BACKOFF), testBackoffMs(3, REPLY_BACKOFF)]);
    expect(testBackoffMs(3, REPLY_BACKOFF)).toBe(6_000);
  });

  it('a reply WeCom already took (an earlier try whose answer was lost) is recorded as delivered, not sent twice', async ({ expect }) => {
    const said = await sim.say({ open_kfid: KF, external_userid: 'wmLostAnswer', text: GREETING });
    const msgid = outboundMsgid(`${KF}:wmLostAnswer`, said.items[0]!.msgid, 0);
    // What a try whose answer never came back leaves behind: WeCom delivered that msgid.
    await createWecomApi(env).sendMsg({ touser: 'wmLostAnswer', open_kfid: KF, msgid, ...text(GREETING_ANSWER) });
    await deliver(said);
    await settle();
    const c = conversation('wmLostAnswer');

    expect((await sendCalls()).map((call) => (call.answer as { errcode: number }).errcode)).toEqual([0, 95003]);
    expect(await sim.sent({ external_userid: 'wmLostAnswer' })).toHaveLength(1);
    expect(await c.outbox()).toEqual([expect.objectContaining({ msgid, status: 'sent', attempts: 1 })]);
    expect(ofType((await c.view()).events, 'message_out').map((e) => e.text)).toEqual([GREETING_ANSWER]);
  });

  it('a definitive refusal (95018: the session was moved to the pool behind our back) is recorded and never retried', async ({ expect }) => {
    const said = await sim.say({ open_kfid: KF, external_userid: 'wmTaken', text: GREETING });
    await createWecomApi(env).serviceStateTrans({ open_kfid: KF, external_userid: 'wmTaken', service_state: 2 });
    await deliver(said);
    await settle();
    const c = conversation('wmTaken');
    // WeCom's answer to service_state/get is adopted.
    expect((await c.view()).state).toBe('queued');
    // The next run (the far alarm: the session's expiry) does not try it again.
    await fireAlarm(c);

    const msgid = outboundMsgid(`${KF}:wmTaken`, said.items[0]!.msgid, 0);
    expect(await sendCalls()).toHaveLength(1);
    expect(await c.outbox()).toEqual([expect.objectContaining({ msgid, status: 'failed', last_errcode: 95018, attempts: 1 })]);
    expect(ofType((await c.view()).events, 'delivery_failed')).toEqual([
      expect.objectContaining({ msgid, errcode: 95018, reason: 'refused', purpose: 'reply', text: GREETING_ANSWER }),
    ]);
    expect(await alarmWithin(c)).toBeNull();
    expect(await sim.sent({ external_userid: 'wmTaken' })).toEqual([]);
  });

  it('replies reach the customer in the order they were queued, even when the first needs retries', async ({ expect }) => {
    await sim.fault({ path: 'kf/send_msg', kind: 'errcode', errcode: -1, count: 2 });
    // One burst, two replies: the configured reply to an intercepted message, then the answer.
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmOrder', text: BLOCKED }));
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmOrder', text: GREETING }));
    await settle();
    await drainOutbox(conversation('wmOrder'));
    expect((await sim.sent({ external_userid: 'wmOrder' })).map((m) => m.content)).toEqual([BLOCKED_REPLY, GREETING_ANSWER]);
    expect((await sendCalls()).map((call) => (call.answer as { errcode: number }).errcode)).toEqual([-1, -1, 0, 0]);
  });

  it('a reply survives an access token that expired meanwhile', async ({ expect }) => {
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmTokenReply', text: GREETING }));
    // The pull hands the message over; the token expires before the conversation's turn sends the reply.
    await env.INBOX.get(env.INBOX.idFromName(KF)).pullNow();
    await sim.expireToken(true);
    await fireAlarm(conversation('wmTokenReply'));
    expect((await sim.sent({ external_userid: 'wmTokenReply' })).map((m) => m.content)).toEqual([GREETING_ANSWER]);
    expect((await sendCalls()).map((call) => (call.answer as { errcode: number }).errcode)).toEqual([40014, 0]);
  });

  it('a pending retry survives the object being torn down (due work lives in storage)', async ({ expect }) => {
    await sim.fault({ path: 'kf/send_msg', kind: 'http', status: 500, count: 3 });
    await deliver(await sim.say({ open_kfid: KF, external_userid: 'wmEvicted', text: GREETING }));
    await env.INBOX.get(env.INBOX.idFromName(KF)).pullNow();
    await fireAlarm(conversation('wmEvicted'));
    // The turn's one try failed; no alarm runs until the test runs it.
    expect(await conversation('wmEvicted').outbox()).toEqual([expect.objectContaining({ status: 'pending', attempts: 1 })]);
    await abortAllDurableObjects();
    const fresh = conversation('wmEvicted');
    expect(await drainOutbox(fresh)).toBe(3);
    expect((await sim.sent({ external_userid: 'wmEvicted' })).map((m) => m.content)).toEqual([GREETING_ANSWER]);
    expect((await sendCalls()).map((call) => call.status)).toEqual([500, 500, 500, 200]);
    expect(await fresh.outbox()).toEqual([expect.objectContaining({ status: 'sent', attempts: 4 })]);
  });

  it('a message handed over again after its turn is answered once', async ({ expect }) => {
    const said = await sim.say({ open_kfid: KF, external_userid: 'wmIdem', text: GREETING });
    await deliver(said);
    await settle();
    const c = conversation('wmIdem');
    // A page the Inbox reads again after a crash hands the same item over again.
    expect(await c.ingest(said.items as unknown as Parameters<typeof c.ingest>[0], OWN_TENANT)).toEqual({ stored: 0, duplicates: 1 });
    await settle();
    await fireAlarm(c);
    expect(await sim.sent({ external_userid: 'wmIdem' })).toHaveLength(1);
    expect(await c.outbox()).toEqual([answered()]);
  });
});

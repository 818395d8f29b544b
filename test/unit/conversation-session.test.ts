import { describe, expect, it } from 'vitest';
import { INITIAL_SESSION, reduceSession, type Session } from '../../src/objects/conversation/session';
import { Origin, type SyncMsgItem } from '../../src/wecom/types';

const customer = (msgid: string): SyncMsgItem => ({ msgid, origin: Origin.customer, send_time: 1, msgtype: 'text', text: { content: 'hi' } }) as SyncMsgItem;
const statusChange = (msgid: string, change_type: number, extra: Record<string, string> = {}): SyncMsgItem =>
  ({ msgid, origin: Origin.system, send_time: 1, msgtype: 'event', event: { event_type: 'session_status_change', change_type, ...extra } }) as SyncMsgItem;
const bot: Session = { state: 'bot', servicer: null, group: null };
const human: Session = { state: 'human', servicer: 'zhangsan', group: 'front' };

describe('the session reducer', () => {
  it('a customer message keeps the state, and reopens a closed session as new', () => {
    expect(reduceSession(bot, { kind: 'item', item: customer('m1') })).toEqual({ session: bot, events: [] });
    const reopened = reduceSession({ state: 'closed', servicer: null, group: null }, { kind: 'item', item: customer('m2') });
    expect(reopened.session).toEqual(INITIAL_SESSION);
    expect(reopened.events).toEqual([{ type: 'state', data: { from: 'closed', to: 'new', trigger: 'customer_message', msgid: 'm2', servicer: null } }]);
  });

  it('a servicer taking the customer from the pool makes it theirs; a move we missed is adopted and marked resynced', () => {
    const queued: Session = { state: 'queued', servicer: null, group: 'front' };
    const taken = reduceSession(queued, { kind: 'item', item: statusChange('e1', 1, { new_servicer_userid: 'lisi' }) });
    expect(taken.session).toEqual({ state: 'human', servicer: 'lisi', group: 'front' });
    expect(taken.events[0]?.data).toEqual({ from: 'queued', to: 'human', trigger: 'taken_from_pool', msgid: 'e1', servicer: 'lisi' });
    // The bot believed it held the customer: WeCom's fact wins.
    const missed = reduceSession(bot, { kind: 'item', item: statusChange('e2', 1, { new_servicer_userid: 'lisi' }) });
    expect(missed.session.state).toBe('human');
    expect(missed.events[0]?.data).toMatchObject({ from: 'bot', to: 'human', resynced: true });
  });

  it('the end of a handling closes the session and forgets servicer and group', () => {
    const ended = reduceSession(human, { kind: 'item', item: statusChange('e3', 3) });
    expect(ended.session).toEqual({ state: 'closed', servicer: null, group: null });
    expect(ended.events[0]?.data).toMatchObject({ from: 'human', to: 'closed', trigger: 'ended' });
  });

  it('a msg_send_fail event is not a session change', () => {
    const item = { msgid: 'e4', origin: Origin.system, send_time: 1, msgtype: 'event', event: { event_type: 'msg_send_fail', fail_msgid: 'x' } } as SyncMsgItem;
    expect(reduceSession(human, { kind: 'item', item })).toEqual({ session: human, events: [] });
  });

  it('our transfer hands the session to a servicer or the pool, and always says so', () => {
    const toServicer = reduceSession(bot, { kind: 'transferred', serviceState: 3, servicer: 'zhangsan', group: 'front', msgid: 't1' });
    expect(toServicer).toEqual({ session: human, events: [{ type: 'state', data: { from: 'bot', to: 'human', trigger: 'transfer', msgid: 't1', servicer: 'zhangsan' } }] });
    const toPool = reduceSession({ ...bot, group: 'front' }, { kind: 'transferred', serviceState: 2, servicer: null, group: undefined, msgid: 't2' });
    expect(toPool.session).toEqual({ state: 'queued', servicer: null, group: 'front' });
    // From human the pool is not a move the platform makes: it happened, so it is adopted, marked.
    expect(reduceSession(human, { kind: 'transferred', serviceState: 2, servicer: null, group: null, msgid: 't3' }).events[0]?.data).toMatchObject({ resynced: true });
  });

  it('a bot reply makes a new session the bot’s, and changes nothing once it is', () => {
    expect(reduceSession(INITIAL_SESSION, { kind: 'bot_replied', msgid: 'r1' })).toEqual({
      session: bot,
      events: [{ type: 'state', data: { from: 'new', to: 'bot', trigger: 'bot_reply', msgid: 'r1', servicer: null } }],
    });
    expect(reduceSession(bot, { kind: 'bot_replied', msgid: 'r2' })).toEqual({ session: bot, events: [] });
    expect(reduceSession(human, { kind: 'bot_replied', msgid: 'r3' })).toEqual({ session: human, events: [] });
  });

  it('routing and a queue assignment set the group and the servicer without a state event', () => {
    expect(reduceSession(bot, { kind: 'routed', group: 'vip' })).toEqual({ session: { ...bot, group: 'vip' }, events: [] });
    expect(reduceSession({ state: 'queued', servicer: null, group: 'vip' }, { kind: 'assigned', servicer: 'lisi' }).session).toEqual({ state: 'queued', servicer: 'lisi', group: 'vip' });
  });

  it('service_state/get is adopted as the fact; the same answer changes nothing; a bad state is refused', () => {
    const adopted = reduceSession(bot, { kind: 'resynced', serviceState: 3, servicer: 'wangwu' });
    expect(adopted.session).toEqual({ state: 'human', servicer: 'wangwu', group: null });
    expect(adopted.events).toEqual([{ type: 'state', data: { from: 'bot', to: 'human', trigger: 'service_state_get', servicer: 'wangwu', resynced: true } }]);
    expect(reduceSession(human, { kind: 'resynced', serviceState: 3, servicer: 'zhangsan' })).toEqual({ session: human, events: [] });
    expect(reduceSession(human, { kind: 'resynced', serviceState: 4, servicer: 'zhangsan' }).session).toEqual({ state: 'closed', servicer: null, group: null });
    expect(() => reduceSession(human, { kind: 'resynced', serviceState: 9, servicer: null })).toThrow(RangeError);
  });

  it('expiry closes the session with a state and a closed event', () => {
    expect(reduceSession(human, { kind: 'expired' })).toEqual({
      session: { state: 'closed', servicer: null, group: null },
      events: [
        { type: 'state', data: { from: 'human', to: 'closed', trigger: 'expired', servicer: 'zhangsan' } },
        { type: 'closed', data: { reason: 'expired', servicer: 'zhangsan' } },
      ],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { NO_WINDOW } from '../../src/engine/budget';
import { EMPTY_CONTEXT } from '../../src/engine/context';
import type { InboundItem } from '../../src/objects/conversation/inbound';
import { INITIAL_MEMORY, type Memory } from '../../src/objects/conversation/memory';
import type { Session } from '../../src/objects/conversation/session';
import { composeOutcome } from '../../src/objects/conversation/turn/commit';
import { decideTurn } from '../../src/objects/conversation/turn/decide';
import { readFacts, seenIn } from '../../src/objects/conversation/turn/facts';
import { guardReplies } from '../../src/objects/conversation/turn/guard';
import { reportToBreaker } from '../../src/objects/conversation/turn/report';
import { routeHandoff } from '../../src/objects/conversation/turn/route';
import { screenBurst } from '../../src/objects/conversation/turn/screen';
import type { BreakerPort, ReceptionPort, TurnInput, TurnPorts } from '../../src/objects/conversation/turn/types';
import type { BreakerChange } from '../../src/objects/breaker';
import type { AssignRequest } from '../../src/objects/reception';
import { compileConfig } from '../../src/engine/compile';
import { ConfigSchema, type ConfigInput } from '../../src/rules/config';
import { openState } from '../../src/rules/hours';
import type { TenantDb } from '../../src/storage/tenant';
import { Origin, type SyncMsgItem } from '../../src/wecom/types';

const T0 = 1_800_000_000_000;
const KF = 'wkShop';
const USER = 'wmAlice';
const doc: ConfigInput = {
  links: [{ open_kfid: KF, name: '售前' }],
  groups: [{ id: 'front', name: '前台', servicers: ['zhangsan'] }],
  routing: [{ default: true, group: 'front' }],
  knowledge: [{ id: 'price', questions: ['价格', '多少钱'], answer: '标准版 99 元/月。' }],
  fallback: { reply: '抱歉没听懂。', escalate_after_seconds: 300 },
  handoff: { keywords: ['转人工'], message: '正在为您转接人工客服。' },
  welcome: { text: '欢迎光临！' },
  sensitive_words: { words: ['代开发票'], reply: '请文明用语。' },
  tag_rules: [{ rule_name: 'asks-price', trigger_type: 'message_keyword', keywords: ['价格'], action: 'add_tag', tag_name: 'price' }],
};

function inputFor(items: InboundItem[], over: { session?: Session; memory?: Memory; config?: ConfigInput } = {}): TurnInput {
  const compiled = compileConfig(ConfigSchema.parse(over.config ?? doc));
  const link = compiled.config.links[0];
  return {
    now: T0,
    identity: { open_kfid: KF, external_userid: USER, key: `${KF}:${USER}` },
    items,
    lastSeq: items.at(-1)?.seq,
    escalationDue: false,
    runtime: { compiled, version: 7, variant: 'stable' },
    compiled,
    config: compiled.config,
    link,
    hours: openState(link, T0),
    stamp: { config_version: 7, variant: 'stable' },
    knownLanguage: null,
    tags: new Set(),
    configFailure: null,
    session: over.session ?? { state: 'new', servicer: null, group: null },
    memory: over.memory ?? INITIAL_MEMORY,
  };
}

let seq = 0;
const said = (content: string, menu_id?: string): InboundItem => ({
  seq: ++seq,
  receivedAt: T0 - 100,
  item: { msgid: `m${seq}`, origin: Origin.customer, send_time: (T0 - 200) / 1000, msgtype: 'text', text: { content, ...(menu_id ? { menu_id } : {}) } } as SyncMsgItem,
});
const event = (event: Record<string, unknown>): InboundItem => ({
  seq: ++seq,
  receivedAt: T0 - 100,
  item: { msgid: `e${seq}`, origin: Origin.system, send_time: (T0 - 200) / 1000, msgtype: 'event', event } as SyncMsgItem,
});

/** Reception as a turn meets it: one servicer with room, or nobody. */
function reception(answer: 'assigned' | 'queued'): ReceptionPort & { asked: AssignRequest[] } {
  const asked: AssignRequest[] = [];
  return {
    asked,
    assign: async (request) => (asked.push(request), answer === 'assigned' ? { kind: 'assigned', servicer: 'zhangsan' } : { kind: 'queued', position: 2, waitMinutes: 6 }),
    assignedExternally: async () => {},
    release: async () => {},
  };
}
const change = (over: Partial<BreakerChange> = {}): BreakerChange => ({ status: 'closed', failures: [], opened_at: null, retry_at: null, since: null, changed: false, ...over });
const breaker = (allow: boolean): BreakerPort & { failures: string[] } => {
  const failures: string[] = [];
  return { failures, admit: async () => ({ allow, probe: false, status: allow ? 'closed' : 'open' }), failed: async (key) => (failures.push(key), change()), succeeded: async () => change() };
};
const ports = (over: Partial<TurnPorts> = {}): TurnPorts => ({
  db: {} as TenantDb,
  reception: reception('assigned'),
  breaker: breaker(true),
  bot: { nlpFor: () => null, semantic: () => ({}) as ReturnType<TurnPorts['bot']['semantic']>, kfLinkUrl: async () => 'https://work.weixin.qq.com/kfid/backup' },
  sentItem: () => undefined,
  ...over,
});

/** Every phase, in order, as runTurn chains them (without D1: the tags are what the input says). */
async function turn(input: TurnInput, p: TurnPorts = ports()) {
  const facts = readFacts(input, p.sentItem);
  const screened = screenBurst(input, facts.burst);
  const decided = await decideTurn(input, facts, screened, p);
  const breakerEvents = await reportToBreaker(input, decided, p.breaker);
  const tagged = { tags: input.tags, events: [] };
  const guarded = guardReplies(input, facts.burst, decided);
  const routed = await routeHandoff(input, facts, decided, tagged, guarded, p.reception);
  return { facts, screened, decided, outcome: composeOutcome(input, { facts, screened, shadow: null, breaker: breakerEvents, tagged, guarded, routed }) };
}

describe('a turn’s phases', () => {
  it('facts: the welcome on its code, the channel, and the session mirrored from the items', () => {
    const input = inputFor([event({ event_type: 'enter_session', scene: 'BJ001', welcome_code: 'W1' })]);
    const facts = readFacts(input, () => undefined);
    expect(facts.actions).toEqual([expect.objectContaining({ kind: 'send_msg_on_event', purpose: 'welcome', code: 'W1', deadline: T0 - 200 + 20_000, meta: { config_version: 7, variant: 'stable' } })]);
    expect(facts.memory).toMatchObject({ lastWelcomeAt: T0, channel: 'BJ001' });
    expect(seenIn(input.items)).toEqual({ channel: 'BJ001' });
    expect(facts.burst).toEqual([]);
  });

  it('seen: the channel the customer entered through last, with its scene_param, and nothing from messages', () => {
    expect(seenIn([said('你好')])).toEqual({});
    const items = [event({ event_type: 'enter_session', scene: 'BJ001', scene_param: 'ad7' }), said('你好'), event({ event_type: 'enter_session', scene: 'SH002' }), event({ event_type: 'enter_session' })];
    expect(seenIn(items)).toEqual({ channel: 'SH002', scene_param: 'ad7' });
  });

  it('facts: a handling that ends is surveyed once, its servicer remembered, its slot released', () => {
    const human: Session = { state: 'human', servicer: 'zhangsan', group: 'front' };
    const memory: Memory = { ...INITIAL_MEMORY, handling: { since: T0 - 60_000, servicer: 'zhangsan' } };
    const input = inputFor([event({ event_type: 'session_status_change', change_type: 3, msg_code: 'END1', old_servicer_userid: 'zhangsan' })], { session: human, memory, config: { ...doc, survey: { question: '满意吗？', options: [{ id: 'good', content: '满意', score: 5 }, { id: 'bad', content: '不满意', score: 1 }] } } });
    const facts = readFacts(input, () => undefined);
    expect(facts.session).toEqual({ state: 'closed', servicer: null, group: null });
    expect(facts.events.map((e) => e.type)).toEqual(['state', 'closed']);
    expect(facts.memory).toMatchObject({ lastServicer: 'zhangsan', surveyedHandling: T0 - 60_000 });
    expect(facts.memory.handling).toBeUndefined();
    expect(facts.actions).toEqual([expect.objectContaining({ purpose: 'survey', code: 'END1' })]);
    expect(facts.writes).toEqual([{ kind: 'release' }]);
  });

  it('facts: WeCom dropping a sent message is named from the outbox and marked at commit', async () => {
    const input = inputFor([event({ event_type: 'msg_send_fail', fail_msgid: 'OUT1', fail_type: 2 })]);
    const facts = readFacts(input, (msgid) => (msgid === 'OUT1' ? { purpose: 'reply', text: '您好', attempts: 1 } : undefined));
    expect(facts.events).toEqual([expect.objectContaining({ type: 'delivery_failed', data: expect.objectContaining({ msgid: 'OUT1', text: '您好', reason: 'msg_send_fail', fail_type: 2, config_version: 7 }) })]);
    expect(facts.dropped).toEqual([{ msgid: 'OUT1', failType: 2 }]);
  });

  it('screen: a message with a sensitive word is intercepted, logged masked, and not read for tags', () => {
    const input = inputFor([said('能代开发票吗'), said('价格')]);
    const screened = screenBurst(input, readFacts(input, () => undefined).burst);
    expect(screened.clean.map((m) => m.text)).toEqual(['价格']);
    expect(screened.writes).toEqual([{ kind: 'violation', violation: expect.objectContaining({ direction: 'inbound', masked_words: ['代**票'], masked_excerpt: '能代**票吗' }) }]);
    expect(screened.tagActions.map((t) => t.tag)).toEqual(['price']);
  });

  it('an answered question: the reply goes first in the outbox, the memory follows the decision, the items are processed', async () => {
    const input = inputFor([said('多少钱')]);
    const { outcome } = await turn(input);
    expect(outcome.actions).toEqual([expect.objectContaining({ kind: 'send_msg', purpose: 'reply', index: 0, source: `m${seq}`, message: { msgtype: 'text', text: { content: '标准版 99 元/月。' } } })]);
    expect(outcome.memory.budget).not.toEqual(NO_WINDOW);
    expect(outcome.events.map((e) => e.type)).toContain('answer');
    expect(outcome.events.every((e) => e.data.config_version === 7)).toBe(true);
    expect(outcome.processedThrough).toBe(seq);
    expect(outcome.settings).toMatchObject({ config_version: 7, variant: 'stable', merge_window_ms: 1500 });
  });

  it('a handoff is routed: the servicer is asked of Reception, the transfer queued after the notice, the handoff event names them', async () => {
    const r = reception('assigned');
    const { outcome } = await turn(inputFor([said('转人工')]), ports({ reception: r }));
    expect(r.asked).toEqual([expect.objectContaining({ conversation: `${KF}:${USER}`, candidates: ['zhangsan'], group: 'front', open: true })]);
    expect(outcome.actions.map((a) => a.kind)).toEqual(['send_msg', 'service_state_trans']);
    expect(outcome.actions[1]).toMatchObject({ service_state: 3, servicer: 'zhangsan', meta: { group: 'front' } });
    expect(outcome.session.group).toBe('front');
    expect(outcome.memory.handling).toEqual({ since: T0, servicer: 'zhangsan' });
    const types = outcome.events.map((e) => e.type);
    expect(types.slice(types.indexOf('handoff'))).toEqual(['handoff', 'assigned']);
    expect(outcome.events.find((e) => e.type === 'handoff')?.data).toMatchObject({ group: 'front', servicer: 'zhangsan' });
  });

  it('nobody free: the pool, with the place in the queue in the notice', async () => {
    const { outcome } = await turn(inputFor([said('转人工')]), ports({ reception: reception('queued') }));
    expect(outcome.actions[1]).toMatchObject({ kind: 'service_state_trans', service_state: 2, servicer: null });
    expect((outcome.actions[0] as { message: { text: { content: string } } }).message.text.content).toContain('正在为您转接人工客服。\n');
    expect(outcome.events.at(-1)).toMatchObject({ type: 'queued', data: { position: 2, wait_minutes: 6 } });
  });

  it('an open breaker hands the turn to people without asking the bot, and says so', async () => {
    const input = inputFor([said('多少钱')]);
    const { decided, outcome } = await turn(input, ports({ breaker: breaker(false) }));
    expect(decided.forced).toBe('breaker');
    expect(outcome.events.filter((e) => e.type === 'breaker').map((e) => e.data)).toEqual([expect.objectContaining({ status: 'open', action: 'handed_over' })]);
    expect(outcome.events.find((e) => e.type === 'handoff')?.data).toMatchObject({ reason: 'breaker' });
  });

  it('a config that could not be loaded hands over and is reported once per stage, keyed by the turn', async () => {
    const b = breaker(true);
    const input = { ...inputFor([said('多少钱')]), configFailure: { stage: 'config' as const, cause: 'Error: gone' } };
    const { outcome } = await turn(input, ports({ breaker: b }));
    expect(b.failures).toEqual([`${KF}:${USER}:${seq}:config`]);
    expect(outcome.events.find((e) => e.type === 'handoff')?.data).toMatchObject({ reason: 'bot_error' });
  });

  it('only intercepted messages: the configured reply, nothing decided, the misses unchanged', async () => {
    const memory: Memory = { ...INITIAL_MEMORY, misses: 1, context: EMPTY_CONTEXT };
    const { outcome } = await turn(inputFor([said('代开发票')], { memory, session: { state: 'bot', servicer: null, group: null } }));
    expect(outcome.actions).toEqual([expect.objectContaining({ message: { msgtype: 'text', text: { content: '请文明用语。' } } })]);
    expect(outcome.memory.misses).toBe(1);
    // The language is still read (the customer's language is learnt); nothing else is decided.
    expect(outcome.events.map((e) => e.type)).toEqual(['violation', 'language']);
  });

  it('an unsafe reply is never queued: the fallback goes instead, and a person takes over', async () => {
    const config: ConfigInput = { ...doc, knowledge: [{ id: 'invoice', questions: ['发票'], answer: '可以代开发票。' }] };
    const { outcome } = await turn(inputFor([said('发票')], { config }));
    const sent = outcome.actions.filter((a) => a.kind === 'send_msg').map((a) => (a as { message: { text: { content: string } } }).message.text.content);
    expect(sent.join('\n')).not.toContain('代开发票');
    expect(sent[0]).toBe('抱歉没听懂。');
    expect(outcome.events.find((e) => e.type === 'violation')?.data).toMatchObject({ direction: 'outbound' });
    expect(outcome.events.find((e) => e.type === 'handoff')?.data).toMatchObject({ reason: 'unsafe_reply' });
  });
});

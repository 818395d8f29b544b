import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { alarmAt, alarmWithin, deliver, deliverAndSettle, fireAlarm, resetSim, settle, sim } from './support';
import { ADMIN, api } from './support/admin';
import { freshSystem } from './support/fresh';

/**
 * The seed's stories, end to end: WeCom (the simulator) → the callback → the Inbox → the
 * Conversation → the engine → Reception → WeCom again. Time moves by firing alarms, never by
 * sleeping.
 */

const KF = 'wkScenarioShop0001';
const KF_HOLIDAY = 'wkScenarioClosed01';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());

const CONFIG = {
  tag_rules: [
    { rule_name: '退货咨询用户', trigger_type: 'message_keyword', keywords: ['退货', '退款', '换货'], action: 'add_tag', tag_name: '售后咨询' },
    { rule_name: '会员号', trigger_type: 'message_regex', pattern: '会员号\\s*\\d{6}', action: 'add_tag', tag_name: 'VIP' },
  ],
  channels: [
    { code: 'BJ001', name: '北京线下门店', type: 'offline', open_kfid: KF, params: { store_id: 'BJ001', activity: 'summer_sale' }, auto_tag: ['北京用户', '夏季促销'] },
  ],
  links: [
    {
      open_kfid: KF,
      name: '售后客服',
      timezone: 'Asia/Shanghai',
      max_concurrent_per_servicer: 1,
      queue_prompt: '当前排队第 {position} 位，预计等待 {wait_minutes} 分钟。',
    },
    {
      open_kfid: KF_HOLIDAY,
      name: '节假日客服',
      timezone: 'Asia/Shanghai',
      working_hours: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
      holidays: [today],
      off_hours_reply: '今天休息，我们将于 {next_open} 回复您。',
    },
  ],
  groups: [
    { id: 'senior_group', name: '资深客服', servicers: ['zhangsan'] },
    { id: 'after_sale_group', name: '售后组', servicers: ['wangwu', 'zhaoliu'] },
  ],
  routing: [
    { when: { tag: 'VIP' }, group: 'senior_group' },
    { when: { intent: 'refund' }, group: 'after_sale_group' },
    { default: true, strategy: 'least_busy' },
  ],
  intents: [{ name: 'refund', patterns: ['退(货|款)', '换货'], keywords: ['refund'] }],
  knowledge: [
    { id: 'price', questions: ['价格', '多少钱'], answer: '标准版 99 元/月。', sets_context: 'price' },
    { id: 'price-discount', questions: ['有没有优惠'], requires_context: 'price', answer: '年付 8 折。' },
  ],
  welcome: { text: '您好，我是智能客服小微。' },
  fallback: { reply: '抱歉，我没有理解您的问题。', escalate_after_seconds: 300 },
  handoff: { keywords: ['人工', '转人工'], after_misses: 3, message: '正在为您转接人工客服，请稍候。' },
  sensitive_words: { words: ['违禁词'], action: 'block', reply: '您的消息包含不当内容，已被拦截。' },
  templates: { en: { fallback: 'Sorry, I did not understand.' } },
  survey: {
    question: '请为本次服务打分',
    options: [
      { id: 's5', content: '非常满意', score: 5 },
      { id: 's3', content: '一般', score: 3 },
      { id: 's1', content: '不满意', score: 1 },
    ],
  },
  bot: { merge_window_ms: 1000 },
};

const conversation = (user: string, kf = KF) => env.CONVERSATION.get(env.CONVERSATION.idFromName(`${kf}:${user}`));
const view = (user: string, kf = KF) => conversation(user, kf).view();
const say = async (user: string, text: string, kf = KF) => deliverAndSettle(await sim.say({ open_kfid: kf, external_userid: user, text }));
const texts = async (user: string) => (await sim.sent({ external_userid: user })).map((m) => m.content);
const transfers = async (user: string) =>
  (await sim.calls({ path: '/cgi-bin/kf/service_state/trans' })).items.filter((c) => (c.body as { external_userid?: string }).external_userid === user);

beforeEach(async () => {
  await freshSystem();
  await resetSim({
    accounts: [{ open_kfid: KF }, { open_kfid: KF_HOLIDAY }],
    servicers: ['zhangsan', 'wangwu', 'zhaoliu'].map((userid) => ({ userid, open_kfids: [KF, KF_HOLIDAY], on_duty: true })),
  });
  const put = await api('PUT', '/config', { body: CONFIG });
  expect(put.status).toBe(200);
});

describe('a customer from the Beijing store', () => {
  it('is welcomed, tagged by channel and keyword, and answered with context (价格 → 有没有优惠)', async () => {
    const user = 'wmStoreVisitor01';
    const entered = await sim.enter({ open_kfid: KF, external_userid: user, scene: 'BJ001', scene_param: 'store_id=BJ001&activity=summer_sale' });
    await deliver(entered);
    await settle();
    const welcome = (await sim.calls({ path: '/cgi-bin/kf/send_msg_on_event' })).items;
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.body).toMatchObject({ code: entered.welcome_code, msgtype: 'text', text: { content: '您好，我是智能客服小微。' } });

    await say(user, '这个多少钱？');
    await say(user, '有没有优惠');
    await say(user, '我想退货');
    expect(await texts(user)).toEqual(['您好，我是智能客服小微。', '标准版 99 元/月。', '年付 8 折。', '抱歉，我没有理解您的问题。']);

    const profile = await api('GET', `/users/${user}`);
    expect(profile.body).toMatchObject({ external_userid: user, channel: 'BJ001' });
    expect(profile.body.tags).toEqual(expect.arrayContaining(['北京用户', '夏季促销', '售后咨询']));
    expect(profile.body.tag_details).toEqual(expect.arrayContaining([expect.objectContaining({ tag: '售后咨询', source: 'rule', source_ref: '退货咨询用户' })]));

    const v = await view(user);
    expect(v.config_version).toBe(1);
    expect(v.events.filter((e) => e.type === 'answer')).toHaveLength(2);
    expect(v.events.find((e) => e.type === 'context')).toMatchObject({ set: ['price'], config_version: 1 });
  });

  it('without the price topic, 有没有优惠 is not answered from the discount entry', async () => {
    await say('wmNoContext01', '有没有优惠');
    expect(await texts('wmNoContext01')).toEqual(['抱歉，我没有理解您的问题。']);
  });

  it('a burst of messages inside the merge window gets one answer', async () => {
    const user = 'wmBurst01';
    await deliverAndSettle(await sim.say({ open_kfid: KF, external_userid: user, texts: ['你好', '请问', '价格是多少'] }));
    expect(await texts(user)).toEqual(['标准版 99 元/月。']);
    expect((await view(user)).events.filter((e) => e.type === 'message_in')).toHaveLength(3);
  });
});

describe('handoff and routing', () => {
  it('转人工 sends the notice first, then transfers to the intent’s group; afterwards the bot is silent', async () => {
    const user = 'wmRefund01';
    await say(user, '我要退款，转人工');
    const calls = (await sim.calls()).items.filter((c) => ['/cgi-bin/kf/send_msg', '/cgi-bin/kf/service_state/trans'].includes(c.path));
    expect(calls.map((c) => c.path)).toEqual(['/cgi-bin/kf/send_msg', '/cgi-bin/kf/service_state/trans']);
    expect(calls[0]!.body).toMatchObject({ text: { content: '正在为您转接人工客服，请稍候。' } });
    expect(calls[1]!.body).toMatchObject({ service_state: 3 });
    expect(['wangwu', 'zhaoliu']).toContain((calls[1]!.body as { servicer_userid: string }).servicer_userid);

    const v = await view(user);
    expect(v).toMatchObject({ state: 'human', group: 'after_sale_group' });
    expect(v.events.find((e) => e.type === 'handoff')).toMatchObject({ reason: 'keyword', intent: 'refund', group: 'after_sale_group' });

    // One handoff to one servicer is one handling in the figures (the routing outcome follows the handoff).
    const servicer = (calls[1]!.body as { servicer_userid: string }).servicer_userid;
    const metrics = await api('GET', `/metrics?to=${Date.now() + 3_600_000}`);
    expect(metrics.body.servicers).toEqual([expect.objectContaining({ servicer, handled: 1 })]);
    expect(metrics.body.handoffReasons).toEqual([{ reason: 'keyword', count: 1 }]);

    const before = (await sim.sent({ external_userid: user })).length;
    await say(user, '在吗？');
    expect((await sim.sent({ external_userid: user })).length).toBe(before);
    expect((await view(user)).events.filter((e) => e.type === 'message_in').map((e) => e.text)).toEqual(['我要退款，转人工', '在吗？']);
  });

  it('a VIP (tagged by an operator) goes to the senior group, whatever the intent', async () => {
    const user = 'wmVip01';
    expect((await api('POST', `/users/${user}/tags`, { body: { add: ['VIP'] } })).status).toBe(200);
    await say(user, '我要退货，找人工');
    expect((await transfers(user))[0]!.body).toMatchObject({ service_state: 3, servicer_userid: 'zhangsan' });
    expect((await view(user)).group).toBe('senior_group');
  });

  it('a tag set by a regex rule in the same message routes that message', async () => {
    await say('wmVip02', '会员号 123456，转人工');
    expect((await transfers('wmVip02'))[0]!.body).toMatchObject({ servicer_userid: 'zhangsan' });
  });

  it('when every servicer is at capacity the customer waits with their position, and is assigned when a slot frees', async () => {
    await say('wmQueueA', '退款，转人工');
    await say('wmQueueB', '退款，转人工');
    const busy = [(await transfers('wmQueueA'))[0]!.body, (await transfers('wmQueueB'))[0]!.body].map((b) => (b as { servicer_userid: string }).servicer_userid);
    expect(busy.sort()).toEqual(['wangwu', 'zhaoliu']);

    await say('wmQueueC', '退款，转人工');
    expect((await texts('wmQueueC')).at(-1)).toBe('正在为您转接人工客服，请稍候。\n当前排队第 1 位，预计等待 4 分钟。');
    expect((await transfers('wmQueueC')).map((c) => c.body)).toEqual([expect.objectContaining({ service_state: 2 })]);
    expect((await view('wmQueueC')).state).toBe('queued');

    // The servicer of A ends that session: the slot frees and C is assigned to them, in order.
    await deliverAndSettle(await sim.end({ open_kfid: KF, external_userid: 'wmQueueA' }));
    const assigned = (await transfers('wmQueueC')).map((c) => c.body);
    expect(assigned).toEqual([expect.objectContaining({ service_state: 2 }), expect.objectContaining({ service_state: 3, servicer_userid: busy[0] })]);
    expect(await view('wmQueueC')).toMatchObject({ state: 'human', servicer: busy[0] });
  });
});

describe('a session moved behind our back', () => {
  it('a refused send makes the conversation ask WeCom for the real state, adopt it, and stay silent', async () => {
    const user = 'wmMovedAway01';
    await say(user, '价格');
    expect((await view(user)).state).toBe('bot');

    // Another app (or the WeCom console) hands the customer to zhangsan; no event reaches us.
    const token = (await (await fetch(`http://wecom.test/cgi-bin/gettoken?corpid=${env.WECOM_CORP_ID}&corpsecret=${env.WECOM_KF_SECRET}`)).json()) as { access_token: string };
    const moved = await fetch(`http://wecom.test/cgi-bin/kf/service_state/trans?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ open_kfid: KF, external_userid: user, service_state: 3, servicer_userid: 'zhangsan' }),
    });
    expect(((await moved.json()) as { errcode: number }).errcode).toBe(0);

    await say(user, '有没有优惠');
    const v = await view(user);
    expect(v).toMatchObject({ state: 'human', servicer: 'zhangsan' });
    expect(v.events.find((e) => e.type === 'delivery_failed')).toMatchObject({ errcode: 95018 });
    expect(v.events.find((e) => e.type === 'state' && e.trigger === 'service_state_get')).toMatchObject({ to: 'human', resynced: true });
    expect((await api('GET', `/reception/${KF}`)).body.servicers).toEqual(expect.arrayContaining([expect.objectContaining({ servicer: 'zhangsan', load: 1 })]));

    // From now on the bot sends nothing into the refusal.
    const sends = (await sim.calls({ path: '/cgi-bin/kf/send_msg' })).items.length;
    await say(user, '还在吗');
    expect((await sim.calls({ path: '/cgi-bin/kf/send_msg' })).items.length).toBe(sends);
  });
});

describe('servicers going on and off duty', () => {
  it('with everyone off duty the customer waits; a servicer coming on duty takes them at once', async () => {
    for (const servicer of ['wangwu', 'zhaoliu']) await deliverAndSettle(await sim.status({ servicer_userid: servicer, status: 2, open_kfid: KF }));
    await say('wmNight01', '退货，转人工');
    expect((await transfers('wmNight01')).map((c) => c.body)).toEqual([expect.objectContaining({ service_state: 2 })]);
    const waiting = await api('GET', `/reception/${KF}`);
    expect(waiting.body.queue).toEqual([expect.objectContaining({ conversation: `${KF}:wmNight01`, position: 1 })]);

    await deliverAndSettle(await sim.status({ servicer_userid: 'zhaoliu', status: 1, open_kfid: KF }));
    expect((await transfers('wmNight01')).at(-1)!.body).toMatchObject({ service_state: 3, servicer_userid: 'zhaoliu' });
    expect((await api('GET', `/reception/${KF}`)).body.queue).toEqual([]);
  });
});

describe('servicers handing customers to each other', () => {
  it('a transfer in the WeCom client moves the load, the handling and the survey’s attribution', async () => {
    const user = 'wmHanded01';
    await say(user, '退款，转人工');
    const first = ((await transfers(user))[0]!.body as { servicer_userid: string }).servicer_userid;
    const second = first === 'wangwu' ? 'zhaoliu' : 'wangwu';
    await deliverAndSettle(await sim.transfer({ open_kfid: KF, external_userid: user, servicer_userid: 'zhangsan' }));
    expect(await view(user)).toMatchObject({ state: 'human', servicer: 'zhangsan' });
    const loads = Object.fromEntries(((await api('GET', `/reception/${KF}`)).body.servicers as { servicer: string; load: number }[]).map((s) => [s.servicer, s.load]));
    expect(loads).toMatchObject({ zhangsan: 1, [first]: 0 });

    // The slot the first servicer gave up is free for the next customer of that group.
    await say('wmHanded02', '退款，转人工');
    await say('wmHanded03', '退款，转人工');
    const next = await Promise.all(['wmHanded02', 'wmHanded03'].map(async (u) => ((await transfers(u))[0]!.body as { servicer_userid: string }).servicer_userid));
    expect(next.sort()).toEqual([first, second].sort());

    await deliverAndSettle(await sim.end({ open_kfid: KF, external_userid: user }));
    await deliverAndSettle(await sim.click({ open_kfid: KF, external_userid: user, menu_id: 's3' }));
    expect((await view(user)).events.find((e) => e.type === 'rating')).toMatchObject({ score: 3, servicer: 'zhangsan' });
  });
});

describe('sessions WeCom ends by itself', () => {
  it('48 hours without a word from the customer: the session closes and their servicer takes the next in the queue', async () => {
    await say('wmGone01', '退款，转人工');
    await say('wmGone02', '退款，转人工');
    await say('wmWaiting01', '退款，转人工');
    const servicer = ((await transfers('wmGone01'))[0]!.body as { servicer_userid: string }).servicer_userid;
    expect((await view('wmWaiting01')).state).toBe('queued');
    expect(await alarmAt(conversation('wmGone01'))).toBeGreaterThan(Date.now() + 47 * 3_600_000);

    expect(await fireAlarm(conversation('wmGone01'))).toBe(true);
    await settle();
    const gone = await view('wmGone01');
    expect(gone.state).toBe('closed');
    expect(gone.events.find((e) => e.type === 'closed')).toMatchObject({ reason: 'expired', servicer });
    expect((await transfers('wmWaiting01')).at(-1)!.body).toMatchObject({ service_state: 3, servicer_userid: servicer });
  });
});

describe('the fallback ladder', () => {
  it('an unrecognised message gets the generic reply; still unresolved 5 minutes later, a person takes over', async () => {
    const user = 'wmLost01';
    const started = Date.now();
    await say(user, '这个东西怎么弄');
    expect(await texts(user)).toEqual(['抱歉，我没有理解您的问题。']);
    const due = await alarmAt(conversation(user));
    expect(due).toBeGreaterThanOrEqual(started + 300_000);
    expect(await transfers(user)).toEqual([]);

    expect(await fireAlarm(conversation(user))).toBe(true);
    await settle();
    expect((await transfers(user))[0]!.body).toMatchObject({ service_state: 3 });
    expect((await view(user)).events.find((e) => e.type === 'handoff')).toMatchObject({ reason: 'escalation' });
  });

  it('an answered follow-up resolves it: no escalation', async () => {
    const user = 'wmLost02';
    await say(user, '这个东西怎么弄');
    await say(user, '价格');
    expect(await texts(user)).toEqual(['抱歉，我没有理解您的问题。', '标准版 99 元/月。']);
    expect((await view(user)).events.find((e) => e.type === 'escalation' && e.action === 'resolved')).toBeTruthy();
    // Only the session's own 48-hour expiry is left: no escalation is armed.
    expect(await alarmWithin(conversation(user), 47 * 3_600_000)).toBeNull();
    expect(await transfers(user)).toEqual([]);
  });

  it('after_misses consecutive misses hand over at once', async () => {
    const user = 'wmLost03';
    await say(user, '第一个问题 zz');
    await say(user, '第二个问题 yy');
    await say(user, '第三个问题 xx');
    expect((await view(user)).events.find((e) => e.type === 'handoff')).toMatchObject({ reason: 'misses' });
    expect(await transfers(user)).toHaveLength(1);
  });
});

describe('satisfaction', () => {
  it('when a servicer ends the session, the survey goes out once with the end code; the rating is attributed to them', async () => {
    const user = 'wmSurvey01';
    await say(user, '转人工');
    const servicer = ((await transfers(user))[0]!.body as { servicer_userid: string }).servicer_userid;
    const ended = await sim.end({ open_kfid: KF, external_userid: user });
    await deliver(ended);
    await settle();
    const survey = (await sim.calls({ path: '/cgi-bin/kf/send_msg_on_event' })).items.at(-1)!;
    expect(survey.body).toMatchObject({ msgtype: 'msgmenu', msgmenu: { head_content: '请为本次服务打分' } });
    expect((await sim.sent({ external_userid: user })).at(-1)!.menu.map((m) => m.id)).toEqual(['s5', 's3', 's1']);

    await deliverAndSettle(await sim.click({ open_kfid: KF, external_userid: user, menu_id: 's5' }));
    const v = await view(user);
    expect(v.events.find((e) => e.type === 'rating')).toMatchObject({ score: 5, servicer });
    expect((await texts(user)).at(-1)).toMatch(/感谢/);
  });
});

describe('protection and languages', () => {
  it('an inbound sensitive word is not processed, gets the configured reply, and is logged masked', async () => {
    const user = 'wmRude01';
    await say(user, '你们卖违禁词吗');
    expect(await texts(user)).toEqual(['您的消息包含不当内容，已被拦截。']);
    const v = await view(user);
    expect(v.events.some((e) => e.type === 'fallback' || e.type === 'answer')).toBe(false);
    const violations = await api('GET', '/violations');
    expect(violations.body.items[0]).toMatchObject({ open_kfid: KF, external_userid: user, direction: 'inbound', words: ['违*词'] });
    expect(JSON.stringify(violations.body)).not.toContain('违禁词');
  });

  it('an English speaker gets the English template, and the language lands on the profile', async () => {
    const user = 'wmEnglish01';
    await say(user, 'Hello, could you help me with my order please?');
    expect(await texts(user)).toEqual(['Sorry, I did not understand.']);
    expect((await api('GET', `/users/${user}`)).body.language).toBe('en');
  });

  it('on a holiday the handoff notice is the off-hours reply, and the customer waits in the pool', async () => {
    const user = 'wmHoliday01';
    await say(user, '转人工', KF_HOLIDAY);
    expect((await texts(user)).at(-1)).toMatch(/^今天休息，我们将于 .+ 回复您。$/);
    expect((await transfers(user)).map((c) => c.body)).toEqual([expect.objectContaining({ service_state: 2 })]);
  });
});

describe('operators see why', () => {
  it('the conversation view has state, group, servicer, context and a timeline stamped with the deciding version', async () => {
    const user = 'wmView01';
    await say(user, '价格');
    const r = await api('GET', `/conversations/${KF}/${user}`, { token: ADMIN });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'bot', group: null, servicer: null });
    expect(Object.keys(r.body.context)).toEqual(['price']);
    const types = r.body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['message_in', 'answer', 'message_out', 'state']));
    expect(r.body.events.find((e: { type: string }) => e.type === 'answer')).toMatchObject({ config_version: 1, variant: 'stable' });
  });
});

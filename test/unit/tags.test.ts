import { describe, expect, it } from 'vitest';
import { ConfigSchema, type ConfigInput } from '../../src/rules/config';
import { REGEX_TEXT_LIMIT } from '../../src/rules/operator-regex';
import { compileTagRules, evaluate } from '../../src/rules/tags';

const engineOf = (doc: ConfigInput) => {
  const config = ConfigSchema.parse(doc);
  return compileTagRules(config.tag_rules, config.channels);
};

describe('tag rules', () => {
  it("runs the seed's example verbatim", () => {
    const engine = engineOf({
      tag_rules: [{ rule_name: '退货咨询用户', trigger_type: 'message_keyword', keywords: ['退货', '退款', '换货'], action: 'add_tag', tag_name: '售后咨询' }],
    });
    expect(evaluate(engine, { kind: 'message', text: '我想退货，可以吗？' })).toEqual([
      { action: 'add_tag', tag: '售后咨询', rule_name: '退货咨询用户', source: 'rule' },
    ]);
    expect(evaluate(engine, { kind: 'message', text: '你好' })).toEqual([]);
  });

  it('returns one action per rule however many of its keywords hit', () => {
    const engine = engineOf({
      tag_rules: [{ rule_name: 'r', trigger_type: 'message_keyword', keywords: ['退货', '退款'], action: 'add_tag', tag_name: '售后' }],
    });
    expect(evaluate(engine, { kind: 'message', text: '退货退款退货' })).toHaveLength(1);
  });

  it('normalises width, case and spacing for keywords', () => {
    const engine = engineOf({
      tag_rules: [{ rule_name: 'vip', trigger_type: 'message_keyword', keywords: ['VIP'], action: 'add_tag', tag_name: 'VIP' }],
    });
    for (const text of ['我是ｖｉｐ', 'I am a Vip', 'v i p']) expect(evaluate(engine, { kind: 'message', text })).toHaveLength(1);
  });

  it('matches message_regex on NFKC text with the rule flags', () => {
    const engine = engineOf({
      tag_rules: [
        { rule_name: 'order', trigger_type: 'message_regex', pattern: '订单号?\\s*\\d{6}', action: 'add_tag', tag_name: '查订单' },
        { rule_name: 'refund', trigger_type: 'message_regex', pattern: '^refund', flags: 'i', action: 'add_tag', tag_name: '退款' },
      ],
    });
    expect(evaluate(engine, { kind: 'message', text: '订单１２３４５６' }).map((a) => a.tag)).toEqual(['查订单']);
    expect(evaluate(engine, { kind: 'message', text: 'REFUND now' }).map((a) => a.tag)).toEqual(['退款']);
    expect(evaluate(engine, { kind: 'message', text: 'please refund' })).toEqual([]);
  });

  it('only lets regexes see the first REGEX_TEXT_LIMIT characters', () => {
    const engine = engineOf({
      tag_rules: [{ rule_name: 'tail', trigger_type: 'message_regex', pattern: '尾巴', action: 'add_tag', tag_name: 't' }],
    });
    expect(evaluate(engine, { kind: 'message', text: 'x'.repeat(REGEX_TEXT_LIMIT) + '尾巴' })).toEqual([]);
    expect(evaluate(engine, { kind: 'message', text: 'x'.repeat(REGEX_TEXT_LIMIT - 2) + '尾巴' })).toHaveLength(1);
  });

  it('skips a regex the engine refuses and says why instead of running it', () => {
    const engine = engineOf({
      tag_rules: [
        { rule_name: 'ahead', trigger_type: 'message_regex', pattern: 'a(?=b)', action: 'add_tag', tag_name: 'x' },
        { rule_name: 'nested', trigger_type: 'message_regex', pattern: '(a+)+$', action: 'add_tag', tag_name: 'y' },
      ],
    });
    expect(engine.problems).toEqual([{ rule_name: 'ahead', reason: expect.stringContaining('lookahead') }]);
    // A pattern that backtracks exponentially elsewhere is linear here: it runs, and answers.
    expect(evaluate(engine, { kind: 'message', text: 'a'.repeat(2000) + '!' })).toEqual([]);
    expect(evaluate(engine, { kind: 'message', text: 'ab' + 'a'.repeat(20) }).map((a) => a.tag)).toEqual(['y']);
  });

  it('reports keywords that can never match', () => {
    const engine = engineOf({
      tag_rules: [{ rule_name: 'dots', trigger_type: 'message_keyword', keywords: ['...', '好'], action: 'add_tag', tag_name: 'x' }],
    });
    expect(engine.problems).toEqual([{ rule_name: 'dots', reason: expect.stringContaining('"..."') }]);
  });

  it('matches behaviour events by event and optional reference', () => {
    const engine = engineOf({
      tag_rules: [
        { rule_name: 'any click', trigger_type: 'behavior', event: 'link_click', action: 'add_tag', tag_name: '点击过' },
        { rule_name: 'promo click', trigger_type: 'behavior', event: 'link_click', match: 'promo', action: 'add_tag', tag_name: '促销' },
        { rule_name: 'joined', trigger_type: 'behavior', event: 'campaign_join', match: '双11', action: 'add_tag', tag_name: '双11' },
      ],
    });
    expect(evaluate(engine, { kind: 'behavior', event: 'link_click', ref: 'other' }).map((a) => a.rule_name)).toEqual(['any click']);
    expect(evaluate(engine, { kind: 'behavior', event: 'link_click', ref: 'promo' })).toEqual([
      { action: 'add_tag', tag: '点击过', rule_name: 'any click', source: 'behavior' },
      { action: 'add_tag', tag: '促销', rule_name: 'promo click', source: 'behavior' },
    ]);
    expect(evaluate(engine, { kind: 'behavior', event: 'campaign_join' })).toEqual([]);
    expect(evaluate(engine, { kind: 'behavior', event: 'menu_click', ref: 'x' })).toEqual([]);
  });

  it('adds a channel auto_tag and channel rules on entry', () => {
    const engine = engineOf({
      channels: [{ code: 'BJ001', name: '北京线下门店', type: 'offline', params: { store_id: 'BJ001' }, auto_tag: ['北京用户', '夏季促销'] }],
      tag_rules: [{ rule_name: '门店新客', trigger_type: 'channel', channel_code: 'BJ001', action: 'add_tag', tag_name: '线下' }],
    });
    expect(evaluate(engine, { kind: 'channel', code: 'BJ001' })).toEqual([
      { action: 'add_tag', tag: '北京用户', rule_name: 'channel:BJ001', source: 'channel' },
      { action: 'add_tag', tag: '夏季促销', rule_name: 'channel:BJ001', source: 'channel' },
      { action: 'add_tag', tag: '线下', rule_name: '门店新客', source: 'channel' },
    ]);
    expect(evaluate(engine, { kind: 'channel', code: 'SH002' })).toEqual([]);
  });

  it('skips disabled rules and keeps rule order, add and remove included', () => {
    const engine = engineOf({
      tag_rules: [
        { rule_name: 'later', trigger_type: 'message_regex', pattern: '满意', action: 'remove_tag', tag_name: '投诉' },
        { rule_name: 'off', trigger_type: 'message_keyword', keywords: ['满意'], action: 'add_tag', tag_name: 'x', enabled: false },
        { rule_name: 'first', trigger_type: 'message_keyword', keywords: ['不满意'], action: 'add_tag', tag_name: '投诉' },
      ],
    });
    expect(evaluate(engine, { kind: 'message', text: '不满意' }).map((a) => `${a.action}:${a.rule_name}`)).toEqual([
      'remove_tag:later',
      'add_tag:first',
    ]);
  });

  it('never returns the same action twice', () => {
    const engine = engineOf({
      channels: [{ code: 'C1', name: 'c', auto_tag: ['a', 'a'] }],
      tag_rules: [{ rule_name: 'r', trigger_type: 'message_keyword', keywords: ['退货', '退 货', '退货'], action: 'add_tag', tag_name: 't' }],
    });
    expect(evaluate(engine, { kind: 'message', text: '退货 退货' })).toHaveLength(1);
    expect(evaluate(engine, { kind: 'channel', code: 'C1' })).toHaveLength(1);
  });

  it('evaluates one message against 1,000 rules with one matcher', () => {
    const tag_rules = Array.from({ length: 1000 }, (_, i) => ({
      rule_name: `r${i}`,
      trigger_type: 'message_keyword' as const,
      keywords: Array.from({ length: 10 }, (_, k) => `词${i}-${k}号`),
      action: 'add_tag' as const,
      tag_name: `t${i}`,
    }));
    const engine = engineOf({ tag_rules });
    expect(evaluate(engine, { kind: 'message', text: '我说了词999-9号和词5-0号' }).map((a) => a.rule_name)).toEqual(['r5', 'r999']);
  });

  it('runs a regex only when its required literal occurs, with the same results as running them all', () => {
    const shapes = ['订单号?\\s*\\d{2}', '(退|换)货', '退货|退款', '^(?:refund|return)', 'VIP\\d', '\\d{3}', '价.{0,2}格', '(?:会员)+卡'];
    const tag_rules = shapes.flatMap((pattern, i) => [
      { rule_name: `r${i}`, trigger_type: 'message_regex' as const, pattern, action: 'add_tag' as const, tag_name: `t${i}` },
      { rule_name: `ri${i}`, trigger_type: 'message_regex' as const, pattern, flags: 'i', action: 'add_tag' as const, tag_name: `ti${i}` },
    ]);
    const engine = engineOf({ tag_rules });
    expect(engine.regexes.filter((r) => r.prefiltered).length).toBe(tag_rules.length - 2); // only \d{3} always runs
    const parts = ['订单', '号', ' ', '１２', '12', '退', '换', '货', '款', 'refund', 'Return', 'REFUND', 'vip', 'ＶＩＰ', '7', '价', '格', '会员', '卡', '-', 'x'];
    let seed = 3;
    const rnd = (n: number): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + rnd(6) }, () => parts[rnd(parts.length)]).join('');
      const naive = tag_rules.filter((r) => new RegExp(r.pattern, r.flags ?? '').test(text.normalize('NFKC'))).map((r) => r.rule_name);
      expect(evaluate(engine, { kind: 'message', text }).map((a) => a.rule_name), text).toEqual(naive);
    }
  });
});

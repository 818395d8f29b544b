import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/rules/config';
import { MAX_REGEXES, REGEX_BUDGET, REGEX_SOURCE_BUDGET, validateConfig, type IssuePath } from '../../src/rules/config-validate';
import example from '../fixtures/config.example.json';

/** The complete example document of the README (every section, every rule type). */
const exampleDoc = (): ConfigInput & Record<string, unknown> => structuredClone(example) as ConfigInput & Record<string, unknown>;

/** The seed's rule (section 2.1), character for character. */
const seedTagRule = JSON.parse(`{
 "rule_name": "退货咨询用户",
 "trigger_type": "message_keyword",
 "keywords": ["退货","退款","换货"],
 "action": "add_tag",
 "tag_name": "售后咨询"
 }`);

/** The seed's channel code (section 3.2, YAML there), in the document's JSON form. */
const seedChannel = { code: 'BJ001', name: '北京线下门店', type: 'offline', params: { store_id: 'BJ001', activity: 'summer_sale' }, auto_tag: ['北京用户', '夏季促销'] };

function paths(doc: unknown): IssuePath[] {
  const r = validateConfig(doc);
  return r.ok ? [] : r.issues.map((i) => i.path);
}

describe('validateConfig accepts', () => {
  it('the seed tag rule verbatim', () => {
    const r = validateConfig({ tag_rules: [seedTagRule] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.tag_rules[0]).toMatchObject(seedTagRule);
  });

  it('the seed channel code', () => {
    const r = validateConfig({ channels: [seedChannel] });
    expect(r.ok).toBe(true);
  });

  it('the empty document, with every default applied', () => {
    const r = validateConfig({});
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config).toMatchObject({ tag_rules: [], routing: [], templates: {}, bot: { merge_window_ms: 1500, adaptive_merge: true } });
  });

  it('bot.adaptive_merge as a boolean, and refuses anything else at its path', () => {
    const r = validateConfig({ bot: { adaptive_merge: false } });
    expect(r.ok && r.config.bot).toMatchObject({ adaptive_merge: false, merge_window_ms: 1500 });
    expect(paths({ bot: { adaptive_merge: 'no' } })).toEqual([['bot', 'adaptive_merge']]);
  });

  it('the complete README example', () => {
    expect(paths(exampleDoc())).toEqual([]);
  });

  it("the outside contract's example document verbatim, with a warning for its undefined group", () => {
    const r = validateConfig(JSON.parse(CONTRACT_EXAMPLE));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => w.path)).toEqual([['links', 0, 'backup_open_kfid'], ['routing', 1, 'group']]);
  });

  it('a routing rule naming a group not defined yet, as a warning', () => {
    const doc = exampleDoc();
    doc.routing![0] = { when: { tag: 'VIP' }, group: 'not_yet_defined' };
    const r = validateConfig(doc);
    expect(r.ok && r.warnings[0]).toMatchObject({ code: 'unknown_reference', path: ['routing', 0, 'group'] });
  });

  it('a period over midnight and 24:00', () => {
    const doc = exampleDoc();
    doc.links![0]!.working_hours = [{ days: [5], start: '22:00', end: '02:00' }, { days: [6], start: '08:00', end: '24:00' }];
    expect(paths(doc)).toEqual([]);
  });
});

// Every class of invalid document, each with the exact path of the offending value.
const invalid: [string, (doc: ConfigInput & Record<string, unknown>) => unknown, IssuePath[]][] = [
  ['a document that is not an object', () => ['tag_rules'], [[]]],
  ['an unknown top-level section', (d) => ({ ...d, tagrules: [] }), [[]]],
  ['a misspelt key in a rule', (d) => { (d.tag_rules![0] as Record<string, unknown>).keyword = ['x']; }, [['tag_rules', 0]]],
  ['an unknown trigger_type', (d) => { (d.tag_rules![0] as Record<string, unknown>).trigger_type = 'message_contains'; }, [['tag_rules', 0, 'trigger_type']]],
  ['a keyword rule without keywords', (d) => { delete (d.tag_rules![0] as Record<string, unknown>).keywords; }, [['tag_rules', 0, 'keywords']]],
  ['an empty keyword', (d) => { (d.tag_rules![0] as { keywords: string[] }).keywords[1] = ' '; }, [['tag_rules', 0, 'keywords', 1]]],
  ['an unknown action', (d) => { (d.tag_rules![0] as Record<string, unknown>).action = 'set_tag'; }, [['tag_rules', 0, 'action']]],
  ['a regex that does not compile', (d) => { (d.tag_rules![1] as { pattern: string }).pattern = '订单(\\d+'; }, [['tag_rules', 1, 'pattern']]],
  ['a regex with a lookahead (no linear-time engine runs one)', (d) => { (d.tag_rules![1] as { pattern: string }).pattern = '订单(?=\\d)'; }, [['tag_rules', 1, 'pattern']]],
  ['an intent pattern with a backreference', (d) => { d.intents![0]!.patterns = ['退货', '(a)\\1']; }, [['intents', 0, 'patterns', 1]]],
  ['an intent with neither patterns nor keywords', (d) => { d.intents![0] = { name: 'refund' }; }, [['intents', 0]]],
  ['a channel code WeCom refuses as a scene', (d) => { d.channels![0]!.code = '北京001'; }, [['channels', 0, 'code']]],
  ['channel params over 128 bytes of scene_param', (d) => { d.channels![0]!.params = { note: '门'.repeat(50) }; }, [['channels', 0, 'params']]],
  ['a time that is not HH:MM', (d) => { d.links![0]!.working_hours![1]!.start = '9:00'; }, [['links', 0, 'working_hours', 1, 'start']]],
  ['a weekday outside 1..7', (d) => { d.links![0]!.working_hours![0]!.days = [1, 8]; }, [['links', 0, 'working_hours', 0, 'days', 1]]],
  ['an unknown time zone', (d) => { d.links![0]!.timezone = 'Asia/Beijing'; }, [['links', 0, 'timezone']]],
  ['a holiday that is not a calendar day', (d) => { d.links![0]!.holidays = ['2026-10-01', '2026-02-30']; }, [['links', 0, 'holidays', 1]]],
  ['a routing rule after the default', (d) => { d.routing!.push({ when: { tag: 'x' }, group: 'senior_group' }); }, [['routing', 3]]],
  ['requires_context that nothing sets', (d) => { d.knowledge![1]!.requires_context = 'pricing'; }, [['knowledge', 1, 'requires_context']]],
  ['a duplicate rule name', (d) => { d.tag_rules![2]!.rule_name = d.tag_rules![0]!.rule_name; }, [['tag_rules', 2, 'rule_name']]],
  ['a duplicate channel code', (d) => { d.channels![1]!.code = 'BJ001'; }, [['channels', 1, 'code']]],
  ['a duplicate group id', (d) => { d.groups![1]!.id = 'senior_group'; d.routing![1] = { when: { intent: 'refund' }, group: 'senior_group' }; }, [['groups', 1, 'id']]],
  ['a duplicate knowledge id', (d) => { d.knowledge![2]!.id = 'price'; }, [['knowledge', 2, 'id']]],
  ['a duplicate intent name', (d) => { d.intents![1]!.name = 'refund'; }, [['intents', 1, 'name']]],
  ['a duplicate menu id', (d) => { d.welcome!.menu![1]!.id = 'menu_price'; }, [['welcome', 'menu', 1, 'id']]],
  ['a template locale that is not one', (d) => { d.templates = { english: { welcome: 'hi' } }; }, [['templates', 'english']]],
  ['a number where a string belongs', (d) => { d.fallback = { reply: 42 as unknown as string }; }, [['fallback', 'reply']]],
];

describe('validateConfig refuses', () => {
  it.each(invalid)('%s', (_name, mutate, expected) => {
    const doc = exampleDoc();
    const replaced = mutate(doc);
    expect(paths(replaced === undefined ? doc : replaced)).toEqual(expected);
  });

  it('answers every problem at once, not only the first', () => {
    const doc = exampleDoc();
    doc.links![0]!.timezone = 'Mars/Olympus';
    doc.knowledge![1]!.requires_context = 'nothing';
    expect(paths(doc)).toEqual([['links', 0, 'timezone'], ['knowledge', 1, 'requires_context']]);
  });

  it('explains a refused regex in words an operator can act on', () => {
    const doc = exampleDoc();
    (doc.tag_rules![1] as { pattern: string }).pattern = '(?:.{0,9}){99}';
    const r = validateConfig(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'unsafe_regex', message: expect.stringMatching(/^too large: it compiles to \d+ instructions/) });
  });

  it('holds the whole document to one regex budget: patterns, their characters and their instructions', () => {
    const rule = (i: number, pattern: string) => ({ rule_name: `r${i}`, trigger_type: 'message_regex', pattern, action: 'add_tag', tag_name: 't' });
    // 400 rules of 300 characters: refused where they pass a budget, the rest never compiled.
    const long = validateConfig({ tag_rules: Array.from({ length: 400 }, (_, i) => rule(i, `订单${'[0-9a-z]'.repeat(37)}${i}`)) });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.issues).toEqual([expect.objectContaining({ code: 'too_big', path: ['tag_rules', expect.any(Number), 'pattern'] })]);
    // Small patterns: refused at the first one past the count.
    const many = validateConfig({ tag_rules: Array.from({ length: 400 }, (_, i) => rule(i, `订单${i}`)) });
    const characters = validateConfig({ tag_rules: Array.from({ length: 50 }, (_, i) => rule(i, `(?:${'x'.repeat(490)})|${i}`)) });
    expect(characters.ok).toBe(false);
    if (!characters.ok) expect(characters.issues.at(-1)).toMatchObject({ code: 'too_big', path: ['tag_rules', Math.floor(REGEX_SOURCE_BUDGET / 496), 'pattern'] });
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.issues).toEqual([expect.objectContaining({ code: 'too_many', path: ['tag_rules', MAX_REGEXES, 'pattern'] })]);
    // Fewer patterns, each within its own cap, but together over the budget.
    const big = '\\d{60}';
    const perPattern = Math.floor(REGEX_BUDGET / 60);
    const heavy = validateConfig({ tag_rules: Array.from({ length: perPattern + 5 }, (_, i) => rule(i, big)), intents: [{ name: 'x', patterns: [big] }] });
    expect(heavy.ok).toBe(false);
    if (!heavy.ok) expect(heavy.issues).toEqual([expect.objectContaining({ code: 'too_big', message: expect.stringContaining(`at most ${REGEX_BUDGET} instructions`) })]);
  });

  it('refuses invisible characters in tag, rule and group names, and prototype keys in records, each at its path', () => {
    const doc = {
      tag_rules: [{ rule_name: '规则\u202e', trigger_type: 'message_keyword', keywords: ['退货'], action: 'add_tag', tag_name: 'V\u200bIP' }],
      channels: [{ code: 'BJ', name: 'n', params: JSON.parse('{"__proto__": "x"}'), auto_tag: ['a\ud800'] }],
      groups: [{ id: 'g', name: '组\u0007', servicers: ['s'] }],
      templates: JSON.parse('{"__proto__": {"welcome": "x"}}'),
    };
    const r = validateConfig(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(
        expect.arrayContaining([['tag_rules', 0, 'rule_name'], ['tag_rules', 0, 'tag_name'], ['channels', 0, 'params', '__proto__'], ['channels', 0, 'auto_tag', 0], ['groups', 0, 'name'], ['templates', '__proto__']]),
      );
    }
  });

  it('stores names NFKC-normalised: full-width ＶＩＰ is the tag VIP', () => {
    const r = validateConfig({ tag_rules: [{ rule_name: ' 会员 ', trigger_type: 'message_keyword', keywords: ['vip'], action: 'add_tag', tag_name: 'ＶＩＰ' }], routing: [{ when: { tag: 'ＶＩＰ' }, group: 'g' }] });
    expect(r.ok && [r.config.tag_rules[0]!.tag_name, r.config.tag_rules[0]!.rule_name]).toEqual(['VIP', '会员']);
  });

  it('accepts a pattern that backtracks elsewhere: it runs in linear time here', () => {
    const doc = exampleDoc();
    (doc.tag_rules![1] as { pattern: string }).pattern = '订单.*\\d+.*\\d+.*\\d+号';
    expect(validateConfig(doc).ok).toBe(true);
  });
});

/** The config document of the README's example, placeholders included. */
const CONTRACT_EXAMPLE = `{
  "tag_rules": [{"rule_name": "退货咨询用户", "trigger_type": "message_keyword",
                 "keywords": ["退货", "退款", "换货"], "action": "add_tag", "tag_name": "售后咨询"}],
  "channels": [{"code": "BJ001", "name": "北京线下门店", "type": "offline", "open_kfid": "wk…",
                "params": {"store_id": "BJ001", "activity": "summer_sale"},
                "auto_tag": ["北京用户", "夏季促销"]}],
  "links": [{"open_kfid": "wk…", "name": "售后客服", "timezone": "Asia/Shanghai",
             "working_hours": [{"days": [1, 2, 3, 4, 5], "start": "09:00", "end": "12:00"},
                               {"days": [1, 2, 3, 4, 5], "start": "13:30", "end": "18:00"}],
             "holidays": ["2026-10-01"], "max_concurrent_per_servicer": 5,
             "queue_prompt": "…", "off_hours_reply": "…", "backup_open_kfid": "wk…"}],
  "groups": [{"id": "senior_group", "name": "资深客服", "servicers": ["zhangsan", "lisi"]}],
  "routing": [{"when": {"tag": "VIP"}, "group": "senior_group"},
              {"when": {"intent": "refund"}, "group": "after_sale_group"},
              {"default": true, "strategy": "least_busy"}],
  "intents": [{"name": "refund", "patterns": ["退(货|款)", "换货"], "keywords": ["refund"]}],
  "knowledge": [{"id": "price", "questions": ["价格", "多少钱"], "answer": "…", "sets_context": "price"},
                {"id": "price-discount", "questions": ["有没有优惠"], "requires_context": "price", "answer": "…"}],
  "welcome": {"text": "…"},
  "fallback": {"reply": "…", "escalate_after_seconds": 300},
  "handoff": {"keywords": ["人工", "转人工"], "after_misses": 2, "message": "…"},
  "sensitive_words": {"words": ["…"], "action": "block", "reply": "…"},
  "templates": {"en": {"welcome": "…", "fallback": "…"}}
}`;

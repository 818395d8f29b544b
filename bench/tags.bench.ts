/**
 * The tag engine: per-message CPU with 1,000 rules and 10,000 keywords against a
 * naive loop over the rules (`includes` per keyword, `RegExp.test` per pattern) measured in the
 * same run (target: at least 20× faster), and how the cost grows at 100, 1,000 and 10,000 rules
 * (target: close to flat). One rule in ten is a regex. Node wall time of a synchronous call is its
 * CPU time.
 */
import { ConfigSchema, type TagRule } from '../src/rules/config';
import { normalizeText } from '../src/rules/normalize';
import { compileTagRules, evaluate } from '../src/rules/tags';
import { prng, summarise } from './synthetic';

const MESSAGES = 2000;
const ROUNDS = 3;
/** Keywords per rule on average (the regex rules' share goes to the keyword rules). */
const KEYWORDS_PER_RULE = 10;
const TARGET_RATIO = 20;
/** Per-message cost at 10,000 rules over the cost at 100: "close to flat". */
const FLATNESS_LIMIT = 3;

const BRANDS = ['小米', '华为', '海尔', '美的', '格力', '联想', '苏泊尔', '九阳', '安踏', '李宁', '波司登', '森马', '优衣库', '网易严选', '三只松鼠', '良品铺子', '百草味', '飞利浦', '戴森', '索尼'];
const ITEMS = ['手机', '耳机', '充电器', '冰箱', '洗衣机', '空调', '电饭煲', '豆浆机', '跑鞋', '羽绒服', '卫衣', '牛仔裤', '坚果礼盒', '零食大礼包', '电动牙刷', '吹风机', '扫地机', '平板', '笔记本', '显示器', '路由器', '台灯', '床垫', '枕头', '行李箱'];
const TOPICS = ['退货', '退款', '换货', '保修', '维修', '发票', '安装', '物流', '快递', '优惠券', '价格', '尺码', '颜色', '库存', '发货', '签收', '破损', '少件', '以旧换新', '分期', '会员', '积分', '赠品', '预售', '定金'];
const FILLER = ['你好', '请问', '我想问一下', '麻烦帮我看看', '昨天买的', '怎么回事', '谢谢', '急', '在吗', '能不能', '多久能到', '什么时候', '可以吗', '这个', '那个订单'];

/** Deterministic realistic keywords: brand+item, item+topic, brand+item+topic, each distinct. */
function vocabulary(count: number): string[] {
  const random = prng(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out = new Set<string>();
  while (out.size < count) {
    const r = random();
    out.add(r < 0.3 ? `${pick(BRANDS)}${pick(ITEMS)}` : r < 0.5 ? `${pick(ITEMS)}${pick(TOPICS)}` : `${pick(BRANDS)}${pick(ITEMS)}${pick(TOPICS)}${random() < 0.5 ? '' : Math.floor(random() * 100)}`);
  }
  return [...out];
}

function rules(count: number, words: string[]): TagRule[] {
  const isRegex = (i: number): boolean => i % 10 === 9;
  const keywordRules = count - Math.floor(count / 10);
  const share = (count * KEYWORDS_PER_RULE) / keywordRules;
  let j = 0;
  const raw = Array.from({ length: count }, (_, i) => {
    if (isRegex(i)) {
      const pattern = `${ITEMS[i % ITEMS.length]}.{0,4}(${TOPICS[i % TOPICS.length]}|${TOPICS[(i + 7) % TOPICS.length]})${i}`;
      return { rule_name: `规则${i}`, trigger_type: 'message_regex', pattern, action: 'add_tag', tag_name: `标签${i % 200}` };
    }
    const keywords = words.slice(Math.floor(j * share), Math.floor(++j * share));
    return { rule_name: `规则${i}`, trigger_type: 'message_keyword', keywords, action: 'add_tag', tag_name: `标签${i % 200}` };
  });
  return ConfigSchema.parse({ tag_rules: raw }).tag_rules;
}

/**
 * Customer messages: filler around, sometimes, a keyword of the first 100 rules, which every rule
 * set has, so every size fires the same actions and only the dictionary size differs.
 */
function messages(words: string[]): string[] {
  const random = prng(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: MESSAGES }, () => {
    const parts = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(FILLER));
    if (random() < 0.4) parts.splice(1, 0, pick(words.slice(0, 90 * KEYWORDS_PER_RULE)));
    if (random() < 0.2) parts.push(`${pick(ITEMS)}${pick(TOPICS)}`);
    return parts.join(random() < 0.5 ? '，' : '');
  });
}

/**
 * What a first implementation would do: every rule, every keyword, every pattern, per message.
 * Given its best chance: keywords normalised and patterns compiled once, in advance.
 */
function naiveEngine(list: TagRule[]): (text: string) => string[] {
  const compiled = list.map((r) => ({
    r,
    keywords: r.trigger_type === 'message_keyword' ? r.keywords.map(normalizeText) : [],
    re: r.trigger_type === 'message_regex' ? new RegExp(r.pattern, r.flags) : null,
  }));
  return (text) => {
    const t = normalizeText(text);
    const out: string[] = [];
    for (const { r, keywords, re } of compiled) {
      if (r.enabled === false) continue;
      if (re ? re.test(t) : keywords.some((k) => t.includes(k))) out.push(r.tag_name);
    }
    return out;
  };
}

/**
 * Per-message CPU: single-message timings, their median per round, and the median of ROUNDS
 * rounds (a round's mean would mostly measure the garbage collector of whatever ran before).
 */
function time(fn: (text: string) => unknown[], texts: string[]): { median: number; p95: number; fired: number } {
  for (const text of texts.slice(0, 200)) fn(text); // JIT warm-up
  const medians: number[] = [];
  const all: number[] = [];
  let fired = 0;
  for (let r = 0; r < ROUNDS; r++) {
    fired = 0;
    const samples: number[] = [];
    for (const text of texts) {
      const t = performance.now();
      fired += fn(text).length;
      samples.push(performance.now() - t);
    }
    medians.push(summarise(samples).median);
    all.push(...samples);
  }
  return { median: summarise(medians).median * 1000, p95: summarise(all).p95 * 1000, fired };
}

export default async function (): Promise<void> {
  const words = vocabulary(10_000 * KEYWORDS_PER_RULE);
  const texts = messages(words);
  const rows = [];
  const medians = new Map<number, { engine: number; naive: number }>();
  for (const count of [100, 1000, 10_000]) {
    const list = rules(count, words);
    let t = performance.now();
    const engine = compileTagRules(list);
    const compileMs = performance.now() - t;
    const ours = time((text) => evaluate(engine, { kind: 'message', text }), texts);
    const naive = time(naiveEngine(list), texts);
    medians.set(count, { engine: ours.median, naive: naive.median });
    rows.push({
      rules: count,
      keywords: list.reduce((n, r) => n + (r.trigger_type === 'message_keyword' ? r.keywords.length : 0), 0),
      'compile (ms)': compileMs.toFixed(0),
      'engine median (µs)': ours.median.toFixed(1),
      'engine p95 (µs)': ours.p95.toFixed(1),
      'naive median (µs)': naive.median.toFixed(1),
      'naive / engine': (naive.median / ours.median).toFixed(1),
      'actions (engine/naive)': `${ours.fired}/${naive.fired}`,
    });
  }
  console.log(`tags: ${MESSAGES} customer messages, ${KEYWORDS_PER_RULE} keywords per rule (1 rule in 10 a regex instead)`);
  console.table(rows);
  const at1000 = medians.get(1000)!;
  const ratio = at1000.naive / at1000.engine;
  const growth = medians.get(10_000)!.engine / medians.get(100)!.engine;
  console.log(
    `1,000 rules: ${ratio.toFixed(1)}× faster than the naive loop (target ≥ ${TARGET_RATIO}×); ` +
      `10,000 rules cost ${growth.toFixed(2)}× the 100-rule figure (naive: ${(medians.get(10_000)!.naive / medians.get(100)!.naive).toFixed(0)}×)`,
  );
  if (ratio < TARGET_RATIO) throw new Error(`tag engine only ${ratio.toFixed(1)}× the naive loop (target ${TARGET_RATIO}×)`);
  if (growth > FLATNESS_LIMIT) throw new Error(`tag engine cost grows ${growth.toFixed(2)}× from 100 to 10,000 rules`);
}

/**
 * A large, deterministic, realistic-looking Chinese knowledge base for the benchmarks: products ×
 * topics, each entry with 3 phrasings as questions and a 4th, never indexed, as the customer's
 * message (so the bench also checks that retrieval still ranks right at this size).
 */
import type { KnowledgeEntry } from '../src/rules/config';

const COLOURS = ['黑色', '白色', '藏青', '卡其', '酒红', '浅灰', '军绿', '米白', '雾蓝', '焦糖'];
const ITEMS = ['纯棉T恤', '牛仔裤', '羽绒服', '针织衫', '连衣裙', '运动鞋', '双肩包', '羊毛大衣', '卫衣', '衬衫'];
/** topic → 4 phrasings with {p} for the product; the last one is the held-out customer message. */
const TOPICS: [string, string[]][] = [
  ['price', ['{p}多少钱', '{p}的价格', '{p}怎么卖', '{p}现在卖多少']],
  ['size', ['{p}尺码怎么选', '{p}有哪些尺码', '{p}偏大还是偏小', '{p}我该买哪个码']],
  ['material', ['{p}是什么面料', '{p}的材质', '{p}是纯棉的吗', '{p}用的什么料子']],
  ['wash', ['{p}怎么洗', '{p}可以机洗吗', '{p}洗涤方法', '{p}洗了会缩水吗']],
  ['stock', ['{p}有货吗', '{p}什么时候补货', '{p}缺货了吗', '{p}还能买到吗']],
  ['ship', ['{p}什么时候发货', '{p}多久发出', '{p}今天能发吗', '{p}下单后几天发货']],
  ['return', ['{p}可以退货吗', '{p}怎么退', '{p}不合适能退吗', '{p}支持七天无理由吗']],
  ['exchange', ['{p}可以换码吗', '{p}怎么换货', '{p}换颜色可以吗', '{p}能换别的尺码吗']],
  ['warranty', ['{p}保修多久', '{p}坏了能修吗', '{p}有质保吗', '{p}质保期是多长']],
  ['origin', ['{p}产地是哪里', '{p}在哪生产的', '{p}是国产的吗', '{p}哪里产的']],
  ['weight', ['{p}有多重', '{p}重量是多少', '{p}轻不轻', '{p}大概多少克']],
  ['gift', ['{p}能包装成礼物吗', '{p}有礼盒吗', '{p}送人合适吗', '{p}可以礼品包装吗']],
  ['style', ['{p}怎么搭配', '{p}配什么好看', '{p}搭配建议', '{p}和什么一起穿']],
  ['discount', ['{p}有优惠吗', '{p}打折吗', '{p}能便宜点吗', '{p}有没有折扣']],
  ['colour', ['{p}有哪些颜色', '{p}颜色有色差吗', '{p}实物颜色准吗', '{p}会不会有色差']],
  ['thick', ['{p}厚不厚', '{p}冬天能穿吗', '{p}保暖吗', '{p}冬天穿冷不冷']],
  ['fade', ['{p}会掉色吗', '{p}褪色吗', '{p}洗了掉色怎么办', '{p}第一次洗会不会掉色']],
  ['care', ['{p}怎么保养', '{p}怎么收纳', '{p}能暴晒吗', '{p}平时怎么护理']],
  ['authentic', ['{p}是正品吗', '{p}保真吗', '{p}有防伪码吗', '{p}是不是官方正品']],
  ['invoice', ['{p}能开发票吗', '{p}发票怎么开', '{p}可以开专票吗', '{p}买了能开票吗']],
  ['presale', ['{p}是预售吗', '{p}预售多久发货', '{p}定金能退吗', '{p}预售什么时候到']],
  ['bulk', ['{p}批发价多少', '{p}买十件有优惠吗', '{p}能团购吗', '{p}量大能便宜吗']],
  ['review', ['{p}质量怎么样', '{p}好不好', '{p}评价如何', '{p}值得买吗']],
  ['kids', ['{p}有童装吗', '{p}小孩能穿吗', '{p}有儿童款吗', '{p}有没有童款']],
  ['plus', ['{p}有大码吗', '{p}胖子能穿吗', '{p}最大多大码', '{p}加大码有吗']],
];

/** Product names: colour × item (100), then numbered series when more are needed. */
function products(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const series = Math.floor(i / (COLOURS.length * ITEMS.length));
    out.push(`${COLOURS[i % COLOURS.length]}${ITEMS[Math.floor(i / COLOURS.length) % ITEMS.length]}${series ? ` ${series + 1}代` : ''}`);
  }
  return out;
}

export interface SyntheticKnowledge {
  entries: KnowledgeEntry[];
  /** One customer message per entry (the 4th phrasing), with the entry it should find. */
  messages: { text: string; expected: string }[];
}

export function syntheticKnowledge(count: number): SyntheticKnowledge {
  const names = products(Math.ceil(count / TOPICS.length));
  const entries: KnowledgeEntry[] = [];
  const messages: { text: string; expected: string }[] = [];
  for (let i = 0; entries.length < count; i++) {
    const p = names[Math.floor(i / TOPICS.length)]!;
    const [topic, phrasings] = TOPICS[i % TOPICS.length]!;
    const id = `${topic}-${i}`;
    const fill = (s: string) => s.replace('{p}', p);
    entries.push({ id, questions: phrasings.slice(0, 3).map(fill), answer: `关于${p}：请以详情页说明为准（${topic}）。` });
    messages.push({ text: fill(phrasings[3]!), expected: id });
  }
  return { entries, messages };
}

/** A deterministic PRNG (mulberry32) so every run measures the same work. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Median and 95th percentile of samples (ms). */
export function summarise(samples: number[]): { median: number; p95: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), mean: s.reduce((x, y) => x + y, 0) / Math.max(1, s.length) };
}

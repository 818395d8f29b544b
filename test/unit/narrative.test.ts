import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { asideAt, asideWord, rateUnit, toldWord } from '../../src/engine/understanding/narrative';
import { KnowledgeSchema } from '../../src/rules/config';

/** The entry a message is answered with by a knowledge base of these entries, or the zone it gets. */
function answeredBy(entries: unknown[], text: string): string {
  const d = understandMessage(compileUnderstanding(entries.map((e) => KnowledgeSchema.parse(e))), text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
}

/** Whether `word`, where it first stands in `text`, is the story's. */
const told = (text: string, word: string) => toldWord(word, text, text.indexOf(word));

describe('story words, by the shape of the language', () => {
  it('times built from parts are told', () => {
    for (const word of ['昨天晚上', '今天早上', '上周五', '下周三', '这礼拜天', '中午十二点', '三点十分', '10点半', '前几天', '月底', '明晚']) expect(told(word, word), word).toBe(true);
    // Not a time: 早 alone (能早点送吗 asks for speed), nor a word that only starts like one.
    for (const word of ['早', '晚', '周边', '月卡']) expect(told(word, word), word).toBe(false);
  });

  it('glue fused from function words is told; a negation leading a verb is not', () => {
    for (const word of ['一直在', '也没', '才能', '我是', '的是', '都没有', '到底是']) expect(told(word, word), word).toBe(true);
    for (const word of ['用不了', '没到', '没用']) expect(told(word, word), word).toBe(false);
  });

  it('words describing the thing asked about are told: a degree before 的, a verb before 起来', () => {
    const describing = [['能给这么小的孩子看吗', '小'], ['那样贵的也有货吗', '贵'], ['它转起来吵不吵', '转'], ['它转起来吵不吵', '起来']];
    for (const [text, word] of describing) expect(told(text!, word!), `${word} of ${text}`).toBe(true);
    // The thing itself and 起来 ending its clause stay.
    const asked = [['能给这么小的孩子看吗', '孩子'], ['早上起不来,能晚点吗', '起'], ['快点站起来', '起来']];
    for (const [text, word] of asked) expect(told(text!, word!), `${word} of ${text}`).toBe(false);
  });

  it('the order of the telling (先, 首先) is told, and a result left after a term’s verb (停|掉) weighs little', () => {
    expect(told('要先交定金吗', '先')).toBe(true);
    expect(told('首先要交订金吗', '首先')).toBe(true);
    const telecom = [
      { id: 'lost', questions: ['手机丢失如何挂失停机'], answer: '拨打10080或在App“挂失停机”办理，挂失立即生效。' },
      { id: 'sim', questions: ['SIM卡丢失如何补办'], answer: '机主本人携带身份证到任一营业厅即可补换卡。' },
    ];
    expect(answeredBy(telecom, '手机丢了，先怎么把号停掉')).toBe('lost');
  });

  it('a degree glued to a one-character quality (很大, 太吵) leaves the quality as the word', () => {
    const shop = [
      { id: 'noise', questions: ['扫地机器人运行时声音大吗'], answer: '标准模式噪音约55分贝。' },
      { id: 'battery', questions: ['扫地机器人续航多久'], answer: '标准模式续航约180分钟。' },
    ];
    expect(answeredBy(shop, '扫地机声音会不会很大')).toBe('noise');
  });

  it('a counter is told after a number, not elsewhere, and 次 only of what was done (穿了两次; 多久洗一次 asks how often)', () => {
    expect(told('重启了两回', '回')).toBe(true);
    expect(told('三点10分', '分')).toBe(true);
    expect(told('女儿5岁', '岁')).toBe(true);
    expect(told('积分怎么算', '分')).toBe(false);
    expect(told('洗一次', '次')).toBe(false);
    expect(told('穿了两次就起球', '次')).toBe(true);
    expect(told('用过3次就坏了', '次')).toBe(true);
    expect(told('多久洗一次', '次')).toBe(false);
  });

  it('a measure of what was seen or bought is told after a number (裂了1道, 少了2件), not alone', () => {
    expect(told('屏幕裂了1道', '道')).toBe(true);
    expect(told('滤芯2根多少钱', '根')).toBe(true);
    expect(told('少了1件', '件')).toBe(true);
    expect(told('这条裤子', '条')).toBe(false);
  });

  it('an hour or a minute after a number and before a how-many is the per of a rate; a span elsewhere stays', () => {
    for (const text of ['1小时几度电', '每小时用多少度', '开一个小时几度电', '1分钟能出多少水']) expect(rateUnit(text.includes('分钟') ? '分钟' : '小时', text, text.search(/小时|分钟/u)), text).toBe(true);
    for (const text of ['要等几个小时', '晚了20分钟', '1小时内能送到吗']) expect(rateUnit(text.includes('分钟') ? '分钟' : '小时', text, text.search(/小时|分钟/u)), text).toBe(false);
  });

  it('unboxing is narration when what was found follows it, the question when it is asked about', () => {
    expect(told('拆开发现屏幕裂了', '拆开')).toBe(true);
    expect(told('一打开就是碎的', '一打开')).toBe(true);
    expect(told('开箱一看少了个配件', '开箱')).toBe(true);
    expect(told('拆开能退吗', '拆开')).toBe(false);
    // Bringing it home is the story too: 买回来不喜欢能退吗 asks about returning what was disliked.
    expect(told('买回来不喜欢能退吗', '买回来')).toBe(true);
  });

  it('the place a thing goes to or someone lives is told, a noun elsewhere is not', () => {
    expect(told('能送到万达吗', '万')).toBe(true);
    expect(told('能送到万达吗', '达')).toBe(true);
    expect(told('发到园区', '园区')).toBe(true);
    expect(told('我住城西那边', '城西')).toBe(true);
    // 住 itself stays: where the customer lives is what a delivery-range question hinges on.
    expect(told('我住城西那边', '住')).toBe(false);
    expect(told('会员卡丢了能补吗', '会员卡')).toBe(false);
    expect(told('万达有店吗', '万达')).toBe(false);
  });

  it('a report verb is narration when what was shown follows it, the question when it ends the clause', () => {
    expect(told('结算提示不满足条件', '提示')).toBe(true);
    expect(told('手机显示已连接', '显示')).toBe(true);
    expect(told('怎么关掉提示', '提示')).toBe(false);
  });

  it('结果 opening a clause is discourse; after a noun it is the noun', () => {
    expect(told('约了周六,结果公司加班', '结果')).toBe(true);
    expect(told('检查结果', '结果')).toBe(false);
  });

  it('the shop as its customers say it (你家, 别家) is told; a family\'s 家 elsewhere is not', () => {
    for (const [text, word] of [['你家拍几码', '家'], ['你家有运费险吗', '家有'], ['别家都有运费险', '家']] as const) expect(told(text, word), text).toBe(true);
    for (const [text, word] of [['回家以后再试', '家'], ['家有老人能用吗', '家有']] as const) expect(told(text, word), text).toBe(false);
  });

  it('people and feelings are asides (they count a little), not story: an entry about them still uses them', () => {
    for (const word of ['我妈', '她老人家', '同事', '我家娃', '女儿', '恶心', '气死了', '崩溃', '坑人', '加班']) expect(asideWord(word), word).toBe(true);
    for (const word of ['会员卡', '积分', '孩子们的票']) expect(asideWord(word), word).toBe(false);
  });

  it('where the story happens is an aside: after 在 (not 现在) or the customer\'s home', () => {
    expect(asideAt('地下车库', '在地下车库没信号', 1)).toBe(true);
    expect(asideAt('卧室', '我家卧室信号差', 2)).toBe(true);
    expect(asideAt('手机', '现在手机没信号', 2)).toBe(false);
    expect(asideAt('地下车库', '地下车库怎么收费', 0)).toBe(false);
  });
});

describe('story words in decisions', () => {
  const u = compileUnderstanding(
    [
      { id: 'delivery-time', questions: ['快递一般几天送达', '配送时效是多久'], answer: '2-4 天送达' },
      { id: 'delivery-range', questions: ['你们送哪些地方', '配送范围有多大'], answer: '市区 5 公里内配送' },
      { id: 'points', questions: ['积分如何使用', '积分可以抵扣现金吗'], answer: '100 积分抵 1 元' },
      { id: 'tracking', questions: ['如何查询物流信息', '快递单号在哪里查看'], answer: '在我的订单里查看物流' },
      { id: 'children', questions: ['小孩可以来看牙吗', '儿童看牙有什么要注意的'], answer: '儿童请家长陪同' },
      { id: 'refund-time', questions: ['退款多久到账'], answer: '原路退回 1-3 个工作日' },
      { id: 'scaling', questions: ['洗牙要多久', '洗牙疼不疼'], answer: '约 30 分钟' },
    ].map((e) => KnowledgeSchema.parse(e)),
  );
  const zoneOf = (text: string) => {
    const d = understandMessage(u, text);
    return d.zone === 'answer' ? d.entry.id : d.zone;
  };

  it('a story word does not veto the entry that answers the question', () => {
    expect(zoneOf('我妈昨天晚上突然问退款多久到账')).toBe('refund-time');
    expect(zoneOf('快递送到园区一般几天')).toBe('delivery-time');
    expect(zoneOf('能送到万达吗')).toBe('delivery-range');
  });

  it('people the business has an entry about count in full: the entry about them answers, another does not', () => {
    expect(zoneOf('我家娃可以来看牙吗')).toBe('children');
    expect(zoneOf('我女儿下周三想来洗牙，小孩能洗牙吗')).not.toBe('scaling');
  });

  it('people and feelings no entry speaks of count a little', () => {
    expect(zoneOf('我妈和同事的退款多久到账')).toBe('refund-time');
    expect(zoneOf('我妈气死了，退款多久到账')).toBe('refund-time');
    // Never a question's noun: 会员卡 vetoes as before.
    expect(zoneOf('我妈气死了，会员卡丢了能补吗')).toBe('fallback');
  });

  it('a near miss on a noun still falls back, story words around it or not', () => {
    for (const text of ['会员卡丢了能补吗', '昨天晚上会员卡丢了能补吗', '快递员的工号是多少', '我妈说快递员的工号是多少']) {
      expect(understandMessage(u, text).zone, text).toBe('fallback');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { compileUnderstanding, entryById, understandMessage } from '../../src/engine/understanding';
import { intentCaptures } from '../../src/engine/understanding/intent-guard';
import { fold } from '../../src/engine/understanding/fold';
import { questionTypes, questionWords } from '../../src/engine/understanding/question-type';
import { smallTalkKind } from '../../src/engine/understanding/smalltalk';
import { KnowledgeSchema } from '../../src/rules/config';

const entries = [
  { id: 'price', questions: ['价格', '多少钱'], answer: '以详情页为准', sets_context: 'price' },
  { id: 'price-discount', questions: ['有没有优惠'], requires_context: 'price', answer: '立减 20 元' },
  { id: 'promotions', questions: ['最近有什么活动', '店铺促销'], answer: '满 299 减 50' },
  { id: 'shipping-fee', questions: ['运费多少', '包邮吗'], answer: '满 99 包邮' },
  { id: 'tracking', questions: ['如何查询物流信息', '快递单号在哪里查看'], answer: '在我的订单里查看物流' },
  { id: 'delivery-time', questions: ['快递一般几天送达', '配送时效是多久'], answer: '2-4 天送达' },
  { id: 'exchange', questions: ['如何申请换货', '尺码不合适可以更换吗'], answer: '签收 7 天内可换货' },
  { id: 'return-fee', questions: ['退货运费由谁承担', '退货需要自己支付运费吗'], answer: '质量问题我们承担' },
  { id: 'paid-unpaid', questions: ['已扣款但订单显示未支付怎么办'], answer: '支付状态 30 分钟内同步' },
  { id: 'points', questions: ['积分如何使用', '积分可以抵扣现金吗'], answer: '100 积分抵 1 元' },
  { id: 'payment-methods', questions: ['支持哪些支付方式'], answer: '微信支付和银行卡' },
].map((e) => KnowledgeSchema.parse(e));
const u = compileUnderstanding(entries);
const none = new Set<string>();
const zoneOf = (text: string, topics: ReadonlySet<string> = none) => {
  const d = understandMessage(u, text, topics);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('fold', () => {
  it('folds traditional characters, full width, emoji, repeated punctuation and counted numerals', () => {
    expect(fold('退貨運費誰出？？？')).toBe('退货运费谁出?');
    expect(fold('ＶＩＰ🙏🙏')).toBe('vip');
    expect(fold('七天无理由，两个，十五分钟')).toBe('7天无理由,2个,15分钟');
    expect(fold('一下 怎么')).toBe('一下 怎么');
    // 哪一款 asks which, 同一个 is the same one: no count to fold.
    expect(fold('哪一款，同一个')).toBe('哪一款,同一个');
    // Spoken spellings of function words, not inside another word.
    expect(fold('肿么退货，还木有收到')).toBe('怎么退货,还没有收到');
    expect(fold('实木有甲醛吗，酱紫色有吗')).toBe('实木有甲醛吗,酱紫色有吗');
  });

  it('好几 and 十几 are "several", not a question', () => {
    expect(questionTypes(fold('杯子碎成好几块'))).toEqual([]);
    expect(questionTypes(fold('等了十几天'))).toEqual([]);
    expect(questionTypes(fold('要几天'))).toEqual(['duration']);
    // 要多长时间 is one question word: no 时间 left over as content.
    const { ranges } = questionWords('要多长时间');
    expect(ranges.some((s, r) => r % 2 === 0 && s <= 1 && ranges[r + 1] === 5)).toBe(true);
  });
});

describe('small talk', () => {
  it('reads greetings, thanks, acknowledgements and emoji-only messages, not questions', () => {
    expect(smallTalkKind('你好')).toBe('greeting');
    expect(smallTalkKind('谢谢啦🙏')).toBe('thanks');
    expect(smallTalkKind('嗯嗯好的')).toBe('ack');
    expect(smallTalkKind('👍👍')).toBe('ack');
    expect(smallTalkKind('你好，我想换货')).toBeUndefined();
    expect(zoneOf('谢谢')).toBe('smalltalk');
  });
});

describe('the decision', () => {
  it('the seed story: 价格 sets "price"; then 有没有优惠 finds the price discount, never without the topic', () => {
    expect(zoneOf('价格')).toBe('price');
    expect(zoneOf('有没有优惠', new Set(['price']))).toBe('price-discount');
    expect(zoneOf('有没有优惠')).not.toBe('price-discount');
  });

  it('corrects homophone typos and typed pinyin', () => {
    const d = understandMessage(u, '快第到哪了');
    expect(d.zone === 'answer' && d.entry.id).toBe('tracking');
    expect(d.reasons.corrections).toContain('快第→快递');
    expect(zoneOf('wuliu 信息')).toBe('tracking');
    // A lone typed syllable (yao: 要, 药, 咬 …) weighs like a light verb, not a content word.
    expect(zoneOf('wuliu xinxi yao cha')).toBe('tracking');
  });

  it('corrects only into what this business speaks of (饭里 is no 返利 here, 把牙 no clinic\'s 拔牙)', () => {
    for (const text of ['饭里吃到石子，差点把牙崩了', '又用光了']) expect(understandMessage(u, text).reasons.corrections).toEqual([]);
    // A word its entries hold is spoken of, whatever concept the lexicon files it under (快递 of 快递单号).
    const tracking = compileUnderstanding([KnowledgeSchema.parse({ id: 'tracking', questions: ['快递单号在哪里查看'], answer: '在订单详情查看' })]);
    expect(understandMessage(tracking, '快第到哪了').reasons.corrections).toEqual(['快第→快递']);
  });

  it('reads numbers in words as told, like digits (十二点, 一天断三回)', () => {
    const d = understandMessage(u, '快递三天了还没到，一天查十二回');
    expect(d.reasons.unexplained).not.toContain('三');
    expect(d.reasons.unexplained).not.toContain('十二回');
    // So are its days and hours: 周六 and 凌晨 tell when, the tracking entry is what is asked.
    expect(zoneOf('周六凌晨查物流信息')).toBe('tracking');
  });

  it('reads a one-character filler inside a word as the word (哈 of 哈尔滨, 额 of 额外), and places as told', () => {
    const d = understandMessage(u, '嗯 哈尔滨快递一般几天送达');
    expect(d.zone === 'answer' && d.entry.id).toBe('delivery-time');
    expect(understandMessage(u, '额外的运费谁出').reasons.unexplained).toContain('额外');
  });

  it('takes "how much money" as asked of an entry that speaks of money (现金, 运费), not of others', () => {
    expect(zoneOf('积分可以抵扣现金吗，两百个能抵几块')).toBe('points');
    expect(zoneOf('物流信息要多少钱')).not.toBe('tracking');
  });

  it('meets paraphrases through the concept lexicon, English and traditional characters', () => {
    expect(zoneOf('不合适想换掉')).toBe('exchange');
    expect(zoneOf('退貨運費誰出')).toBe('return-fee');
    expect(zoneOf('tracking number 在哪看')).toBe('tracking');
  });

  it('the question type must agree: where is not how long', () => {
    expect(zoneOf('快递到哪了')).toBe('tracking');
    expect(zoneOf('快递要几天')).toBe('delivery-time');
  });

  it('decides a story on its asking clauses, its story words expected to go unexplained', () => {
    for (const text of ['上周买的外套，袖子太长了，尺码不合适，能不能处理一下', '周末在你们家买的裤子，腰太紧了，尺码不合适，有什么办法']) {
      expect(zoneOf(text), text).toBe('exchange');
    }
  });

  it('answers the only entry that explains the whole message from half the answer threshold', () => {
    const d = understandMessage(u, '昨天买的衣服可以用信用卡分期吗');
    expect(d.zone === 'answer' && d.entry.id).toBe('payment-methods');
    expect(d.confidence).toBeLessThan(u.policy.answerAt);
  });

  it('falls back on near misses that share a key term with an entry', () => {
    for (const text of ['快递员的工号是多少', '支付宝的客服电话是多少', '积分卡丢了能补吗', '今天天气怎么样']) {
      expect(understandMessage(u, text).zone, text).toBe('fallback');
    }
    expect(understandMessage(u, '快递员的工号是多少').reasons.held).toBe('near_miss');
  });

  it('clarifies between close entries and gives its reasons', () => {
    const d = understandMessage(u, '快递');
    expect(['clarify', 'answer']).toContain(d.zone);
    if (d.zone === 'clarify') expect(d.choices.length).toBeGreaterThanOrEqual(1), expect(d.choices.length).toBeLessThanOrEqual(3);
    expect(d.reasons.scores.length).toBeGreaterThan(0);
  });

  it('operators teach it their own words through the config lexicon', () => {
    const plain = compileUnderstanding([KnowledgeSchema.parse({ id: 'af50', questions: ['AF50空气炸锅容量多大'], answer: '5 升' })]);
    const taught = compileUnderstanding(plain.index.entries.map((e) => e.entry), { lexicon: [{ concept: 'product.af50', terms: ['af50', '小方锅'] }] });
    // 小方锅 is the shop's own nickname for the AF50: only the taught engine connects the two.
    expect(understandMessage(plain, '小方锅的容量多大').reasons.matched).not.toContain('c:product.af50');
    expect(understandMessage(taught, '小方锅的容量多大').reasons.matched).toContain('c:product.af50');
    expect(['answer', 'clarify']).toContain(understandMessage(taught, '小方锅的容量多大').zone);
  });

  it('looks entries up by id and survives empty input', () => {
    expect(entryById(u, 'promotions')?.answer).toBe('满 299 减 50');
    expect(entryById(u, 'nope')).toBeUndefined();
    expect(understandMessage(u, '').zone).toBe('fallback');
    expect(understandMessage(compileUnderstanding([]), '价格').zone).toBe('fallback');
  });

  it('prefers the entry whose own questions ask what the customer asks over one that merely allows it', () => {
    const laundry = compileUnderstanding([
      { id: 'pickup-fee', questions: ['上门取衣是否收费', '取衣需要自己送过去吗'], answer: '满 99 元免费上门' },
      { id: 'pickup-wait', questions: ['怎么预约上门取衣', '师傅多久能上门'], answer: '下单后 2 小时内上门' },
    ].map((e) => KnowledgeSchema.parse(e)));
    const d = understandMessage(laundry, '上门取衣要多久', none);
    expect(d.zone === 'answer' ? d.entry.id : d.zone).toBe('pickup-wait');
    const asked = understandMessage(laundry, '上门取衣要加钱吗', none);
    expect(asked.zone === 'answer' ? asked.entry.id : asked.zone).toBe('pickup-fee');
  });
});

describe('a kind the operator never names', () => {
  it('weighs as its family when an entry names the broader class (洒漏, 异物), so its own name dilutes nothing', () => {
    const restaurant = compileUnderstanding([
      { id: 'spilled', questions: ['餐品洒漏如何处理'], answer: '拍照申请售后，补送或退款' },
      { id: 'foreign', questions: ['菜品中吃出异物怎么办'], answer: '保留餐品并拍照，全额退款' },
      { id: 'hours', questions: ['门店营业时间是几点'], answer: '每天 10:00-22:00' },
    ].map((e) => KnowledgeSchema.parse(e)));
    const answered = (text: string) => {
      const d = understandMessage(restaurant, text, none);
      return d.zone === 'answer' ? d.entry.id : d.zone;
    };
    expect(answered('粥里有根毛，太恶心了')).toBe('foreign');
    expect(answered('盖子松了，全撒了')).toBe('spilled');
    expect(answered('骑手电话多少')).toBe('fallback');
  });
});

describe('the intent guard', () => {
  it('a keyword inside an unrelated question does not capture it', () => {
    expect(intentCaptures(u, '价格保护怎么申请', '价格')).toBe(false);
    expect(intentCaptures(u, '价格多少', '价格')).toBe(true);
    expect(intentCaptures(u, '我要退款', '退款')).toBe(true);
  });
});

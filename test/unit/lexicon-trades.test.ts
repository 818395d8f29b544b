import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { KnowledgeSchema } from '../../src/rules/config';

// Trades no dev question is drawn from (lexicon/concepts/verticals.ts): a training school, a gym with
// a beauty salon, an app with games, an online clothing shop, an insurer that also lends and a hotel with tours and tickets, each a knowledge base written as its operator would
// (test/fixtures/understanding/kb-<trade>.json), asked as its customers would.
const knowledgeBase = (trade: string) => {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../fixtures/understanding/kb-${trade}.json`, import.meta.url), 'utf8'));
  return compileUnderstanding(z.array(KnowledgeSchema).parse(raw));
};
const trades = { education: knowledgeBase('education'), fitness: knowledgeBase('fitness'), apps: knowledgeBase('apps'), apparel: knowledgeBase('apparel'), insurance: knowledgeBase('insurance'), travel: knowledgeBase('travel') };
const answered = (trade: keyof typeof trades, text: string) => {
  const d = understandMessage(trades[trade], text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('knowledge bases of trades the engine was not tuned on', () => {
  it.each([
    // Spoken questions that share little wording with the entry they mean.
    ['education', '能先免费听一节课吗', 'edu-trial'],
    ['education', '课买了不想上了钱能退吗', 'edu-refund'],
    ['education', '上次直播没赶上能看重播吗', 'edu-replay'],
    ['education', '一个班几个学生', 'edu-class-size'],
    ['education', '完全没学过能跟上吗', 'edu-level'],
    ['education', '在家能上课吗', 'edu-online'],
    ['education', '老师教得怎么样', 'edu-teacher'],
    ['education', '课时会过期吗', 'edu-validity'],
    ['fitness', '出差一个月卡能先停一下吗', 'fit-card-pause'],
    ['fitness', '请个私人教练一节课多少钱', 'fit-private'],
    ['fitness', '上瑜伽课要另外交钱吗', 'fit-group-class'],
    ['fitness', '有没有柜子放东西', 'fit-locker'],
    ['fitness', '做个指甲多少钱', 'beauty-nails'],
    ['fitness', '剪个头多少钱', 'salon-haircut'],
    ['apps', '号登不上去了', 'app-login'],
    ['apps', '充了钱没到账', 'app-topup-missing'],
    ['apps', '充错了能退吗', 'app-topup-refund'],
    ['apps', '激活码输进去提示无效', 'app-activation'],
    ['apps', '装备没了', 'game-items'],
    ['apps', '孩子偷偷充了钱能退吗', 'game-minor'],
    ['apps', '怎么升级到新版', 'app-update'],
    // A clothing shop: a weight in 斤, a garment its entry calls 衣服, a colour beside the question, shrinking, fading and fit in customers' words.
    ['apparel', '我160 100斤拍啥码啊', 'ap-size-chart'],
    ['apparel', '这个毛衣要手洗不', 'ap-washing'],
    ['apparel', '能直接丢洗衣机里吗', 'ap-washing'],
    ['apparel', '纯棉的下水会不会缩啊', 'ap-shrink'],
    ['apparel', '这个料子容易起毛球不', 'ap-pilling'],
    ['apparel', '黑色的洗了会褪色不', 'ap-fading'],
    ['apparel', '收到的跟照片上看着根本不是一个颜色', 'ap-color-diff'],
    ['apparel', '我搬家了，寄的地方要换一下', 'ap-address'],
    ['apparel', '有没有送运费险啊', 'ap-freight-insurance'],
    ['apparel', '裤子能帮改长度不', 'ap-hemming'],
    ['apparel', '会不会是假货啊', 'ap-authentic'],
    ['apparel', '客服啥时候下班', 'ap-service-hours'],
    // An insurer that also lends: cover's waiting period and deductible, the beneficiary, the day a loan falls due,
    // the credit record, the limit and a fee for repaying early, each a class of its own; a deductible asked as 多少钱.
    ['insurance', '观察期有几天', 'in-waiting-period'],
    ['insurance', '理赔资料有哪些', 'in-claim-documents'],
    ['insurance', '免赔是多少钱', 'in-deductible'],
    ['insurance', '我想把受益人改一下', 'in-beneficiary'],
    ['insurance', '每月几号扣款', 'in-repayment-date'],
    ['insurance', '借钱上征信吗', 'in-credit-report'],
    ['insurance', '额度能提高吗', 'in-loan-limit'],
    ['insurance', '提前还款收手续费吗', 'in-early-repayment'],
    ['insurance', '忘了还款会不会影响信用记录', 'in-overdue'],
    // A hotel with tours and tickets: staying later, a spare bed, a dog by its breed, leaving a tour, a car sent, a deposit as money held.
    ['travel', '想晚点退房，要多交钱吗', 'tr-late-checkout'],
    ['travel', '带着柯基能住吗', 'tr-pets'],
    ['travel', '团不去了，退团怎么扣钱', 'tr-tour-cancel'],
    ['travel', '下飞机了能派车接一下吗', 'tr-airport-transfer'],
    ['travel', '入住要押钱吗', 'tr-deposit'],
    ['travel', '想多睡会儿可以吗', 'tr-late-checkout'],
  ] as const)('%s: %s → %s', (trade, text, id) => {
    expect(answered(trade, text)).toBe(id);
  });

  it.each([
    // Near misses: each shares its key word with an entry that does not answer it.
    ['education', '课程表在哪看'],
    ['education', '老师的电话是多少'],
    ['education', '报名费能开发票吗'],
    ['education', '网课卡顿怎么办'],
    ['education', '证书要另外交钱吗'],
    ['fitness', '私教可以上门教吗'],
    ['fitness', '染发剂是什么牌子的'],
    ['fitness', '储物柜钥匙丢了怎么办'],
    ['fitness', '私教可以指定女教练吗'],
    ['apps', '充值有优惠吗'],
    ['apps', '激活码在哪买'],
    ['apps', '封号能退钱吗'],
    ['apps', '道具可以交易吗'],
    ['apparel', '裤腰太大了能帮改小吗'],
    ['apparel', '你们还招客服吗'],
    ['apparel', '门店招不招导购'],
    ['insurance', '银行定期存款利率多少'],
    ['insurance', '网贷逾期了能帮我协商吗'],
    ['insurance', '公积金的还款日能改吗'],
    ['insurance', '个税手续费返还怎么领'],
    ['insurance', '能用花呗吗'],
    ['travel', '酒店有洗衣房吗'],
    ['travel', '签证被拒了怎么办'],
    ['travel', '行李箱坏了能赔吗'],
  ] as const)('%s: %s falls back', (trade, text) => {
    expect(answered(trade, text)).toBe('fallback');
  });
});

import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { analyze, DEFAULT_CHANNELS } from '../../src/engine/understanding/analyze';
import { compileLexicon } from '../../src/engine/understanding/lexicon';
import { KnowledgeSchema } from '../../src/rules/config';

// Businesses beyond e-commerce: a carrier, food delivery, an insurer, a lender, a property manager, an airline, a parcel carrier.
const lexicon = compileLexicon();
const conceptsOf = (text: string) => analyze(text, lexicon, { channels: DEFAULT_CHANNELS, pinyin: false }).concepts;
const familyOf = (concept: string) => lexicon.families.get(concept) ?? concept;
/** The two texts meet when a concept of one is a concept of the other, or of its family. */
const meet = (a: string, b: string) => {
  const fb = new Set([...conceptsOf(b)].flatMap((c) => [c, familyOf(c)]));
  return [...conceptsOf(a)].some((c) => fb.has(c) || fb.has(familyOf(c)));
};

describe('a customer\'s words meet an operator\'s in other businesses', () => {
  const pairs: [customer: string, operator: string][] = [
    ['交个话费', '如何充值'],
    ['国际漫游多少钱', '漫游资费标准'],
    ['我要看通话详单', '如何查看账单明细'],
    ['网断了', '宽带无法上网如何报修'],
    ['网很卡', '网速慢怎么办'],
    ['补卡要带什么', 'SIM卡丢失如何补办'],
    ['附近有营业厅吗', '有线下门店吗'],
    ['漏送了一份米饭', '收到的包裹少件'],
    ['骑手还没到', '外卖多久能送到'],
    ['我不吃辣', '口味可以调整吗'],
    ['海鲜过敏能点吗', '菜品是否标注过敏原'],
    ['开会要订盒饭', '是否提供团餐'],
    ['我想理赔', '如何申请理赔'],
    ['不想保了', '如何退保'],
    ['怎么提额', '如何提升额度'],
    ['交物业费', '物业费如何缴纳'],
    ['家里有煤气味', '燃气泄漏如何处理'],
    ['能带多少行李', '免费行李额是多少'],
    ['改个航班', '机票如何改签'],
    ['首重多少钱', '运费怎么算'],
    ['fapiao抬头怎么写', '如何开具发票'],
  ];
  it.each(pairs)('%s ~ %s', (customer, operator) => {
    expect(meet(customer, operator)).toBe(true);
  });
});

describe('near misses in other businesses stay apart', () => {
  const apart: [a: string, b: string][] = [
    // One trouble of a line is not another, nor its installation.
    ['网速太慢', '宽带断了'],
    ['网断了', '想装宽带'],
    ['话费余额', '话费充值'],
    ['欠费停机怎么恢复', '停机保号'],
    // A tax number is not an invoice's title.
    ['你们公司税号是多少', '如何开具发票'],
    // A gas leak is no question about opening a gas account.
    ['闻到煤气味', '如何开通燃气'],
    ['提前还款', '逾期了怎么办'],
  ];
  it.each(apart)('%s / %s', (a, b) => {
    expect(meet(a, b)).toBe(false);
  });

  it('does not cut the next word (能约专家号 keeps 专家号, 什么时候来电话 keeps 电话)', () => {
    expect(conceptsOf('能约专家号吗')).toContain('booking.doctor');
    expect(conceptsOf('什么时候来电话')).not.toContain('utility.outage');
    expect(conceptsOf('不能寄到新疆吗')).toContain('delivery.coverage');
  });
});

describe('a carrier\'s knowledge base', () => {
  const u = compileUnderstanding([
    { id: 'recharge', questions: ['如何充值话费'], answer: '在App或微信充值，即时到账' },
    { id: 'slow', questions: ['网速很慢怎么办'], answer: '请用网线直连测速' },
    { id: 'down', questions: ['宽带无法上网怎么办'], answer: '请重启光猫' },
    { id: 'install', questions: ['如何预约宽带安装'], answer: '办理后48小时内上门' },
  ].map((e) => KnowledgeSchema.parse(e)));
  const zoneOf = (text: string) => {
    const d = understandMessage(u, text, new Set());
    return d.zone === 'answer' ? d.entry.id : d.zone;
  };

  it('answers the customer\'s spoken forms with the right trouble', () => {
    expect(zoneOf('交个话费')).toBe('recharge');
    expect(zoneOf('网断了')).toBe('down');
    expect(zoneOf('网太慢了')).toBe('slow');
  });

  it('falls back on a question none of them answers', () => {
    expect(zoneOf('怎么携号转网')).toBe('fallback');
    expect(zoneOf('手机卡丢了')).toBe('fallback');
  });
});

describe('points for gifts are not points as cash', () => {
  const u = compileUnderstanding([KnowledgeSchema.parse({ id: 'points', questions: ['积分如何使用', '积分可以抵扣现金吗'], answer: '每100积分抵扣1元' })]);
  it('an entry on paying with points does not answer a question on redeeming them for gifts', () => {
    const d = understandMessage(u, '积分可以兑换礼品吗', new Set());
    expect(d.zone).toBe('fallback');
    expect(understandMessage(u, '积分能当钱用吗', new Set()).zone).toBe('answer');
  });
});

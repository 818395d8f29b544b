import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { askedBuying } from '../../src/engine/understanding/narrative';
import { boundaries } from '../../src/engine/understanding/segments';
import { questionTypes, questionWords, typesAgree, specificTypes } from '../../src/engine/understanding/question-type';
import { KnowledgeSchema } from '../../src/rules/config';

const compile = (entries: { id: string; questions: string[]; answer: string }[]) => compileUnderstanding(entries.map((e) => KnowledgeSchema.parse(e)));
const corrections = (u: ReturnType<typeof compile>, text: string) => understandMessage(u, text).reasons.corrections;
const zoneOf = (u: ReturnType<typeof compile>, text: string) => {
  const d = understandMessage(u, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

const restaurant = compile([
  { id: 'seating', questions: ['有座位吗', '堂食要排队吗'], answer: '店内 40 个座位' },
  { id: 'taste', questions: ['口味可以调吗', '能做不辣的吗'], answer: '可选微辣、中辣、特辣' },
  { id: 'hours', questions: ['几点开门', '营业时间是几点到几点'], answer: '每天 10:00-22:00' },
  { id: 'missing', questions: ['外卖漏餐了怎么办', '少送了一份菜'], answer: '请联系骑手或客服补送' },
  { id: 'invoice', questions: ['可以开发票吗'], answer: '订单完成后在详情页申请开票' },
  { id: 'group', questions: ['公司团餐怎么订', '可以月结吗'], answer: '20 份起订，企业客户可月结' },
  { id: 'booking', questions: ['怎么订位', '包间怎么预订'], answer: '小程序订位' },
]);

describe('homophone corrections keep a reading that is already good', () => {
  it('leaves characters that form a known word with a neighbour (做|微辣, 坐|公交)', () => {
    expect(corrections(restaurant, '可以做微辣吗')).toEqual([]);
    expect(zoneOf(restaurant, '可以做微辣吗')).toBe('taste');
    expect(corrections(restaurant, '今天坐公交过来，有座位吗')).toEqual([]);
  });

  it('leaves a phrase led by a preposition, modal or place word (把牙, 要戴, 能月结, 里有)', () => {
    const clinic = compile([
      { id: 'extraction', questions: ['拔牙后多久能吃东西'], answer: '2 小时后' },
      { id: 'belt', questions: ['腰带有几个尺码'], answer: '三个' },
      { id: 'book', questions: ['能约周末吗'], answer: '可以' },
      { id: 'reason', questions: ['退款理由怎么填'], answer: '选一个' },
    ]);
    for (const text of ['差点把牙崩了', '牙套要戴多久', '能月结吗', '包间里有电视吗']) expect(corrections(clinic, text)).toEqual([]);
  });

  it('leaves 每 before a measure word and 为 before what something became (每笔 no 眉笔, 为已 no 卫衣)', () => {
    const shop = compile([
      { id: 'pencil', questions: ['眉笔是什么颜色'], answer: '深棕' },
      { id: 'hoodie', questions: ['卫衣起球吗'], answer: '不起球' },
      { id: 'loan', questions: ['可以提前还款吗'], answer: '可以' },
    ]);
    for (const text of ['每笔借款都能提前还吗', '状态更新为已结清了吗']) expect(corrections(shop, text)).toEqual([]);
    // A typo still reads where no such word leads it.
    expect(corrections(shop, '没笔什么颜色')).toEqual(['没笔→眉笔']);
  });

  it('leaves a phrase led by the negation (不寄家里 is no 补寄), while a typo after it is still read', () => {
    const shop = compile([
      { id: 'address', questions: ['怎么修改收货地址'], answer: '发货前联系客服' },
      { id: 'missing', questions: ['快递少件了能补寄吗'], answer: '核实后补寄' },
    ]);
    expect(corrections(shop, '想寄到公司不寄家里了')).toEqual([]);
    expect(zoneOf(shop, '想寄到公司不寄家里了')).toBe('address');
    expect(corrections(shop, '不要快第了')).toEqual(['快第→快递']);
  });

  it('keeps 零件 a word: a lone 零 before 件 is no count, so 50件 holds no spare parts', () => {
    expect(fold('零件坏了')).toBe('零件坏了');
    expect(fold('订三十件')).toBe('订30件');
    const factory = compile([{ id: 'parts', questions: ['零件坏了怎么办'], answer: '寄回维修' }]);
    expect(zoneOf(factory, '公司要订50件统一的')).toBe('fallback');
  });

  it('leaves a number and its measure word (一间房 is no 意见房), and still reads a typo that is no count (以见 is 意见)', () => {
    const hotel = compile([
      { id: 'extra-bed', questions: ['房间可以加床吗'], answer: '可加床，150 元/晚' },
      { id: 'feedback', questions: ['怎么提意见'], answer: '在小程序反馈' },
    ]);
    expect(corrections(hotel, '一间房能加张床吗')).toEqual([]);
    expect(zoneOf(hotel, '一间房能加张床吗')).toBe('extra-bed');
    expect(corrections(hotel, '提个以见')).toEqual(['以见→意见']);
  });

  it('still reads typos that are no good reading (快第, 退宽, 有会券, 开发漂)', () => {
    const shop = compile([
      { id: 'tracking', questions: ['快递到哪了'], answer: '看物流' },
      { id: 'refund', questions: ['退款多久到账'], answer: '3 天' },
      { id: 'coupon', questions: ['优惠券怎么用'], answer: '下单时选' },
      { id: 'invoice', questions: ['可以开发票吗'], answer: '可以' },
    ]);
    expect(zoneOf(shop, '快第到哪了')).toBe('tracking');
    expect(zoneOf(shop, '退宽多久到')).toBe('refund');
    expect(zoneOf(shop, '有会券怎么用')).toBe('coupon');
    expect(corrections(shop, '可以开发漂吗')).toEqual(['开发漂→开发票']);
  });

  it('reads a typo the segmenter fused to a complement (快低|到: 低到) and one led by a modal that the word keeps (会圆 is 会员)', () => {
    const shop = compile([
      { id: 'tracking', questions: ['快递到哪了'], answer: '看物流' },
      { id: 'member', questions: ['会员有什么权益'], answer: '95 折' },
    ]);
    expect(corrections(shop, '快低到哪了')).toEqual(['快低→快递']);
    expect(zoneOf(shop, '物溜到哪了')).toBe('tracking');
    expect(corrections(shop, '会圆有啥权益')).toEqual(['会圆→会员']);
    expect(zoneOf(shop, '会圆有啥权益')).toBe('member');
    // A modal leading a phrase still reads as one (要戴 is no 腰带, 把牙 no 拔牙).
    expect(corrections(shop, '会员卡要戴着吗')).toEqual([]);
  });
});

describe('typed pinyin', () => {
  it('reads typed question words (jidian, nengbuneng, naer, duoshao qian, zenmeban)', () => {
    expect(zoneOf(restaurant, 'jidian kaimen')).toBe('hours');
    expect(understandMessage(restaurant, 'jidian kaimen').reasons.types).toContain('when');
    expect(understandMessage(restaurant, 'naer').reasons.types).toEqual(['where']);
    expect(understandMessage(restaurant, 'nengbuneng').reasons.types).toEqual(['yesno']);
    expect(understandMessage(restaurant, 'zenmeban').reasons.corrections).toEqual(['zenmeban→怎么办']);
    expect(understandMessage(restaurant, 'duoshao qian').reasons.types).toContain('price');
  });

  it('reads a phrase typed in several words as the business’s words across them (lou can le, kai fapiao)', () => {
    expect(zoneOf(restaurant, 'lou can le zenmeban')).toBe('missing');
    expect(zoneOf(restaurant, 'waimai loucanle')).toBe('missing');
    expect(corrections(restaurant, 'keyi kaifapiao ma')).toEqual(['keyi kaifapiao ma→可以开发票吗']);
  });

  it('reads the function words around the content, written together as characters are (wo xiang huanhuo, kuandai duan le)', () => {
    const carrier = compile([
      { id: 'balance', questions: ['如何查询话费余额'], answer: '发短信 CXYE 到 10080' },
      { id: 'down', questions: ['宽带断了怎么办'], answer: '重启光猫，仍不行请报修' },
      { id: 'plans', questions: ['有哪些套餐'], answer: '59 元、99 元两档' },
      { id: 'install', questions: ['宽带安装是否收费'], answer: '免费上门安装' },
    ]);
    expect(corrections(carrier, 'kuandai duan le')).toEqual(['kuandai duan le→宽带断了']);
    expect(zoneOf(carrier, 'kuandai duan le')).toBe('down');
    expect(zoneOf(carrier, 'taocan you naxie')).toBe('plans');
    // huafei is this business's 话费, which its text holds, not the lexicon's 花费; yue is yu'e, 余额.
    expect(corrections(carrier, 'huafei yue')).toEqual(['huafei yue→话费余额']);
    expect(zoneOf(carrier, 'huafei还有多少')).toBe('balance');
    const shop = compile([{ id: 'address', questions: ['下单后怎么修改收货地址'], answer: '发货前在订单详情修改' }]);
    expect(corrections(shop, 'dizhi 填错了')).toEqual(['dizhi→地址']);
    expect(zoneOf(shop, 'dizhi 填错了')).toBe('address');
    expect(understandMessage(restaurant, 'zai nar').reasons.types).toEqual(['where']);
  });

  it('keeps a particle typed apart as the particle (you youhui ma is 有优惠吗, not 有优惠码)', () => {
    const shop = compile([{ id: 'discount', questions: ['现在有优惠吗'], answer: '满 300 减 30' }]);
    expect(corrections(shop, 'you youhui ma')).toEqual(['you youhui ma→有优惠吗']);
    expect(zoneOf(shop, 'you youhui ma')).toBe('discount');
  });

  it('reads function words alone only beside Chinese (优惠券yong bu liao), never an English sentence', () => {
    expect(corrections(restaurant, '优惠券yong bu liao')).toEqual(['yong bu liao→用不了']);
    for (const text of ['can you help me', 'you ok', 'made in china 吗', 'hi 在吗']) expect(corrections(restaurant, text)).toEqual([]);
  });

  it('leaves English and a typed word it cannot read whole as typed', () => {
    expect(corrections(restaurant, 'can you help me')).toEqual([]);
    expect(corrections(restaurant, 'wifi mima')).toEqual([]);
  });
});

describe('segments and counts', () => {
  it('reads a count and its unit as told, not as a word (6个人 is six people, 300兆, 50m)', () => {
    const unexplained = (text: string) => understandMessage(restaurant, text).reasons.unexplained;
    expect(unexplained('我们六个人，包间怎么预订')).not.toContain('个人');
    expect(zoneOf(restaurant, '我们六个人，包间怎么预订')).toBe('booking');
    const broadband = compile([{ id: 'broadband', questions: ['宽带怎么办理', '宽带网速慢怎么办'], answer: '营业厅办理' }]);
    for (const text of ['300兆宽带怎么办理', '50m宽带网速慢怎么办']) expect(zoneOf(broadband, text)).toBe('broadband');
  });

  it('keeps a day with its week word (礼拜|六 is 礼拜六, a day told) and a 月 or 年 with what it leads (月|结)', () => {
    expect(zoneOf(restaurant, '礼拜六几点开门')).toBe('hours');
    expect(zoneOf(restaurant, '下礼拜一怎么订位')).toBe('booking');
    const words = (run: string) => [...boundaries(run).words.entries()].map(([at, len]) => run.slice(at, at + len));
    expect(words('能月结开专票吗')).toContain('月结');
    expect(words('年付有优惠吗')).toContain('年付');
    expect(words('3个月还没到')).not.toContain('月还');
  });
});

describe('colloquial question types', () => {
  it('reads 能…不, …行不, …不咯 and …没 as yes/no questions', () => {
    for (const text of ['能退不', '这样行不', '能开发票不咯', '到了没', '发货没有']) expect(questionTypes(fold(text))).toContain('yesno');
    for (const text of ['我不', '物流一点动静都没有，', '还没有']) expect(questionTypes(fold(text))).toEqual([]);
  });

  it('reads 啥点, 多会儿, 哪会儿 as when and 啥位置 as where, so the entry must agree', () => {
    for (const text of ['啥点开门', '多会儿开门', '哪会儿发货']) expect(questionTypes(fold(text))).toContain('when');
    // 在哪儿 is one question word: the 儿 is not left over as content (儿童's character).
    expect(understandMessage(restaurant, '你们店在哪儿').reasons.unexplained).not.toContain('儿');
    expect(questionTypes(fold('停车场在啥位置'))).toContain('where');
    expect(typesAgree(questionTypes(fold('啥点开门')), specificTypes(questionTypes('门店在哪里')))).toBe(false);
  });

  it('reads 步骤 and 手续 as asking how, as 流程 is, but not 手续费 (a price)', () => {
    for (const text of ['寄回去走什么步骤', '退货要办什么手续']) expect(questionTypes(fold(text))).toContain('how');
    expect(questionTypes(fold('手续费是多少'))).not.toContain('how');
  });
});

describe('buying asked how or where is the question, not the story', () => {
  const tickets = compile([
    { id: 'buy', questions: ['景点门票怎么购买'], answer: '在小程序“门票”频道选择日期下单。' },
    { id: 'refund', questions: ['门票可以退吗', '未使用的门票如何退款'], answer: '游玩日前一天可全额退款。' },
  ]);
  it('reads 买 after 咋, 怎么 or 在哪 as asked (门票咋买 is how to buy one)', () => {
    expect(askedBuying('买', '门票咋买', 3)).toBe(true);
    expect(askedBuying('买', '在哪里能买', 4)).toBe(true);
    expect(zoneOf(tickets, '门票咋买')).toBe('buy');
  });
  it('still reads 买 told before another question as the story (昨天买的门票可以退吗 asks for a refund)', () => {
    expect(askedBuying('买', '昨天买的门票可以退吗', 2)).toBe(false);
    expect(zoneOf(tickets, '昨天买的门票可以退吗')).toBe('refund');
  });
});

describe('an answer naming a sum explains what it costs', () => {
  const hotel = compile([
    { id: 'transfer', questions: ['是否提供接送机服务', '接机如何预约'], answer: '提供机场接送，单程120元/车，请提前24小时预约。' },
    { id: 'luggage', questions: ['酒店可以寄存行李吗'], answer: '前台提供行李寄存，最长寄存3天。' },
  ]);
  it('answers 多少钱 from an entry whose questions never ask it but whose answer names the sum (接送机多少钱 by 120元/车)', () => {
    expect(zoneOf(hotel, '接送机多少钱')).toBe('transfer');
  });
  it('still refuses 多少钱 of an entry whose answer names no sum (寄存 for 3 days is no price)', () => {
    expect(zoneOf(hotel, '行李寄存多少钱')).toBe('fallback');
  });
});

describe('行不行, 好不好 and 对不对 ask yes or no whole', () => {
  const hotel = compile([
    { id: 'late-checkout', questions: ['可以延迟退房吗'], answer: '14:00前退房免费。' },
    { id: 'luggage', questions: ['酒店可以寄存行李吗'], answer: '前台提供行李寄存。' },
  ]);
  it('leaves no 行 of 行不行 as content for 行李 to explain', () => {
    expect(questionWords('这样行不行').ranges).toEqual([2, 5]);
    expect(questionTypes('多睡会儿行不行')).toEqual(['yesno']);
    expect(zoneOf(hotel, '多睡会儿行不行')).toBe('late-checkout');
  });
  it('still keeps the verb of 退不退 as content', () => {
    expect(questionWords('这个退不退').ranges).toEqual([2, 4]);
  });
});

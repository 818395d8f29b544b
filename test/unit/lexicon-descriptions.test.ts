import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { analyze, DEFAULT_CHANNELS } from '../../src/engine/understanding/analyze';
import { compileLexicon } from '../../src/engine/understanding/lexicon';
import { plainReferences } from '../../src/engine/understanding/references';
import { KnowledgeSchema, type KnowledgeEntry } from '../../src/rules/config';

// Customers who do not know a thing's word describe it (上网的那个盒子, 手机里那张小卡片), and name
// an action by what it does (钱交不进去, 给你们寄回去, 牵根网线). The phrasings below are our own,
// across the trades of the eval's businesses and trades nobody tuned on.
const fixture = (name: string) => {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../fixtures/understanding/kb-${name}.json`, import.meta.url), 'utf8'));
  return z.array(KnowledgeSchema).parse(raw);
};
const entry = (id: string, questions: string[], answer: string): KnowledgeEntry => KnowledgeSchema.parse({ id, questions, answer });
// Small knowledge bases as their operators would write them, for trades with no fixture.
const written = {
  property: [
    entry('pm-access', ['门禁卡丢了怎么补办'], '携带身份证到物业服务中心补办，工本费20元。'),
    entry('pm-fee', ['物业费怎么交', '物业费多少钱一平'], '物业费每平米2.5元每月，可在小程序或物业前台缴纳。'),
    entry('pm-parking', ['小区停车位怎么租'], '地下车位月租300元，请到物业前台登记车牌。'),
    entry('pm-meter', ['电表读数不对怎么办', '怎么申请校表'], '可向物业申请校表，由供电公司上门检测。'),
  ],
  pets: [
    entry('pet-deworm', ['多久驱虫一次', '驱虫药怎么选'], '幼猫幼犬每月驱虫一次，成年后每三个月一次，到店可免费称重选药。'),
    entry('pet-vaccine', ['狗狗疫苗要打几针'], '幼犬需接种三针联苗和一针狂犬疫苗，间隔21天。'),
    entry('pet-food', ['狗粮怎么选'], '按年龄和体型选择，店员可以帮您推荐。'),
  ],
  car: [
    entry('car-oil', ['多久换一次机油', '换机油多少钱'], '每5000公里或半年更换一次，全合成机油套餐398元。'),
    entry('car-wash', ['洗车多少钱'], '普洗35元，精洗80元。'),
  ],
  insurance: [
    entry('ins-policy', ['电子保单在哪里查看', '保单丢了怎么办'], '在公众号“我的保单”中可查看和下载电子保单。'),
    entry('ins-claim', ['怎么申请理赔'], '出险后48小时内报案，上传材料后3个工作日内审核。'),
  ],
  takeaway: [
    entry('tk-container', ['打包盒漏了怎么办', '餐盒是否能微波加热'], '餐盒可微波加热；如有洒漏请拍照联系客服补偿。'),
    entry('tk-tableware', ['没给餐具怎么办'], '下单时可选择餐具数量，漏放请联系客服补偿。'),
  ],
} as const;
const kbs = {
  telecom: compileUnderstanding(fixture('telecom')),
  presales: compileUnderstanding(fixture('presales')),
  ecommerce: compileUnderstanding(fixture('ecommerce')),
  booking: compileUnderstanding(fixture('booking')),
  education: compileUnderstanding(fixture('education')),
  fitness: compileUnderstanding(fixture('fitness')),
  apps: compileUnderstanding(fixture('apps')),
  property: compileUnderstanding([...written.property]),
  pets: compileUnderstanding([...written.pets]),
  car: compileUnderstanding([...written.car]),
  insurance: compileUnderstanding([...written.insurance]),
  takeaway: compileUnderstanding([...written.takeaway]),
};
const answered = (kb: keyof typeof kbs, text: string) => {
  const d = understandMessage(kbs[kb], text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};
const lexicon = compileLexicon();
const conceptsOf = (text: string) => [...analyze(text, lexicon, { channels: DEFAULT_CHANNELS, pinyin: false }).concepts];

describe('described references in the lexicon’s plain shape', () => {
  it.each([
    ['上网的那个盒子', '上网的盒子'],
    ['手机里那张小卡片', '手机里的小卡片'],
    ['里面那个芯子', '里面的芯子'],
    ['上网用的那个盒子', '上网的盒子'],
    ['用来装垃圾的盒子', '装垃圾的盒子'],
    ['插在手机里的那张卡', '手机里的卡'],
    ['给我看的那位医生', '给我看的医生'],
  ])('%s → %s', (text, plain) => {
    expect(plainReferences(text)).toBe(plain);
  });

  it.each([
    // Not descriptions: a demonstrative that points at no head, 不用来 (no need to come), 挂在 (a
    // family line), 用的 before what is asked (which carrier), a plain text.
    '就是那个，怎么退款',
    '明天不用来了',
    '孩子的手机能挂在我这个号下面吗',
    '你们用的快递是哪家',
    '我买的那个',
    '退款多久到账',
  ])('%s stays', (text) => {
    expect(plainReferences(text)).toBe(text);
  });

  it.each([
    ['连wifi用的那个盒子', 'telecom.modem'],
    ['插在手机里的那张卡', 'telecom.number'],
    ['用来过滤的那个芯', 'aftersales.consumables'],
    ['扫地机装垃圾的那个盒子', 'aftersales.consumables'],
    ['进小区的那张卡', 'property.access'],
    ['燃气的那个表', 'utility.meter_gas'],
    ['买保险的那张单子', 'insurance.policy'],
    ['发动机里的那个油', 'auto.maintenance'],
    ['打虫的那个药', 'pet.deworming'],
    ['放衣服的那个柜子', 'fitness.locker'],
    ['上课用的那本书', 'training.materials'],
    ['衣服上挂着的那个牌子', 'returns.tags'],
    ['吸灰的那个机器', 'goods.xi_chen_qi'],
    // Where a thing is, asked with 哪, 哪里 or 哪儿 alike.
    ['车停哪', 'store.parking'],
    ['车子停哪里', 'store.parking'],
    ['车停哪儿', 'store.parking'],
    ['门店在哪儿', 'store.location'],
  ])('%s names %s', (text, concept) => {
    expect(conceptsOf(text)).toContain(concept);
  });
});

describe('descriptions and action paraphrases answered across trades', () => {
  it.each([
    ['telecom', '连wifi用的那个盒子要自己买吗', 'tc-equipment'],
    ['telecom', '看电视的那个盒子要另外花钱吗', 'tc-equipment'],
    ['telecom', '想牵根网线，多久能装好', 'tc-broadband-install'],
    ['telecom', '网线能挪到新家吗', 'tc-relocate-broadband'],
    ['presales', '用来过滤的那个芯多少钱', 'ps-purifier-filter'],
    ['ecommerce', '钱交不进去一直失败', 'ec-payment-failed'],
    ['ecommerce', '东西怎么给你们寄回去', 'ec-how-to-return'],
    ['education', '上课用的那本书在哪领', 'edu-materials'],
    ['fitness', '放衣服的那个柜子有吗', 'fit-locker'],
    ['property', '进小区的那张卡丢了能补吗', 'pm-access'],
    ['property', '燃气的那个表读数不对怎么办', 'pm-meter'],
    ['property', '走字的那个表读数不对', 'pm-meter'],
    ['pets', '打虫的那个药怎么选', 'pet-deworm'],
    ['car', '发动机里的那个油多久换一次', 'car-oil'],
    ['insurance', '买保险的那张单子在哪看', 'ins-policy'],
    ['takeaway', '装汤的那个盒子漏了', 'tk-container'],
    // Actions said with a light verb (弄, 整, 搞, 办) or by what they do.
    ['ecommerce', '能给我弄张发票吗', 'ec-invoice'],
    ['ecommerce', '想办个退货', 'ec-how-to-return'],
    ['ecommerce', '单子还没发能把单撤了吗', 'ec-cancel-order'],
    ['telecom', '手机卡丢了再办一张要带什么', 'tc-sim-replace'],
    ['telecom', '给我妈手机充点钱，怎么弄', 'tc-recharge'],
    ['fitness', '开车过来车停哪儿', 'fit-parking'],
    ['telecom', '号码想从别家转过来', 'tc-port-in'],
    ['telecom', '家里的网突然用不了了', 'tc-broadband-down'],
    ['telecom', '宽带搬到新家去要多少钱', 'tc-relocate-broadband'],
    ['ecommerce', '收到的跟我买的不是一个东西', 'ec-wrong-item'],
    ['presales', '吹头发的那个机器有负离子吗', 'ps-hairdryer-ion'],
    ['education', '上完给发个本本吗', 'edu-certificate'],
    ['education', '那天有事没去上，能再补一节吗', 'edu-makeup'],
    ['apps', '号进不去了', 'app-login'],
    ['apps', '每个月自动扣钱的那个怎么关', 'app-auto-renew'],
    ['booking', '店开在哪条街上', 'bk-location'],
  ] as const)('%s: %s → %s', (kb, text, id) => {
    expect(answered(kb, text)).toBe(id);
  });

  it.each([
    // Near misses: each shares a described thing or an action with an entry that does not answer it.
    ['telecom', '手机里的卡能存多少联系人', 'tc-sim-replace'],
    ['telecom', '上网的盒子放在哪个房间信号好', 'tc-equipment'],
    ['ecommerce', '会员卡丢了能补吗', 'ec-points'],
    ['ecommerce', '快递员的工号是多少', 'ec-tracking'],
    ['ecommerce', '东西寄回去的运费谁出', 'ec-how-to-return'],
    ['property', '进小区的卡能多办一张给保姆吗', 'pm-parking'],
    ['pets', '打虫的药猫吃了吐了', 'pet-food'],
    ['car', '发动机的油漏了', 'car-wash'],
    ['insurance', '买保险的单子能退吗', 'ins-claim'],
    ['takeaway', '吃饭的勺子能多给几个吗', 'tk-container'],
    ['telecom', '这个号不要了怎么弄', 'tc-sim-replace'],
    ['ecommerce', '发票弄错了能重开吗', 'ec-payment-failed'],
    ['fitness', '放衣服的柜子钥匙丢了要赔多少', 'fit-locker'],
    ['fitness', '卡丢了能补吗', 'fit-card-pause'],
    ['apps', '号能借给别人用吗', 'app-login'],
  ] as const)('%s: %s does not answer %s', (kb, text, id) => {
    expect(answered(kb, text)).not.toBe(id);
  });
});

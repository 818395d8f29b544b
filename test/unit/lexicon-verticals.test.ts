import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { KnowledgeSchema } from '../../src/rules/config';
import { conceptsOf, meet } from './support/concepts';

// Businesses beyond e-commerce: a carrier, food delivery, an insurer, a lender, a property manager, an airline, a parcel carrier.

describe('a customer\'s words and an operator\'s in other businesses', () => {
  // [customer, operator, whether they meet]: paraphrases meet, near misses stay apart.
  const cases: [customer: string, operator: string, meets: boolean][] = [
    ['交个话费', '如何充值', true],
    ['国际漫游多少钱', '漫游资费标准', true],
    ['我要看通话详单', '如何查看账单明细', true],
    ['网断了', '宽带无法上网如何报修', true],
    ['网很卡', '网速慢怎么办', true],
    ['补卡要带什么', 'SIM卡丢失如何补办', true],
    ['附近有营业厅吗', '有线下门店吗', true],
    ['漏送了一份米饭', '收到的包裹少件', true],
    ['骑手还没到', '外卖多久能送到', true],
    ['我不吃辣', '口味可以调整吗', true],
    ['海鲜过敏能点吗', '菜品是否标注过敏原', true],
    ['开会要订盒饭', '是否提供团餐', true],
    ['我想理赔', '如何申请理赔', true],
    ['不想保了', '如何退保', true],
    ['怎么提额', '如何提升额度', true],
    ['交物业费', '物业费如何缴纳', true],
    ['家里有煤气味', '燃气泄漏如何处理', true],
    ['能带多少行李', '免费行李额是多少', true],
    ['改个航班', '机票如何改签', true],
    ['首重多少钱', '运费怎么算', true],
    ['fapiao抬头怎么写', '如何开具发票', true],
    // One trouble of a line is not another, nor its installation; a balance is not a top-up.
    ['网速太慢', '宽带断了', false],
    ['网断了', '想装宽带', false],
    ['话费余额', '话费充值', false],
    ['欠费停机怎么恢复', '停机保号', false],
    // The merchant's tax number is not an invoice's title; a gas leak is not opening an account.
    ['你们公司税号是多少', '如何开具发票', false],
    ['闻到煤气味', '如何开通燃气', false],
    ['提前还款', '逾期了怎么办', false],
    // A school, a tour, a car dealer, an app, a hospital, a cosmetic clinic, a freight carrier, a pet clinic (verticals.ts).
    ['看重播', '课程回放', true],
    ['家电坏了', '维修服务', true],
    ['空调要加氟', '空调维修', true],
    ['这张票能退吗', '如何取消预订', true],
    ['落地价多少', '车的价格', true],
    ['旧车能抵多少', '置换政策', true],
    ['试乘一下', '试驾预约', true],
    ['啥时候能提车', '提车时间', true],
    ['首付要多少', '贷款购车政策', true],
    ['药能寄到家吗', '药品配送', true],
    ['晚上能看急诊吗', '急诊科', true],
    ['能网上看病吗', '在线问诊', true],
    ['猫三联多少钱', '宠物疫苗', true],
    ['能贷款吗', '贷款购车政策', true],
    ['可以配送吗', '药品配送', true],
    ['冷藏车拉货', '冷链运输', true],
    ['包吃住吗', '团费包含住宿', true],
    ['在哪集合', '集合地点', true],
    ['一打开就退', '闪退', true],
    ['割个双眼皮', '双眼皮手术', true],
    // A school's customers: how full a class is, learning online, starting from scratch, trying a lesson, the weekend.
    ['班上人多不多', '班级人数', true],
    ['网上可以学不', '线上课程怎么上', true],
    ['底子差能学吗', '零基础可以学吗', true],
    ['能来蹭节课吗', '可以免费试听吗', true],
    ['周六周日有课吗', '有周末班吗', true],
    // One procedure, product or trouble of those trades is not another.
    ['纹眉', '接睫毛', false],
    ['染发膏', '染发服务', false],
    ['试驾', '提车', false],
    ['上牌', '车险', false],
    ['充错了', '充值未到账', false],
    ['激活码', '充值', false],
    ['住院', '急诊', false],
    ['课时有效期', '退费', false],
    ['作业', '学习资料', false],
    ['油耗', '混动', false],
    ['集合地点', '出发日期', false],
    ['陪床', '办住院', false],
    ['零担', '整车运输', false],
    ['眼线', '纹眉', false],
    ['玻尿酸', '瘦脸针', false],
    ['点痣', '祛斑', false],
    // Nor is a class's size its price, learning online how long lessons last, or a trial lesson enrolling.
    ['班上人多不多', '学费是多少', false],
    ['网上可以学不', '课时有效期', false],
    ['蹭节课', '如何报名', false],
  ];
  it.each(cases)('%s ~ %s: %s', (customer, operator, meets) => {
    expect(meet(customer, operator)).toBe(meets);
  });

  it('does not cut the next word (能约专家号 keeps 专家号, 什么时候来电话 keeps 电话)', () => {
    expect(conceptsOf('能约专家号吗')).toContain('booking.doctor');
    expect(conceptsOf('什么时候来电话')).not.toContain('utility.outage');
    expect(conceptsOf('不能寄到新疆吗')).toContain('delivery.coverage');
    // Nor do the trades' terms (退货|运费, 吊牌|照片, 以上|户型, 推出|团购, 银行卡|密码, 预订|车票).
    expect(conceptsOf('退货运费谁付')).toContain('returns.shipping_fee');
    expect(conceptsOf('拍下吊牌照片')).toContain('product.photos');
    expect(conceptsOf('100平方米以上户型')).toContain('home.area');
    expect(conceptsOf('推出团购套餐')).toContain('promo.group_buy');
    expect(conceptsOf('银行卡密码忘了')).toContain('account.password');
    expect(conceptsOf('预订车票')).toContain('travel.transport_ticket');
  });
});

describe('small knowledge bases of other businesses', () => {
  const kb = (entries: { id: string; questions: string[]; answer: string }[]) => compileUnderstanding(entries.map((e) => KnowledgeSchema.parse(e)));
  const carrier = kb([
    { id: 'recharge', questions: ['如何充值话费'], answer: '在App或微信充值，即时到账' },
    { id: 'slow', questions: ['网速很慢怎么办'], answer: '请用网线直连测速' },
    { id: 'down', questions: ['宽带无法上网怎么办'], answer: '请重启光猫' },
    { id: 'install', questions: ['如何预约宽带安装'], answer: '办理后48小时内上门' },
  ]);
  const points = kb([{ id: 'points', questions: ['积分如何使用', '积分可以抵扣现金吗'], answer: '每100积分抵扣1元' }]);
  // A carrier answers each trouble with its own entry and falls back on what none answers;
  // an entry on paying with points does not answer redeeming them for gifts.
  it.each([
    ['交个话费', 'recharge', carrier],
    ['网断了', 'down', carrier],
    ['网太慢了', 'slow', carrier],
    ['怎么携号转网', 'fallback', carrier],
    ['手机卡丢了', 'fallback', carrier],
    ['积分能当钱用吗', 'points', points],
    ['积分可以兑换礼品吗', 'fallback', points],
  ] as const)('%s → %s', (text, zone, u) => {
    const d = understandMessage(u, text, new Set());
    expect(d.zone === 'answer' ? d.entry.id : d.zone).toBe(zone);
  });
});

import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { KnowledgeSchema } from '../../src/rules/config';
import { meet } from './support/concepts';

// Businesses that book a time (a clinic, a salon, a gym, a restaurant): how their customers say it
// in chat, against how their operators write it.

describe('a booking customer\'s spoken words and the operator\'s', () => {
  const cases: [customer: string, operator: string, meets: boolean][] = [
    ['想约个日子过去', '如何预约', true],
    ['推到下周行不行', '预约后能否改期', true],
    ['预约不要了', '如何取消预约', true],
    ['路上有点堵', '迟到了怎么办', true],
    ['到了能马上看吗', '到店后需要等待多久', true],
    ['头回来带啥', '首次就诊需要携带什么', true],
    ['娃几岁能来', '儿童是否可以就诊', true],
    ['附近好停吗', '是否有停车位', true],
    ['几号口出来', '门店地址在哪里', true],
    ['过节开门吗', '节假日是否营业', true],
    ['医保覆盖吗', '能否使用医保卡', true],
    ['拔完牙脸肿了', '拔牙后需要注意什么', true],
    ['牙黑了一块', '补牙多少钱', true],
    ['想把牙弄白', '冷光美白收费标准', true],
    ['找上次那位', '可以指定医生吗', true],
    ['请个教练带我练', '私教课怎么收费', true],
    ['卡能请假吗', '会员卡可以停卡吗', true],
    ['嫁接睫毛多少钱', '美睫能保持多久', true],
    ['给我预留个周五下午', '如何预约', true],
    ['后天没空了', '预约后能否改期', true],
    ['时间排不开想换', '如何修改预约时间', true],
    ['预约删掉吧', '如何取消预约', true],
    ['路上可能要晚', '迟到后是否还能就诊', true],
    ['楼下能停吗', '停车如何收费', true],
    ['老爷子腿脚不好', '老年人有优惠吗', true],
    ['前面掉了一颗', '种植牙多少钱', true],
    ['总价能便宜点吗', '收费标准', true],
    ['得先转账过去吗', '预约是否需要支付订金', true],
    ['我有补充医疗险', '能否使用商业保险支付', true],
    ['换个别的时间行吗', '如何修改预约时间', true],
    ['洁过牙碰到冷的难受', '洗牙后牙齿敏感怎么办', true],
    ['其他分店远不远', '有哪些门诊分店', true],
    ['家长能陪着进去吗', '儿童看牙需要注意什么', true],
    // One procedure is not another; lashes are not nails; moving a booking is not booking ahead.
    ['拔完牙', '洗牙收费标准', false],
    ['嫁接睫毛', '美甲款式', false],
    ['包间要提前一天订', '预约后能否改期', false],
    ['窝沟封闭多少钱', '儿童是否可以就诊', false],
    ['预留手机号', '如何预约', false],
    // A medicine is not the aftercare an entry gives.
    ['拔完吃什么消炎药', '拔牙后需要注意什么', false],
  ];
  it.each(cases)('%s ~ %s: %s', (customer, operator, meets) => {
    expect(meet(customer, operator)).toBe(meets);
  });
});

const knowledge = (entries: { id: string; questions: string[]; answer: string }[]) => {
  const u = compileUnderstanding(entries.map((e) => KnowledgeSchema.parse(e)));
  return (text: string) => {
    const d = understandMessage(u, text, new Set());
    return d.zone === 'answer' ? d.entry.id : d.zone;
  };
};

describe('a clinic and a gym answering spoken questions', () => {
  const answered = knowledge([
    { id: 'book', questions: ['如何预约就诊', '预约方式有哪些'], answer: '可在公众号在线预约或拨打电话预约。' },
    { id: 'late', questions: ['预约迟到怎么办', '迟到后是否还能就诊'], answer: '迟到15分钟以内可正常就诊。' },
    { id: 'location', questions: ['门诊地址在哪里', '有哪些分店'], answer: '总院位于漕溪北路88号2楼，近地铁站。' },
    { id: 'extraction-care', questions: ['拔牙后需要注意什么', '拔牙后多久可以进食'], answer: '咬紧棉球30分钟，2小时后可吃温凉软食。' },
    { id: 'scaling-care', questions: ['洗牙后需要注意什么', '洗牙后牙齿敏感怎么办'], answer: '24小时内避免过冷过热的食物。' },
    { id: 'implant-price', questions: ['种植牙多少钱', '种植牙费用包含哪些项目'], answer: '单颗种植牙8800元起。' },
    { id: 'private-coach', questions: ['私教课怎么收费', '私教课可以单节购买吗'], answer: '私教课单节300元。' },
    { id: 'parking', questions: ['是否有停车位', '停车如何收费'], answer: '大厦地下车库可停车，凭停车券免费2小时。' },
    { id: 'children', questions: ['儿童是否可以就诊', '儿童看牙需要注意什么'], answer: '3岁以上儿童可就诊，须由监护人陪同。' },
    { id: 'doctor', questions: ['可以指定医生吗', '如何选择医生'], answer: '预约时可在公众号查看医生排班并指定医生。' },
  ]);

  it.each([
    ['路上有点堵，晚个十分钟还能看吗', 'late'],
    ['你们在哪个区', 'location'],
    ['拔完牙脸肿了正常吗', 'extraction-care'],
    ['洗完牙能喝冰的吗', 'scaling-care'],
    ['少了颗牙想补上，啥价位', 'implant-price'],
    ['请个教练带我练多少米', 'private-coach'],
    ['开车的话停哪里', 'parking'],
    ['停车位好找吗', 'parking'],
    ['小孩的牙疼能带过来看看吗', 'children'],
    ['还找上次那个张医生行不行', 'doctor'],
    ['刚洁了牙，能喝冰的吗', 'scaling-care'],
  ] as const)('%s → %s', (text, id) => {
    expect(answered(text)).toBe(id);
  });

  it('leaves near misses to a person', () => {
    expect(answered('你们招教练吗')).toBe('fallback');
    expect(answered('种植牙的医生是哪个学校毕业的')).toBe('fallback');
    expect(answered('张医生是哪里人')).toBe('fallback');
    expect(answered('拔牙以后吃什么消炎药好')).toBe('fallback');
  });
});

describe('a restaurant: booking a table is not scheduling a delivery', () => {
  const answered = knowledge([
    { id: 'reservation', questions: ['如何预订座位', '包间是否需要提前预订'], answer: '可在小程序订座，包间需提前1天预订。' },
    { id: 'scheduled', questions: ['可以预约送达时间吗', '能否提前下单指定时间配送'], answer: '提交订单时选择预约送达，需提前1小时下单。' },
  ]);

  it.each(['能帮我留张桌吗', '今晚还有位子吗'])('%s → reservation', (text) => {
    expect(answered(text)).toBe('reservation');
  });
});

import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { KnowledgeSchema } from '../../src/rules/config';

// Near misses of trades no eval split is drawn from (an app, a training school, a gym), each family
// refused by a rule read from the message's shape, and the in-scope questions beside them that the
// same rule must still answer.
const kb = (entries: [string, string[], string][]) => compileUnderstanding(entries.map(([id, questions, answer]) => KnowledgeSchema.parse({ id, questions, answer })));
const zoneOf = (u: ReturnType<typeof kb>) => (text: string) => {
  const d = understandMessage(u, text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

const app = zoneOf(
  kb([
    ['topup', ['充值未到账怎么办', '充值成功但是没有到账'], '充值一般即时到账，超过30分钟未到账请提供订单截图联系客服补发。'],
    ['refund', ['充值可以退款吗', '误充值能退吗'], '虚拟商品充值成功后原则上不退；误充且未消费的，7天内可申请退款。'],
    ['password', ['忘记密码怎么办', '如何修改密码'], '在登录页点“忘记密码”，通过绑定手机号接收验证码重置。'],
  ]),
);

describe('another business’s kind of the entry’s thing', () => {
  it('is not the entry’s where a term of a topic the business never speaks of stands before the entry’s word', () => {
    expect(app('话费充值没到账怎么办')).toBe('fallback');
    expect(app('支付密码忘了怎么办')).toBe('fallback');
  });

  it('is still the entry’s where the business speaks of it, or the word is its own', () => {
    expect(app('充值了一直没有到账')).toBe('topup');
    expect(app('登录密码忘了怎么办')).toBe('password');
    expect(app('密码忘了怎么办')).toBe('password');
  });
});

const school = zoneOf(
  kb([
    ['teacher', ['老师的资质怎么样', '师资力量如何'], '授课老师均为本科及以上学历，持教师资格证，平均教龄5年以上。'],
    ['fees', ['课程收费标准是什么', '学费是多少'], '小班课每课时150元，一对一每课时300元。'],
    ['courses', ['有哪些课程', '开设了什么课'], '英语、数学和编程。'],
    ['level', ['零基础可以学吗', '课程适合什么基础的学员'], '可以，入门班从零基础讲起，老师会推荐合适的班级。'],
  ]),
);

describe('which one, asked of an entry that asks nothing specific', () => {
  it('asks to pick among what the entry only describes: an opinion for a person', () => {
    expect(school('哪个老师好')).toBe('fallback');
    expect(school('哪个老师讲得好')).toBe('fallback');
    expect(school('你推荐哪个课程')).toBe('fallback');
  });

  it('is answered by an entry asking which, and beside another specific question by any', () => {
    expect(school('有哪些课')).toBe('courses');
    expect(school('哪种课学费多少钱')).toBe('fees');
  });
});

describe('where or how much, asked of a person alone', () => {
  it('asks after the person, not the service an entry describes', () => {
    expect(school('老师多大了')).toBe('fallback');
    expect(school('老师多高')).toBe('fallback');
    expect(school('老师是哪里人')).toBe('fallback');
  });

  it('is answered by an entry asking it, and a role noun beside the service still asks of the service', () => {
    const gym = zoneOf(
      kb([
        ['coach', ['教练多大年纪', '教练是哪里人'], '教练平均28岁，来自全国各地。'],
        ['private', ['私教课怎么收费'], '私教课单节300元。'],
      ]),
    );
    expect(gym('教练多大了')).toBe('coach');
    expect(gym('私教多少钱')).toBe('private');
    expect(gym('私教课多少钱')).toBe('private');
  });
});

describe('what follows an action', () => {
  const gym = zoneOf(
    kb([
      ['pause', ['会员卡可以停卡吗', '停卡最长多久'], '年卡每年可免费停卡一次，最长60天。'],
      ['dye', ['染发多少钱', '染发的价格怎么算'], '短发染发298元起。'],
      ['makeup', ['请假缺课可以补课吗', '如何申请调课'], '请提前24小时请假，缺的课可安排补课。'],
      ['expiry', ['课时有效期多久', '课时过期了怎么办'], '课时有效期1年，到期前可申请延期一次。'],
      ['arrears', ['欠费了会停卡吗'], '欠费超过30天暂停使用。'],
    ]),
  );

  it('is not said by the entry that names the action', () => {
    expect(gym('停卡会影响会员权益吗')).toBe('fallback');
    expect(gym('不染发会怎样')).toBe('fallback');
    expect(gym('缺课会怎么样')).toBe('fallback');
  });

  it('is not answered where the entry leaves what 会 predicts unexplained', () => {
    expect(gym('染发会伤头发吗')).toBe('fallback');
    expect(gym('请假会扣课时吗')).toBe('fallback');
  });

  it('is answered where the entry’s answer says what 会 predicts', () => {
    const school = zoneOf(kb([['refund', ['报名后可以退费吗'], '开课后按剩余课时退费，并扣除教材费。']]));
    expect(school('退费会扣教材费吗')).toBe('refund');
  });

  it('is answered by an entry speaking of a consequence or of what to do once it happened', () => {
    expect(gym('欠费会怎么样')).toBe('arrears');
    expect(gym('课时过期会怎么样')).toBe('expiry');
    expect(gym('能停卡吗')).toBe('pause');
    // 后果 is the question word of a consequence, not a word the entry has to explain.
    expect(gym('欠费的后果')).toBe('arrears');
    expect(gym('缺课有什么后果')).toBe('fallback');
  });
});

describe('where a thing is, asked of an entry that asks nothing specific', () => {
  const club = zoneOf(
    kb([
      ['locker', ['有淋浴和储物柜吗', '需要自带毛巾吗'], '提供免费淋浴间和储物柜，毛巾可在前台租用5元一条。'],
      ['tracking', ['怎么查物流'], '在订单详情页点击“查看物流”，即可看到快递单号。'],
      ['store', ['门店地址'], '总店位于徐汇区漕溪北路88号2楼。'],
      ['pay', ['会费怎么交'], '线上交或到店交都可以。'],
    ]),
  );

  it('is said only by an answer stating a place', () => {
    expect(club('储物柜在哪')).toBe('fallback');
    expect(club('淋浴间在哪里呢')).toBe('fallback');
    expect(club('快递单号在哪')).toBe('tracking');
    expect(club('你们店在哪')).toBe('store');
  });

  it('is not asked where the question word leads an action: where to do it is how', () => {
    expect(club('会费在哪交')).toBe('pay');
  });

  it('is said by an answer naming where in the settings', () => {
    const app = zoneOf(kb([['renew', ['如何取消自动续费'], '苹果用户在系统设置-Apple ID-订阅中取消。']]));
    expect(app('取消续费在哪')).toBe('renew');
  });
});

describe('an opinion asked of the thing an entry explains', () => {
  const salon = zoneOf(
    kb([
      ['dye', ['染发多少钱', '染发的价格怎么算'], '短发染发298元起。'],
      ['private', ['私教课怎么收费', '私教课可以单节购买吗'], '私教课单节300元。'],
      ['certificate', ['学完有证书吗', '结业证书是否认可'], '通过结业考核可获得结业证书。'],
      ['locker', ['有淋浴和储物柜吗', '需要自带毛巾吗'], '提供免费淋浴间和储物柜，毛巾可在前台租用。'],
      ['dryer', ['冷风热风都有吗'], '三档温度。'],
    ]),
  );

  it('asks the quality before 吗 (有用, 好看), which no entry telling the price or the rules says', () => {
    expect(salon('染发好看吗')).toBe('fallback');
    expect(salon('私教课有用吗')).toBe('fallback');
    expect(salon('证书有用吗')).toBe('fallback');
  });

  it('is no quality where an adverb leads (都有吗) or the thing is what is asked', () => {
    expect(salon('冷风热风都有吗')).toBe('dryer');
    expect(salon('私教课能单节买吗')).toBe('private');
  });

  it('asks after a pool a gym does not name, not the towels of its locker entry', () => {
    expect(salon('你们有游泳池吗')).toBe('fallback');
    expect(salon('能洗澡吗')).toBe('locker');
  });
});

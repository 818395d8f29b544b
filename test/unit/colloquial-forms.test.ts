/**
 * How customers type in WeChat: spoken and regional question forms (咋回事, 莫得, 干嘛不, 有啥好处),
 * particles and emoji around the question, and very short messages, across trades; and the near
 * misses those forms must not capture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../src/rules/config';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { questionTypes } from '../../src/engine/understanding/question-type';
import { smallTalkKind } from '../../src/engine/understanding/smalltalk';
import { knowledgeBase } from '../../eval/dataset';

const fixture = (trade: string) => JSON.parse(readFileSync(new URL(`../fixtures/understanding/kb-${trade}.json`, import.meta.url), 'utf8')) as KnowledgeEntry[];
const entry = (id: string, questions: string[], answer: string): KnowledgeEntry => ({ id, questions, answer });

const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const appliances = compileUnderstanding(knowledgeBase('presales'));
const clinic = compileUnderstanding(knowledgeBase('booking'));
const food = compileUnderstanding(knowledgeBase('food'));
const carrier = compileUnderstanding(knowledgeBase('telecom'));
const school = compileUnderstanding(fixture('education'));
const gym = compileUnderstanding(fixture('fitness'));
const apps = compileUnderstanding(fixture('apps'));
const property = compileUnderstanding([
  entry('pm-fee', ['物业费怎么交', '物业费收费标准是多少'], '物业费按建筑面积每月2.5元/平方米，可在小程序或物业前台缴纳。'),
  entry('pm-repair', ['家里水管漏水怎么报修', '如何申请上门维修'], '在小程序提交报修，维修师傅会在2小时内联系您。'),
  entry('pm-parking', ['小区车位怎么租', '停车月卡多少钱'], '地下车位月租300元，在物业前台办理。'),
  entry('pm-access', ['门禁卡丢了怎么补办', '如何录入人脸门禁'], '带身份证到物业前台补办，工本费20元。'),
]);
const garage = compileUnderstanding([
  entry('car-maint', ['保养一次多少钱', '小保养包括哪些项目'], '小保养含机油机滤，380元起。'),
  entry('car-wash', ['洗车多少钱', '洗车需要预约吗'], '普洗35元，无需预约。'),
  entry('car-hours', ['门店营业时间', '周末营业吗'], '每天8:30-18:30营业。'),
  entry('car-pickup', ['可以上门取车吗', '代驾取送车收费吗'], '5公里内免费上门取送车。'),
]);

const decide = (u: ReturnType<typeof compileUnderstanding>, text: string) => {
  const d = understandMessage(u, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('spoken question forms', () => {
  it('怎么回事 and 咋回事 ask how it came about: no 回 is left to explain', () => {
    expect(questionTypes('没信号咋回事')).toEqual(['how']);
    expect(decide(carrier, '没信号咋回事')).toBe('tc-no-signal');
    expect(decide(carrier, '手机没信号是怎么回事')).toBe('tc-no-signal');
    expect(decide(apps, '老闪退咋回事')).toBe('app-crash');
  });

  it('何处 asks where, but not inside 如何处理: an entry written "如何处理" answers a why', () => {
    expect(questionTypes('付款不成功如何处理')).toEqual(['how']);
    expect(questionTypes('退货地址在何处')).toContain('where');
    expect(decide(shop, '为啥付不了款')).toBe('ec-payment-failed');
  });

  it('干嘛 before a negation asks why; 干嘛 asking what someone does stays no question of a trade', () => {
    expect(questionTypes('干嘛不给我退款')).toContain('why');
    expect(questionTypes('你们是干嘛的')).not.toContain('why');
    expect(decide(shop, '你们是干嘛的')).toBe('fallback');
  });

  it('有啥好处 asks what the thing named before it offers', () => {
    expect(decide(shop, '当会员有什么好处')).toBe('ec-membership');
    expect(decide(food, '办卡有啥好处')).toBe('fd-membership');
    expect(decide(gym, '办年卡有啥好处')).toBe('fit-card-price');
  });

  it('a benefit of something no entry speaks of is no entry’s', () => {
    expect(decide(appliances, '这个牌子有啥好处')).toBe('fallback');
    expect(decide(shop, '你们家有什么好处')).toBe('fallback');
  });

  it('regional negations and particles: 莫得, 木有 after 了, 咋滴, 滴, 咱', () => {
    expect(fold('莫得发票吗')).toBe('没有发票吗');
    expect(fold('发货了木有')).toBe('发货了没有');
    expect(fold('实木有味道吗')).toBe('实木有味道吗');
    expect(fold('咋滴发货')).toBe('怎么发货');
    expect(decide(shop, '莫得发票吗')).toBe('ec-invoice');
    expect(decide(shop, '发货了木有')).toBe('ec-shipping-time');
    expect(decide(shop, '咋滴还没发货')).toBe('ec-urge-shipment');
    expect(decide(shop, '退货咋退滴')).toBe('ec-how-to-return');
    expect(decide(shop, '咱这能开发票不')).toBe('ec-invoice');
  });

  it('the north’s 瞅 is 看, and a check that 过不去 has failed', () => {
    expect(fold('发票在哪瞅')).toBe('发票在哪看');
    expect(fold('刷脸一直过不去')).toBe('刷脸一直失败');
    const insurer = compileUnderstanding(knowledgeBase('insurance'));
    expect(decide(insurer, '刷脸老是过不去咋整')).toBe('in-real-name');
    expect(decide(insurer, '刷脸支付安全吗')).toBe('fallback');
  });

  it('娃 is a child, but not 娃娃 or 娃哈哈', () => {
    expect(fold('娃能看牙不')).toBe('孩子能看牙不');
    expect(fold('女娃能报名吗')).toBe('女孩子能报名吗');
    expect(fold('娃娃机')).toBe('娃娃机');
    expect(fold('娃哈哈有吗')).toBe('娃哈哈有吗');
    expect(decide(clinic, '娃能不能看牙')).toBe('bk-children');
    expect(decide(clinic, '俺家娃能看牙不')).toBe('bk-children');
    expect(decide(food, '有娃哈哈吗')).toBe('fallback');
  });

  it('地儿 is 地方 (哪地儿 still asks where), and 约号 books', () => {
    expect(fold('有地儿停车不')).toBe('有地方停车不');
    expect(fold('在哪地儿')).toBe('在哪里');
    expect(decide(clinic, '有地儿停车不')).toBe('bk-parking');
    expect(decide(clinic, '咋约号')).toBe('bk-book-appointment');
  });

  it('a spoken question word is never a typo: 啥不一样 is no 纱布', () => {
    expect(decide(appliances, '这俩型号有啥不一样')).toBe('ps-model-choice');
  });

  it('spoken 疼 is written 痛, so 疼不疼 asks what 会痛吗 asks; 疼爱 stays', () => {
    expect(fold('拔牙疼不疼')).toBe('拔牙痛不痛');
    expect(fold('疼爱')).toBe('疼爱');
    expect(decide(clinic, '拔牙疼不疼')).toBe('bk-pain');
    expect(decide(clinic, '拔完牙还疼正常吗')).toBe('bk-aftercare-extraction');
    expect(decide(gym, '美睫疼不疼')).toBe('fallback');
  });

  it('a thing named before the verb done to it is the term of both (套餐咋改 is 改套餐)', () => {
    expect(decide(carrier, '套餐咋改')).toBe('tc-change-plan');
    expect(decide(carrier, '套餐能降不')).toBe('tc-change-plan');
    expect(decide(carrier, '话费咋充')).toBe('tc-recharge');
    expect(decide(carrier, '流量咋加')).toBe('tc-data-addon');
    expect(decide(food, '会员咋办')).toBe('fd-membership');
    expect(decide(food, '积分咋攒')).toBe('fd-points');
    expect(decide(clinic, '医生能挑不')).toBe('bk-doctor-choice');
  });

  it('only a verb ending its clause, and only where verb and thing make a term', () => {
    // 换1次 goes on after the verb; 到快递 is no term; 我 is no verb.
    expect(decide(appliances, '滤芯多久换一次啊')).toBe('ps-purifier-filter');
    expect(decide(shop, '快递到了')).not.toBe('ec-tracking');
    expect(decide(shop, '订单我不要了')).toBe('ec-cancel-order');
    expect(decide(gym, '头发咋剪')).not.toBe('salon-perm');
  });

  it('老 before a verb is "always", the story’s', () => {
    expect(decide(apps, '游戏老闪退')).toBe('app-crash');
    expect(decide(carrier, '网老断咋整')).toBe('tc-broadband-down');
  });

  it('how strongly a complaint is felt is one way, 咋这么 and 太 alike; 差评 and 差价 stay', () => {
    expect(fold('网咋这么卡')).toBe('网很卡');
    expect(fold('信号有点差')).toBe('信号很差');
    expect(fold('快递贼慢')).toBe('快递很慢');
    expect(fold('好差评')).toBe('好差评');
    expect(fold('太差价了')).toBe('太差价了');
    expect(decide(carrier, '网咋这么卡')).toBe('tc-slow-speed');
    expect(decide(carrier, '信号咋这么差')).toBe('tc-no-signal');
    expect(decide(apps, '游戏咋这么卡')).toBe('app-crash');
    expect(decide(appliances, '出水咋这么慢')).toBe('ps-purifier-flow');
    expect(decide(food, '外卖咋这么慢')).toBe('fd-delivery-time');
    expect(decide(shop, '服务态度咋这么差')).toBe('fallback');
  });

  it('why something still has not happened says it has not: the question word goes, the status stays', () => {
    expect(fold('钱咋还没退回来')).toBe('钱还没退回来');
    expect(fold('为什么一直不到账')).toBe('一直不到账');
    expect(fold('这期怎么还')).toBe('这期怎么还');
    expect(decide(shop, '钱咋还没退回来')).toBe('ec-refund-time');
    expect(decide(shop, '快递咋还没到')).toBe('ec-delivery-time');
    expect(decide(food, '外卖咋还没到')).toBe('fd-delivery-time');
    expect(decide(food, '骑手咋还不来')).toBe('fd-delivery-time');
  });

  it('a status of something no entry speaks of stays unanswered', () => {
    expect(decide(clinic, '咋还没叫到我')).toBe('fallback');
    expect(decide(carrier, '师傅咋还没走')).toBe('fallback');
  });

  it('a price per square metre: 1平 is a count, not a word to explain', () => {
    expect(fold('物业费多钱一平')).toBe('物业费多钱1平');
    expect(decide(property, '物业费多钱一平')).toBe('pm-fee');
    expect(decide(property, '一平米物业费多少钱')).toBe('pm-fee');
  });

  it('across trades, with 咋, 多钱, 几个钱, A-not-A and a tail 不 or 没', () => {
    expect(decide(property, '物业费咋交')).toBe('pm-fee');
    expect(decide(property, '门禁卡丢了能补不')).toBe('pm-access');
    expect(decide(property, '在吗？我想问下车位咋租')).toBe('pm-parking');
    expect(decide(garage, '老板，保养一次几个钱')).toBe('car-maint');
    expect(decide(garage, '洗个车几块钱')).toBe('car-wash');
    expect(decide(garage, '周末开门不')).toBe('car-hours');
    expect(decide(school, '能分期不')).toBe('edu-installment');
    expect(decide(school, '有证书没')).toBe('edu-certificate');
    expect(decide(gym, '能停卡不')).toBe('fit-card-pause');
    expect(decide(food, '打包费咋收')).toBe('fd-packaging-fee');
    expect(decide(carrier, '能办副卡不')).toBe('tc-family-share');
  });
});

describe('filler and emoji around the question', () => {
  it('openings, address forms, particles, tildes and closings cost no answer', () => {
    expect(decide(shop, '在吗？我想问下退货运费谁出')).toBe('ec-return-shipping-fee');
    expect(decide(shop, '亲亲～发票咋开捏')).toBe('ec-invoice');
    expect(decide(shop, '老板，啥时候发货嘛[流泪][流泪]')).toBe('ec-shipping-time');
    expect(decide(shop, '积分能抵现不？谢谢亲')).toBe('ec-points');
    expect(decide(clinic, '洗牙多钱呀亲')).toBe('bk-cleaning-price');
    expect(decide(food, '几点开门呀～')).toBe('fd-opening-hours');
    expect(decide(garage, '能上门取车不[抱拳]')).toBe('car-pickup');
    expect(decide(property, '俺家水管爆了[流泪]')).toBe('pm-repair');
  });

  it('more of WeChat’s and other apps’ emoji names are dropped, and alone are small talk of their kind', () => {
    expect(fold('发票咋开[囧]')).toBe('发票咋开');
    expect(fold('退款呢[泪奔][鞠躬]')).toBe('退款呢');
    expect(smallTalkKind('[鞠躬]')).toBe('thanks');
    expect(smallTalkKind('[点赞][比心]')).toBe('praise');
    expect(smallTalkKind('[生气]')).toBe('complaint_emotion');
    expect(smallTalkKind('好滴[囧]')).toBe('ack');
  });
});

describe('very short messages', () => {
  it('naming what one entry owns answer it', () => {
    expect(decide(shop, '价保')).toBe('ec-price-protection');
    expect(decide(clinic, '改期')).toBe('bk-reschedule');
    expect(decide(food, '运费多少')).toBe('fd-delivery-fee');
    expect(decide(carrier, '携号转网')).toBe('tc-port-in');
    expect(decide(school, '回放')).toBe('edu-replay');
    expect(decide(apps, '封号')).toBe('app-ban');
    expect(decide(garage, '洗车')).toBe('car-wash');
  });

  it('naming nothing an entry owns fall back', () => {
    expect(decide(shop, '能换不')).not.toBe('ec-how-to-return');
    expect(decide(carrier, '要得不')).toBe('fallback');
    expect(decide(clinic, '咋回事')).toBe('fallback');
    expect(decide(shop, '为啥')).toBe('fallback');
  });
});

describe('a subscriber’s ways of saying each trouble', () => {
  it('plans by what they hold or who they are for, a plan by its price, a month’s charge, a top-up not arrived, a stolen phone', () => {
    const asked: [string, string][] = [
      ['学生套餐有哪些', 'tc-plans'],
      ['有没有划算的套餐', 'tc-plans'],
      ['套餐推荐一下', 'tc-plans'],
      ['从169的改成99的可以吗', 'tc-change-plan'],
      ['月租涨了是咋回事', 'tc-bill-detail'],
      ['交了钱没到账怎么回事', 'tc-recharge'],
      ['手机被扒了，号先给我停了', 'tc-lost-phone'],
      ['号码带过来要多久', 'tc-port-in'],
      ['通话听不清，老断线', 'tc-no-signal'],
      ['wifi卡得要死', 'tc-slow-speed'],
      ['老是断网，光猫闪红灯', 'tc-broadband-down'],
      // A new home is where the line goes, a place of the story like 小区.
      ['新家想装个宽带多久能装', 'tc-broadband-install'],
    ];
    for (const [text, id] of asked) expect(decide(carrier, text), text).toBe(id);
  });

  it('TV over the line, another carrier’s number and another utility’s bill are no entry’s', () => {
    for (const text of ['宽带能看网络电视吗', 'IPTV怎么收费', '电视没信号了', '移动的10086打不通', '家里电费怎么交', '燃气费多少钱一方']) expect(decide(carrier, text), text).toBe('fallback');
  });

  it('a power company answers its own bill, and leaves the gas and heating bills to theirs', () => {
    const power = compileUnderstanding([
      entry('pay', ['电费怎么交', '可以线上缴纳电费吗'], '网上国网App、微信或支付宝均可缴纳电费。'),
      entry('outage', ['停电了怎么办'], '先确认是否欠费，再报修。'),
      entry('water', ['水费怎么交'], '请联系自来水公司。'),
    ]);
    for (const text of ['交电费', '电费咋交', '电费单在哪看']) expect(decide(power, text), text).toBe('pay');
    for (const text of ['燃气费怎么交', '暖气费在哪交']) expect(decide(power, text), text).toBe('fallback');
  });

  it('leaves a shop its word for abroad: 在国外 is where goods are sent, not roaming', () => {
    const shop = compileUnderstanding([
      entry('abroad', ['能寄到国外吗', '海外地址可以发货吗'], '支持寄往海外，运费另计。'),
      entry('refund', ['退款多久到账'], '3个工作日。'),
    ]);
    expect(decide(shop, '我在国外能收到吗')).toBe('abroad');
  });
});

/** Each message with the decision it must get (an entry's id, or a zone). */
const decidesAll = (cases: readonly (readonly [ReturnType<typeof compileUnderstanding>, string, string])[]) => {
  for (const [u, text, expected] of cases) expect(decide(u, text), text).toBe(expected);
};

describe('not finding where to do a thing', () => {
  it('asks how to do it: a long search, an entrance, a button or a place not found', () => {
    for (const text of ['找了半天也没找到', '找半天没看到报名入口', '注销账号的入口找不到', '找了好久也没找到反馈的地方', '关闭自动续费的按钮在哪找不到啊'])
      expect(questionTypes(fold(text)), text).toContain('how');
    decidesAll([
      [apps, '找了半天没找到取消自动续费的地方', 'app-auto-renew'],
      [apps, '注销账号的入口找不到[捂脸]', 'app-delete'],
      [school, '找半天没看到报名入口', 'edu-enroll'],
      [gym, '团课预约的入口找不到', 'fit-group-class'],
    ]);
  });

  it('leaves what was lost to say it: a lost item, a courier not finding the address', () => {
    for (const text of ['道具找不到了', '快递员说找不到地址']) expect(questionTypes(fold(text)), text).not.toContain('how');
    decidesAll([
      [apps, '道具找不到了', 'game-items'],
      [property, '找了半天没找到停车的地方', 'pm-parking'],
    ]);
  });
});

describe('a sum told with its verb or its 钱', () => {
  it('is the story: what was paid vetoes nothing, what was asked of it decides', () => {
    decidesAll([
      [carrier, '交了50话费还没到账', 'tc-recharge'],
      [apps, '充了68块咋还没到账', 'app-topup-missing'],
    ]);
    // The sum alone asks nothing: a near miss stays one.
    for (const text of ['交了50块', '为啥多扣了我20块钱']) expect(decide(carrier, text), text).not.toBe('tc-recharge');
  });
});

describe('a thing named with its trouble in one breath', () => {
  it('is the thing’s trouble, though the thing’s term would cut the trouble’s (优惠券|用不了 against 券用不了)', () => {
    for (const text of ['优惠券用不了是为啥', 'coupon用不了[捂脸]', '优惠券不能用咋回事']) expect(decide(shop, text), text).toBe('ec-coupon');
    // No such term for the pair: a trouble of its own (用不了 is any fault), vetoed where nothing speaks of it.
    expect(decide(shop, '积分用不了')).not.toBe('ec-coupon');
    expect(decide(apps, '激活码用不了')).not.toBe('app-topup-missing');
  });
});

describe('whether the business takes or offers a thing', () => {
  const bakery = compileUnderstanding([
    entry('cake-custom', ['可以定制蛋糕吗', '定制蛋糕要提前几天'], '可定制，需提前两天。'),
    entry('cake-bulk', ['是否提供企业团购', '团购有优惠吗'], '企业团购满20份9折。'),
    entry('cake-delivery', ['蛋糕能配送吗', '配送范围多大'], '5公里内配送。'),
  ]);

  it('is asked of the thing: 接, 承接 and 提供 weigh as light verbs', () => {
    decidesAll([
      [bakery, '团购接不接', 'cake-bulk'],
      [bakery, '定制蛋糕接吗', 'cake-custom'],
      [food, '团餐接不接啊', 'fd-group-meal'],
      [bakery, '接电话的是谁', 'fallback'],
    ]);
  });
});

describe('what was being done when the trouble came', () => {
  it('is told (结账的时候, 付款时): it weighs for the entry that explains it, little against the one asked about', () => {
    decidesAll([
      [shop, '领了券下单的时候用不上是咋回事', 'ec-coupon'],
      [shop, '红包付款时使用不了', 'ec-coupon'],
      // Asked of what is done then, it stays what is asked.
      [shop, '结账的时候能用花呗吗', 'ec-payment-methods'],
      [shop, '退货的时候运费谁出', 'ec-return-shipping-fee'],
    ]);
  });
});

describe('what a shopper saw or what happened, instead of the topic', () => {
  it('a shop: payment, damage, missing goods, returns, price drops and the parcel, told as the situation', () => {
    const cases: [string, string][] = [
      ['一付钱就跳出来失败', 'ec-payment-failed'], ['付款页面一直报错', 'ec-payment-failed'], ['刷卡一直不成功', 'ec-payment-failed'], ['买单的时候老是出错', 'ec-payment-failed'],
      ['一打开就是碎的', 'ec-damaged-item'], ['新买的就坏了', 'ec-damaged-item'], ['到手就用不了', 'ec-damaged-item'],
      ['开箱一看少了2件', 'ec-missing-item'], ['买了五个只收到三个', 'ec-missing-item'], ['赠品没给', 'ec-missing-item'],
      ['以前的号不用了怎么换绑', 'ec-change-phone'], ['前脚刚买后脚就降价了', 'ec-price-protection'], ['满减没减', 'ec-coupon'],
      ['东西怎么退', 'ec-how-to-return'], ['还没出库吗', 'ec-urge-shipment'], ['地址写成老家了', 'ec-change-address'], ['换个地方收可以吗', 'ec-change-address'], ['寄过来要几天', 'ec-delivery-time'],
    ];
    for (const [text, id] of cases) expect(decide(shop, text), text).toBe(id);
    // A coupon's error at checkout is no failed payment: it is the coupon's trouble (优惠券为什么无法使用).
    expect(decide(shop, '结账时优惠券报错')).toBe('ec-coupon');
    for (const text of ['会员卡丢了能补吗', '拆开能退吗', '支付宝退款失败', '快递员的工号是多少']) expect(decide(shop, text), text).toBe('fallback');
  });

  it('an appliance seller: energy per hour, what is in the box, who repairs it, where it is made', () => {
    const cases: [string, string][] = [
      ['空气炸锅每小时用多少度', 'ps-airfryer-power'], ['空气炸锅开一个小时几度电', 'ps-airfryer-power'], ['净水器1分钟能出多少水', 'ps-purifier-flow'],
      ['送不送充电器', 'ps-in-box'], ['坏了你们管不管', 'ps-warranty'], ['是国外的牌子吗', 'ps-origin'], ['哪国品牌', 'ps-origin'], ['一年换几次滤芯', 'ps-purifier-filter'],
    ];
    for (const [text, id] of cases) expect(decide(appliances, text), text).toBe(id);
    // Another appliance's energy is no air fryer's.
    for (const text of ['吹风机一小时几度电', '洗衣机一小时几度电']) expect(decide(appliances, text), text).toBe('fallback');
  });
});

describe('a diner telling what was found, felt or missing, and asking as diners do', () => {
  it('answers the restaurant entry the story means', () => {
    const cases: [string, string][] = [
      ['酸菜鱼里吃出一根头发丝', 'fd-foreign-object'],
      ['粥里有根毛，太恶心了', 'fd-foreign-object'],
      ['盖子松了，全撒了', 'fd-cold-or-spilled'],
      ['饭菜一点温度都没有', 'fd-cold-or-spilled'],
      ['我要的煎蛋没放', 'fd-missing-item'],
      ['套餐里的可乐没给', 'fd-missing-item'],
      ['孩子对芝麻过敏，点什么好', 'fd-allergens'],
      ['能先点好后天中午的饭吗', 'fd-scheduled-order'],
      ['开会用的工作餐能订吗', 'fd-group-meal'],
      ['打包要加钱吗', 'fd-packaging-fee'],
      ['袋子要钱吗', 'fd-packaging-fee'],
      ['外卖几点截单', 'fd-opening-hours'],
      ['找不到点餐的地方', 'fd-how-to-order'],
      ['到店吃饭要排队吗', 'fd-queue'],
    ];
    for (const [text, id] of cases) expect(decide(food, text), text).toBe(id);
  });

  it('leaves a dish, a recipe, calories, another app and the rider\'s own number to a person', () => {
    for (const text of ['对虾怎么卖', '宫保鸡丁怎么做', '这个套餐多少卡路里', '饿了么上的价格一样吗', '骑手的私人电话多少', '会员卡丢了能补吗', '点的面没放辣'])
      expect(decide(food, text), text).toBe('fallback');
  });
});

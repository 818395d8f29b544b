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

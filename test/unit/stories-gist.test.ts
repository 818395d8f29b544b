import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { splitClauses } from '../../src/engine/understanding/clauses';
import { KnowledgeSchema } from '../../src/rules/config';

// Long messages: a story told in several clauses around one or two asks. Knowledge bases of trades
// nobody tuned on (property management, car service, travel), as their operators would write them,
// and the labelled businesses' entries (not their questions).
const compile = (entries: unknown[]) => compileUnderstanding(entries.map((e) => KnowledgeSchema.parse(e)));
const fixture = (name: string) => compile(JSON.parse(readFileSync(new URL(`../fixtures/understanding/kb-${name}.json`, import.meta.url), 'utf8')) as unknown[]);
const kbs = {
  property: compile([
    { id: 'fee', questions: ['物业费怎么交', '物业费收费标准是多少'], answer: '物业费按季度在App“缴费”里交，住宅每平米每月2.2元。' },
    { id: 'repair', questions: ['家里东西坏了怎么报修', '报修后多久上门'], answer: '在App“报修”里提交，维修师傅2小时内上门，户内人工费按价目表收取。' },
    { id: 'parking', questions: ['停车月卡怎么办理', '小区停车怎么收费'], answer: '在物业前台办理月卡，地面车位每月300元。' },
    { id: 'renovation', questions: ['装修要办什么手续', '装修施工时间有规定吗'], answer: '开工前到物业办理装修登记并交押金，施工时间为工作日8:00-12:00和14:00-18:00。' },
    { id: 'access', questions: ['门禁卡丢了怎么补办', '访客怎么进小区'], answer: '门禁卡补办工本费20元；访客在门岗登记或由业主在App生成访客码。' },
  ]),
  car: compile([
    { id: 'interval', questions: ['保养多久做一次', '多少公里需要保养'], answer: '一般每5000-10000公里或半年保养一次，以保养手册为准。' },
    { id: 'service-price', questions: ['保养多少钱', '小保养收费标准'], answer: '小保养含机油机滤，398元起；大保养另加空滤、空调滤，698元起。' },
    { id: 'book', questions: ['怎么预约保养', '可以预约维修吗'], answer: '在公众号“预约服务”选择门店和时间，到店免排队。' },
    { id: 'inspection', questions: ['可以代办年检吗', '年检需要带什么'], answer: '可以代办年检，服务费150元，请带行驶证和交强险保单。' },
    { id: 'tyre', questions: ['补胎收费吗', '轮胎扎了怎么办'], answer: '普通补胎30元，蘑菇钉补胎60元；侧面鼓包需更换轮胎。' },
  ]),
  travel: compile([
    { id: 'included', questions: ['跟团游包含哪些费用', '团费包括什么'], answer: '团费含往返交通、住宿、景点首道门票和导游服务，不含个人消费。' },
    { id: 'meeting', questions: ['集合地点在哪里', '几点集合'], answer: '出发前一天导游会短信通知集合时间和地点。' },
    { id: 'cancel', questions: ['报名后可以退团吗', '退团怎么扣费'], answer: '出发前30天以上退团全退；7-29天扣团费20%；7天内扣50%。' },
    { id: 'visa', questions: ['签证怎么办理', '需要护照吗'], answer: '出境团需护照有效期6个月以上，签证由我们代办，材料清单见订单页。' },
  ]),
  education: fixture('education'),
  ecommerce: fixture('ecommerce'),
  food: fixture('food'),
  telecom: fixture('telecom'),
  booking: fixture('booking'),
};
type Business = keyof typeof kbs;
const zoneOf = (business: Business, text: string) => {
  const d = understandMessage(kbs[business], text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

// Per behaviour, the long messages that show it: [business, expected entry, message].
const STORIES: Record<string, [Business, string, string][]> = {
  'the concepts the telling clauses name are evidence for the entry that explains them': [
    ['ecommerce', 'ec-damaged-item', '前天收到你们寄来的台灯，拆开一看灯罩裂了一道缝，底座也摔歪了，这个怎么处理，能换吗'],
    ['property', 'repair', '我家厨房水管从昨天晚上开始一直在漏水，楼下邻居都上来敲门了，我老公出差不在家，这个怎么处理，能派人来修吗'],
    ['booking', 'bk-reschedule', '我上周在你们那约了这周六上午洗牙，结果公司临时安排我周六加班，去不了了，能不能改到下周'],
    ['car', 'service-price', '我的车是前年买的，已经开了快两万公里了，上次保养是去年三月在你们店做的，这次保养大概要多少钱'],
  ],
  '"A 还是 B" in a story asks each side of the remedy the story is about, not for an entry listing both': [
    ['education', 'edu-makeup', '我儿子周六的数学课因为发烧没去上，老师说可以补，但是他下周六也要去医院复查，这种情况能补课吗还是只能看回放'],
    ['travel', 'cancel', '我们一家三口报了下个月的云南六日游，孩子学校突然要补课去不了了，离出发还有十天，现在退团要扣多少钱'],
  ],
  'asks joined in clauses are read each with the story: one no entry answers does not sink the other': [
    ['food', 'fd-delivery-fee', '我家离你们店大概三公里，上回点了四十多块的单子收了五块配送费，今天又点了一单收了七块，你们这个到底是按什么标准收的，满多少能免配送费'],
    ['ecommerce', 'ec-return-shipping-fee', '上周买的运动鞋穿着有点挤脚，想退掉换别的牌子，之前在别家退货都是商家出运费，你们家是怎么规定的，退货运费由谁承担'],
    ['property', 'fee', '我家上个月交的物业费比去年多了两百多，邻居家一样大的房子却没涨，你们这个钱到底是怎么算的，物业费收费标准是多少'],
    ['booking', 'bk-cancel', '我本来约了明天上午十点拔智齿，结果单位临时安排我出差一周，只能先不去了，你们这边一般是怎么弄的，取消预约收费吗'],
  ],
  'times, people, places and amounts of the background never decide against the entry': [
    ['property', 'access', '我妈昨天下楼买菜把门禁卡弄丢了，她七十多岁了进出全靠它，现在只能等保安开门，门禁卡丢了怎么补办，要多少钱'],
    ['travel', 'visa', '我们一家三口想报你们下个月的日本团，我女儿今年5岁还没有护照，签证怎么办理，小孩也需要护照吗'],
    ['food', 'fd-cancel-order', '中午十一点半在小程序下的单，刚下完公司就通知下午要出去开会，饭肯定来不及吃了，下单后怎么取消订单，钱多久退回来'],
    ['booking', 'bk-late', '我约的今天下午三点洗牙，现在在地铁上，前面出了故障停了二十分钟，估计要迟到半小时，迟到了还能看吗'],
  ],
};
// Per way a story misses, long messages sharing a word with an entry that must go to a person: [business, message].
const NEAR_MISSES: Record<string, [Business, string][]> = {
  'when what it asks is not an entry': [
    ['ecommerce', '上个月在你们这买的杯子，我自己洗的时候不小心摔碎了，手还划了个口子，你们知道附近哪有卖创可贴的吗'],
    ['ecommerce', '快递到了我不在家，快递员放在门卫那里了，门卫说没看到，我想投诉这个快递员，他的工号是多少'],
    ['food', '上次点了你们家的酸菜鱼，汤洒了一点不过挺好吃的，我朋友也想学着做，这道菜的做法能教一下吗'],
    ['telecom', '上周宽带断了你们师傅来修好了，师傅人很好还帮我把路由器摆好了，我想给他送面锦旗，他叫什么名字'],
    ['booking', '我女儿今年5岁，最近老说牙疼，下周学校要体检，体检表上要填过敏史，这个表你们能帮忙填吗'],
    ['property', '上个月交了物业费，今天在小区门口被一辆电动车撞了，腿上擦破了皮，附近哪个医院能看骨科'],
    ['car', '上次来你们店补胎，休息区的咖啡挺好喝的，我想问一下那个咖啡豆是哪里买的'],
    ['travel', '我们报了下个月的团，我女儿今年5岁，她坐车容易晕，有什么好用的晕车药推荐吗'],
  ],
  'when it asks 怎么处理 of a story no entry is about': [
    ['education', '我儿子在你们这学了半年编程，最近在学校跟同学打架被老师批评了，我很头疼，这个怎么处理'],
    ['car', '我的车上周在你们店做的保养，开回家路上被人追尾了，对方全责，交警让我找保险公司，这个怎么处理'],
    ['food', '昨天点了你们家外卖，骑手送餐的时候把我家门口的花盆碰倒了，摔碎了，这个怎么处理'],
    ['booking', '我上次在你们那洗完牙，回家路上在地铁站摔了一跤，膝盖肿了，这个怎么处理'],
    ['travel', '上周跟你们团去云南，回来以后我妈就一直咳嗽，去医院说是肺炎，这个怎么处理'],
    ['telecom', '上个月在营业厅办的宽带，装宽带的师傅把我家墙上的瓷砖打裂了，我拍了照片，这个怎么处理'],
  ],
  'when each of its asks is something else, though one names a word of an entry': [
    ['education', '我家孩子在你们这学英语，她班上有个同学老是欺负她，你们老师知道这个事吗，能不能给她换个班'],
    ['telecom', '我妈的手机号用了十几年了，最近老有骚扰电话打进来，一天好几个，能帮我查一下是谁打的吗，能拉黑吗'],
    ['ecommerce', '我上周买了一件外套，穿着挺合适的，想再买一条同款的裤子，你们有没有实体店，满多少能包邮'],
    ['property', '我们小区楼下的快递柜老是满的，快递员就把东西放门口，好几次都丢了，快递柜是谁装的，能多装几个吗'],
    ['travel', '我们上次跟团去云南，导游带我们去了一个玉石店，我在里面花了五千多买了个镯子，回来一鉴定是假的，能帮我退吗，导游的电话是多少'],
    ['car', '我的车今年三月刚做过保养，开了五千多公里，最近想换个颜色贴个膜，你们店能贴吗，大概多少钱'],
    ['food', '我们公司下个月要办年会，大概有八十个人，想找个能唱歌的场地，你们店能包场吗，有没有音响设备'],
  ],
};

describe('where a message parts into clauses', () => {
  it('punctuation and a space between Chinese words part clauses; the enumeration comma lists inside one', () => {
    expect(splitClauses('今天点了宫保鸡丁、两份米饭，骑手送来少了一份')).toEqual(['今天点了宫保鸡丁、两份米饭', '骑手送来少了一份']);
    expect(splitClauses('我住城西那边 你们能送过来不～能的话：几点到？')).toEqual(['我住城西那边', '你们能送过来不', '能的话', '几点到']);
    expect(splitClauses('how long is the warranty')).toEqual(['how long is the warranty']);
  });
});

describe('a story decided on its gist', () => {
  for (const [title, cases] of Object.entries(STORIES)) {
    it(title, () => {
      for (const [business, expected, text] of cases) expect(zoneOf(business, text), `${business}: ${text}`).toBe(expected);
    });
  }
});

describe('a long story sharing a word with an entry, asking something else, is handed to a person', () => {
  for (const [title, cases] of Object.entries(NEAR_MISSES)) {
    it(title, () => {
      for (const [business, text] of cases) expect(zoneOf(business, text), `${business}: ${text}`).toBe('fallback');
    });
  }
});

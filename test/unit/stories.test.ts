import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { questionPart } from '../../src/engine/understanding/policy';
import { KnowledgeSchema } from '../../src/rules/config';

// A furniture shop that delivers and installs, as its operator would write the entries; none of
// the labelled splits asks it.
const furniture = compileUnderstanding(
  [
    { id: 'delivery-date', questions: ['可以修改送货时间吗', '送货日期能改吗'], answer: '送货前一天18点前可在订单页修改送货日期，可改期一次。' },
    { id: 'damaged', questions: ['收到家具有破损怎么办', '商品磕碰如何处理'], answer: '签收后48小时内拍照提交售后，核实后免费补发配件或上门维修，严重的可换新。' },
    { id: 'install', questions: ['是否提供上门安装', '安装收费吗'], answer: '家具均含免费送货上门安装，师傅会在送货当天装好。' },
    { id: 'range', questions: ['你们送货范围是哪里', '偏远地区能送吗'], answer: '本市五环内免费送货，五环外按距离加收运费。' },
    { id: 'warranty', questions: ['家具保修多久', '保修范围有哪些'], answer: '整体保修3年，五金件保修1年，人为损坏不在保修范围。' },
    { id: 'return', questions: ['不满意可以退货吗', '退货要收费吗'], answer: '签收7天内未安装可无理由退货，已安装的扣除安装费。' },
    { id: 'refund-time', questions: ['退款多久到账', '退款处理时间是多久'], answer: '仓库收到退货后3个工作日内原路退款。' },
  ].map((e) => KnowledgeSchema.parse(e)),
);
// An app with games (the knowledge base test/unit/lexicon-trades.test.ts asks).
const apps = compileUnderstanding(
  (JSON.parse(readFileSync(new URL('../fixtures/understanding/kb-apps.json', import.meta.url), 'utf8')) as unknown[]).map((e) => KnowledgeSchema.parse(e)),
);
const education = compileUnderstanding(
  (JSON.parse(readFileSync(new URL('../fixtures/understanding/kb-education.json', import.meta.url), 'utf8')) as unknown[]).map((e) => KnowledgeSchema.parse(e)),
);
const zoneOf = (text: string, u = furniture) => {
  const d = understandMessage(u, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe('the clauses of a message', () => {
  it('a story of three clauses or more is asked in the clauses holding a question', () => {
    expect(questionPart('上周买的餐桌，今天送到了，桌腿掉漆了，能换吗')).toBe('能换吗');
    expect(questionPart('桌腿掉漆了，能换吗')).toBeUndefined();
  });

  it('two clauses are context and a question when the first does not ask; a space between Chinese words parts clauses', () => {
    expect(questionPart('周五家里没人，送货时间能改吗', 2)).toBe('送货时间能改吗');
    expect(questionPart('我住城南开发区那边 你们能送过来吗', 2)).toBe('你们能送过来吗');
    // Two questions are not context and question.
    expect(questionPart('保修多久，能上门修吗', 2)).toBeUndefined();
    // Spaces between Latin words part nothing.
    expect(questionPart('how long is the warranty', 2)).toBeUndefined();
  });
});

describe('stories around one question', () => {
  it('the question told after a clause of context is answered', () => {
    expect(zoneOf('原本约的这周五送货，结果公司临时让我出差，周五家里没人，送货时间能改吗')).toBe('delivery-date');
    expect(zoneOf('我住城南开发区那边 你们能送过来吗')).toBe('range');
    expect(zoneOf('好久没登了密码想不起来了 怎么弄', apps)).toBe('app-password');
  });

  it('a story is decided on its gist: the asking clauses and the concepts the telling clauses name', () => {
    const lock = compileUnderstanding(
      [
        { id: 'offline', questions: ['门锁离线怎么办', '门锁连不上网络如何处理'], answer: '请先拔掉电池重新装上，再在App里重新配网；仍离线请提交报修，师傅24小时内上门。' },
        { id: 'battery', questions: ['门锁电池能用多久', '低电量提醒怎么办'], answer: '4节5号电池约可用8个月，低电量提醒后请一周内更换。' },
        { id: 'install', questions: ['门锁安装收费吗', '如何预约上门安装'], answer: '购买即含免费安装，在App里预约上门时间。' },
      ].map((e) => KnowledgeSchema.parse(e)),
    );
    expect(zoneOf('从昨天晚上开始门锁就连不上网络了，手机App上一直显示离线，我拔了电池重新装也没用，家里老人进出都靠它，能不能赶紧派人来看看', lock)).toBe('offline');
    expect(zoneOf('我儿子今年才十二岁，拿我手机偷偷在你们游戏里充了两千多，我是今天看银行短信才发现的，这钱能退回来吗', apps)).toBe('game-minor');
  });

  it('a clause of context holding a word of its own is part of the question, not circumstance', () => {
    for (const text of ['我想考驾照，你们能报名吗', '手机进水开不了机了，能修吗']) {
      expect(zoneOf(text, education), text).toBe('fallback');
      expect(zoneOf(text, apps), text).toBe('fallback');
    }
  });

  it('a question that says nothing of its own (怎么处理, 能补吗) is never answered alone: the story says what it is about', () => {
    // Alone, 这个怎么处理 would take whichever entry asks 如何处理.
    for (const text of ['我邻居装修天天砸墙，吵得孩子睡不着觉，物业也不管，这个怎么处理', '楼下的车把我家门口堵了一上午，打电话也不接，你们能帮忙吗']) {
      expect(zoneOf(text), text).toBe('fallback');
    }
    expect(zoneOf('我昨天晚上十一点多在游戏里充了648，微信那边钱已经扣了，到现在都快一天了钻石一个都没到，怎么回事啊', apps)).not.toBe('game-items');
  });
});

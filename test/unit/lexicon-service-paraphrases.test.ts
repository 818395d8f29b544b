import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { KnowledgeSchema } from '../../src/rules/config';
import { analyze, DEFAULT_CHANNELS } from '../../src/engine/understanding/analyze';
import { lexicon, meet } from './support/concepts';
import { answerOf } from './support/answers';

// A clinic's and an appliance shop's customers say an entry's idea in their own words: the act
// (电话订, 押钱), the worry (好怕), the wish (湿擦地, 调冷热), the situation (下了班, 开车过去).

describe('a service customer\'s words for an entry\'s idea', () => {
  const cases: [customer: string, operator: string, meets: boolean][] = [
    ['电话订行吗', '如何预约', true],
    ['时间往前提一提', '预约后能否改期', true],
    // Money held is a deposit held; a clinic's booking deposit reads it by stand-in (setting-change.test.ts).
    ['要押钱吗', '入住要交押金吗', true],
    ['能带去看看吗', '儿童是否可以就诊', true],
    ['我好怕', '是否提供麻醉', true],
    ['下了班能过去吗', '营业时间是什么', true],
    ['城东有你们的店吗', '有哪些门诊分店', true],
    ['开车过去方便吗', '是否有停车位', true],
    ['能白送吗', '购买是否有赠品', true],
    ['坏了还给修吗', '保修范围包括哪些', true],
    ['湿擦一下行吗', '是否支持拖地', true],
    ['能调冷热吗', '吹风机有几档风速', true],
    ['有没有证', '产品有哪些认证', true],
    ['吃啥都酸', '洗牙后牙齿敏感怎么办', true],
    ['拔完出血了', '拔牙后需要注意什么', true],
    ['社保能报吗', '是否可以使用医保卡', true],
    ['有人值班吗', '门诊营业时间是什么', true],
    ['大年初三来行吗', '节假日是否营业', true],
    ['你们开在哪', '门诊地址在哪里', true],
    ['迟个几分钟', '预约迟到怎么办', true],
    ['号撤了吧', '如何取消预约', true],
    ['清洗牙齿', '洁牙收费标准是什么', true],
    // A rental's deposit is no booking's; sucking up dust is no mopping; a pipe is no setting; papers are no certificate.
    ['押金怎么退', '预约是否需要支付订金', false],
    ['吸灰干净吗', '是否支持拖地', false],
    ['冷热水管', '吹风机有几档风速', false],
    ['证件要带吗', '产品有哪些认证', false],
    // A school year is no holiday; a nosebleed is no aftercare.
    ['初三的课', '节假日是否营业', false],
    ['鼻子出血', '拔牙后需要注意什么', false],
  ];
  it.each(cases)('%s ~ %s: %s', (customer, operator, meets) => {
    expect(meet(customer, operator)).toBe(meets);
  });
});

describe('a visit to the dentist is the clinic\'s whole topic', () => {
  const u = compileUnderstanding([
    { id: 'insurance', questions: ['是否可以使用医保卡', '能否使用商业保险支付'], answer: '检查、补牙等基础项目可刷医保卡，美白和种植不在医保范围。' },
    { id: 'hours', questions: ['门诊营业时间是什么', '周末是否营业'], answer: '各门诊每天9:00-20:00营业。' },
    { id: 'extraction-care', questions: ['拔牙后需要注意什么'], answer: '拔牙后咬紧棉球30分钟。' },
  ].map((e) => KnowledgeSchema.parse(e)));
  const answered = (text: string) => answerOf(u, text);

  it('answers what is asked of the visit by the entry on it', () => {
    expect(answered('看牙能走医保吗')).toBe('insurance');
  });
  it('still leaves what no entry says to a person', () => {
    expect(answered('看牙能开消炎药吗')).toBe('fallback');
  });
});

describe('什么价格 and 啥价钱 ask the price, as 啥价位 does', () => {
  const unitsOf = (text: string) => analyze(text, lexicon, { channels: DEFAULT_CHANNELS, pinyin: false }).units.map((u) => u.text);
  it.each(['洗牙啥价格', '这个什么价钱'])('%s leaves no 格 or 钱 of its question word', (text) => {
    expect(unitsOf(text)).not.toContain('格');
    expect(unitsOf(text)).not.toContain('钱');
  });
  it('keeps a price that is told, not asked', () => {
    expect(unitsOf('价格变了')).not.toContain('多少钱');
  });
});

describe('附送, 白送, 加送 and 送点 ask for a gift, not what comes in the box', () => {
  const u = compileUnderstanding([
    { id: 'in-box', questions: ['包装内有哪些配件', '产品包装清单是什么'], answer: '含主机、充电座、2个边刷、1块拖布和说明书。' },
    { id: 'gifts', questions: ['购买是否有赠品', '赠品包含哪些内容'], answer: '购买净水器赠PP棉滤芯一支，送完即止。' },
  ].map((e) => KnowledgeSchema.parse(e)));
  const answered = (text: string) => answerOf(u, text);
  it.each(['下单附送滤芯吗', '能白送点啥不', '多送个滤芯吗'])('%s → gifts', (text) => {
    expect(answered(text)).toBe('gifts');
  });
  it('keeps 送 of a thing as what comes in the box', () => {
    expect(answered('送边刷吗')).toBe('in-box');
  });
});

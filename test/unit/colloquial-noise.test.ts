/**
 * Noise around a WeChat question: spoken tags and words for "thing", light verbs of motion,
 * chat openers and net slang must neither decide nor block an answer; near misses wrapped in
 * the same noise still fall back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../src/rules/config';
import { compileUnderstanding } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { smallTalkKind } from '../../src/engine/understanding/smalltalk';
import { runOnClauses } from '../../src/engine/understanding/run-on';
import { splitClauses } from '../../src/engine/understanding/clauses';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

const fixture = (trade: string) => JSON.parse(readFileSync(new URL(`../fixtures/understanding/kb-${trade}.json`, import.meta.url), 'utf8')) as KnowledgeEntry[];
const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const appliances = compileUnderstanding(knowledgeBase('presales'));
const clinic = compileUnderstanding(knowledgeBase('booking'));
const school = compileUnderstanding(fixture('education'));

const decide = (u: ReturnType<typeof compileUnderstanding>, text: string) => answerOf(u, text);

describe('noise around the question', () => {
  it('木有 ending a clause is the tag of 有X木有, wherever it stands; inside a word it stays', () => {
    expect(fold('有发票木有')).toBe('有发票没有');
    expect(fold('有回放木有？')).toBe('有回放没有?');
    expect(fold('实木有味道吗')).toBe('实木有味道吗');
    expect(decide(school, '直播课有回放木有')).toBe('edu-replay');
    expect(decide(shop, '有实木有的桌子卖吗')).toBe('fallback');
  });

  it('这玩意儿 is "this thing": the question is what is asked of it', () => {
    expect(decide(appliances, '这玩意儿保修多久')).toBe('ps-warranty');
    expect(decide(appliances, '这玩意儿能带上飞机吗')).toBe('fallback');
  });

  it('a light verb and where it goes (带去, 拿来) is as light as the verb; the place it goes to is not', () => {
    expect(decide(clinic, '孩子5岁了 能带去看牙不')).toBe('bk-children');
    expect(decide(appliances, '带去美国用电压行不行')).toBe('fallback');
  });

  it('asking whether one has eaten opens a chat; a question about eating is no small talk', () => {
    expect(smallTalkKind('吃了吗')).toBe('greeting');
    expect(smallTalkKind('亲 吃饭了没')).toBe('greeting');
    expect(smallTalkKind('拔牙后多久能吃饭')).toBeUndefined();
    expect(decide(clinic, '拔完牙啥时候能吃饭了')).toBe('bk-aftercare-extraction');
  });

  it('net slang for being unable to hold it in (蚌埠住了) is a feeling, not content', () => {
    expect(decide(shop, '钱扣了订单还显示没付款 蚌埠住了')).toBe('ec-paid-but-unpaid');
    expect(decide(shop, '蚌埠住了 你们仓库在哪个城市')).toBe('fallback');
  });

  it('a long run typed without punctuation is parted where a clause ends: after a particle, a closing 了, before a turn or a yes-or-no frame', () => {
    expect(runOnClauses('我特别怕疼上次补牙疼得直冒汗你们这边会打麻药吗有没有无痛的')).toBe('我特别怕疼,上次补牙疼得直冒汗,你们这边会打麻药吗,有没有无痛的');
    // Aspect 了 before a count or a particle, a word like 了解, and a short or punctuated text stay as they are.
    expect(runOnClauses('我想了解一下买了两件衣服的话能不能再给我便宜点儿')).toBe('我想了解一下买了两件衣服的话,能不能再给我便宜点儿');
    expect(runOnClauses('发票抬头开错了能重开吗')).toBe('发票抬头开错了能重开吗');
    expect(runOnClauses('我周一付款了，现在都周四了物流还没动静能不能催一下')).toBe('我周一付款了，现在都周四了物流还没动静能不能催一下');
    expect(decide(clinic, '我特别怕疼上次在别的地方补牙疼得我直冒汗这次要做根管治疗你们这边会打麻药吗有没有那种无痛的')).toBe('bk-pain');
    expect(decide(shop, '退货寄回去三天了你们仓库早就签收了钱还没退回来是不是要等很久')).toBe('ec-refund-time');
  });

  it('a near miss typed as a run stays refused', () => {
    expect(decide(shop, '我上周买的衣服收到了发现发票抬头开错了能不能给我重新开一张')).toBe('fallback');
  });

  it('a clause of small talk or fillers alone (…，谢谢啦; 急急急) is no clause: a near miss before it stays refused', () => {
    expect(splitClauses('快递盒子被压烂了 谢谢啦~')).toEqual(['快递盒子被压烂了']);
    expect(splitClauses('在吗在吗 急急急')).toEqual([]);
    expect(decide(shop, '快递员态度好差，我要投诉他 谢谢啦~')).toBe('fallback');
    expect(decide(shop, '发票怎么开 谢谢啦~')).toBe('ec-invoice');
  });

  it('a hesitation while the word is sought (那个啥, 怎么说呢) asks nothing; 那啥时候 still asks when', () => {
    expect(fold('那个啥，我想退货')).toBe('那个,我想退货');
    expect(fold('怎么说呢 衣服小了')).toBe('那个 衣服小了');
    expect(fold('那啥时候能到')).toBe('那啥时候能到');
    expect(decide(shop, '嗯嗯那个啥就是说不想要了，东西该怎么寄回去')).toBe('ec-how-to-return');
  });

  it('a polite wrapper names no conduct: 请问下下 before 尺码偏小吗 is no 下 of an exchange entry; the exchange itself still answers', () => {
    expect(decide(shop, '请问下下 这双鞋尺码偏小吗')).toBe('fallback');
    expect(decide(shop, '请问下下 鞋子尺码小了能换大一码吗')).toBe('ec-exchange');
  });
});

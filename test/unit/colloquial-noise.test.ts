/**
 * Noise around a WeChat question: spoken tags and words for "thing", light verbs of motion,
 * chat openers and net slang must neither decide nor block an answer; near misses wrapped in
 * the same noise still fall back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../src/rules/config';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { smallTalkKind } from '../../src/engine/understanding/smalltalk';
import { knowledgeBase } from '../../eval/dataset';

const fixture = (trade: string) => JSON.parse(readFileSync(new URL(`../fixtures/understanding/kb-${trade}.json`, import.meta.url), 'utf8')) as KnowledgeEntry[];
const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const appliances = compileUnderstanding(knowledgeBase('presales'));
const clinic = compileUnderstanding(knowledgeBase('booking'));
const school = compileUnderstanding(fixture('education'));

const decide = (u: ReturnType<typeof compileUnderstanding>, text: string) => {
  const d = understandMessage(u, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

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
});

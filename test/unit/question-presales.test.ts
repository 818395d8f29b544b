/**
 * How a shopper asks about an appliance before buying: a difference is not a place, a list says how
 * many it holds, and a part changed by oneself is not how often it is changed.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { toldWord } from '../../src/engine/understanding/narrative';
import { questionTypes, specificTypes, typesAgree } from '../../src/engine/understanding/question-type';
import { KnowledgeSchema } from '../../src/rules/config';
import { answerOf } from './support/answers';

describe('pre-sale question shapes', () => {
  it('where two things differ asks what the difference is, not where', () => {
    for (const text of ['X7跟X5差在哪', '两款区别在哪里', '贵的那款好在哪儿']) expect(questionTypes(text), text).not.toContain('where');
    for (const text of ['门店在哪', '滤芯在哪里买']) expect(questionTypes(text), text).toContain('where');
  });

  it('a list answers how many it holds', () => {
    expect(typesAgree(['count'], specificTypes(['which']))).toBe(true);
    expect(typesAgree(['count'], specificTypes(['price']))).toBe(false);
  });

  it('the night and the day are told, as the evening is', () => {
    for (const word of ['夜里', '深夜', '白天']) expect(toldWord(word, word, 0), word).toBe(true);
  });

  const u = compileUnderstanding(
    [
      { id: 'in-box', questions: ['包装内有哪些配件', '产品包装清单是什么'], answer: '含主机、充电座、2个边刷、1块拖布和说明书。' },
      { id: 'models', questions: ['不同型号有什么区别', '应该选择哪款型号'], answer: 'X7为激光导航并带自动集尘座，X5为陀螺仪导航。' },
      { id: 'filter', questions: ['净水器滤芯多久更换', '净水器滤芯价格是多少'], answer: 'PP棉滤芯建议每6个月更换一次，售价59元。' },
      { id: 'mop', questions: ['扫地机器人是否支持拖地', '扫拖一体功能如何使用'], answer: '支持扫拖一体，可调节三档出水量。' },
    ].map((e) => KnowledgeSchema.parse(e)),
  );
  const zoneOf = (text: string) => answerOf(u, text);

  it('answers the shopper’s own words for the entry’s question', () => {
    expect(zoneOf('买扫地机配几个边刷')).toBe('in-box');
    expect(zoneOf('X7跟X5差在哪')).toBe('models');
    expect(zoneOf('扫地机能顺便把地拖了吗')).toBe('mop');
  });

  it('changing a part oneself is not how often it is changed', () => {
    expect(zoneOf('滤芯要怎么自己换')).not.toBe('filter');
  });
});

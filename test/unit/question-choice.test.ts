import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { questionTypes } from '../../src/engine/understanding/question-type';
import { KnowledgeSchema } from '../../src/rules/config';
import { answerOf } from './support/answers';

// "A 还是 B": the customer offers the answers and asks which holds. A trade nobody tuned on, as its operator would write it.
const car = compileUnderstanding(
  [
    { id: 'tyre', questions: ['补胎收费吗', '轮胎扎了怎么办'], answer: '普通补胎30元，蘑菇钉补胎60元；侧面鼓包需更换轮胎。' },
    { id: 'pickup', questions: ['保养要多久才能取车', '保养需要多长时间'], answer: '小保养约1小时，大保养约3小时，当天即可取车。' },
    { id: 'towing', questions: ['道路救援拖车费由谁承担', '拖车要钱吗'], answer: '保修期内故障拖车免费，事故拖车费用由保险公司承担。' },
    { id: 'wash', questions: ['保养送洗车吗', '洗车多少钱'], answer: '每次保养免费洗车一次，单独洗车35元。' },
  ].map((e) => KnowledgeSchema.parse(e)),
);
const answered = (text: string) => answerOf(car, text);

describe('a choice question (A 还是 B)', () => {
  it('asks who between people and when between times, besides the choice', () => {
    for (const text of ['拖车费是我出还是你们出', '运费是商家承担还是由买家出']) expect(questionTypes(text), text).toEqual(expect.arrayContaining(['who', 'choice']));
    for (const text of ['是马上到账还是要等一会', '当月生效还是下个月']) expect(questionTypes(text), text).toEqual(expect.arrayContaining(['when', 'choice']));
    expect(questionTypes('要红色还是蓝色')).toEqual(['choice']);
  });

  it('is answered by the entry asking yes or no, who, or how long of it, when it meets one side', () => {
    expect(answered('补胎是免费的还是要收钱的')).toBe('tyre');
    expect(answered('拖车费是我出还是你们出')).toBe('towing');
    expect(answered('做个保养是当天就能取车还是要等')).toBe('pickup');
  });

  it('is no answer when neither side is what an entry says', () => {
    expect(answered('你们的修车师傅是男的还是女的')).not.toMatch(/tyre|pickup|towing|wash/);
    expect(answered('洗车用的是清水还是洗车液')).not.toBe('wash');
  });
});

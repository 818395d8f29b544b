import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

// A clinic's near misses: goods named beside an appointment's act are no visit (one books, moves or
// cancels a visit, not an alarm clock), and removable dentures are another prosthesis than an implant.
const clinic = compileUnderstanding(knowledgeBase('booking'));
const decide = (text: string) => answerOf(clinic, text);

describe('goods beside an appointment act', () => {
  it.each(['帮我取消一下明天的闹钟', '帮我取消明天的咖啡机'])('%s is not answered', (text) => {
    expect(decide(text)).not.toMatch(/^bk-/);
  });
  it.each([
    ['帮我取消一下明天的预约', 'bk-cancel'],
    ['我想取消预约', 'bk-cancel'],
  ])('%s is still %s', (text, id) => {
    expect(decide(text)).toBe(id);
  });
});

describe('dentures are no implant', () => {
  it.each(['全口假牙多少钱', '活动义齿大概多少钱'])('%s is not the implant price', (text) => {
    expect(decide(text)).not.toBe('bk-implant-price');
  });
  it.each(['种牙多少钱', '镶假牙多少钱'])('%s is still the implant price', (text) => {
    expect(decide(text)).toBe('bk-implant-price');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { KnowledgeSchema } from '../../src/rules/config';
import { answerOf } from './support/answers';

// A pet owner names the animal in whatever they ask (狗狗, 猫咪): to a pet business it is the
// occasion, not a word the answer must explain; each procedure (a bath, a stay) is its own class.
const fixture = (name: string) => z.array(KnowledgeSchema).parse(JSON.parse(readFileSync(new URL(`../fixtures/understanding/kb-${name}.json`, import.meta.url), 'utf8')));
const pet = compileUnderstanding(fixture('pet'));
const dental = compileUnderstanding(fixture('booking'));
const answered = (u: typeof pet, text: string) => answerOf(u, text);

describe('pet owners', () => {
  it.each([
    ['狗狗多长时间要打一次虫', 'pet-deworming'],
    ['洗猫贵不贵呀', 'pet-grooming-price'],
    // The invoice entry names no animal: the business's trade (most of its entries speak of pets) makes 猫咪 its occasion.
    ['猫咪看病能开发票吗', 'pet-payment-invoice'],
    // What ails the animal, beside an appointment's question, is the visit's occasion.
    ['猫咪打喷嚏怎么挂号', 'pet-appointment'],
  ])('a pet business reads %s', (text, id) => expect(answered(pet, text)).toBe(id));

  it.each([
    [pet, '我被狗咬了，人打狂犬疫苗多少钱'],
    [dental, '狗狗洗牙多少钱'],
    [dental, '能带狗狗去吗'],
    [pet, '宠物店洗澡多少钱'],
    [pet, '猫咪打喷嚏寄养能收吗'],
  ])('refuses a near miss: %s', (u, text) => expect(understandMessage(u, text).zone).not.toBe('answer'));
});

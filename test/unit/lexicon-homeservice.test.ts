/**
 * A home-services platform's customers (cleaning, repairs, moving, nannies, locks): the person sent
 * to the home, checks on that person, work done again, what a service holds, the call-out fee, and
 * the near misses they must still refuse.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { analyze } from '../../src/engine/understanding/analyze';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

const platform = compileUnderstanding(knowledgeBase('homeservice'));
const decide = (text: string) => answerOf(platform, text);
const concepts = (text: string) => analyze(text, platform.index.lexicon, platform.index.options).units.map((u) => u.concept);

describe('trade-neutral readings', () => {
  it('what a service or package holds is asked of the entry that lists it', () => {
    expect(concepts('套餐包括什么')).toContain('ask.contents');
    expect(decide('深度保洁都包括些什么')).toBe('hs-deep-cleaning');
  });

  it('work done again is the guarantee, not a new fault', () => {
    expect(concepts('能不能重新做')).toContain('aftersales.redo');
    expect(decide('不满意能返工吗')).toBe('hs-redo-guarantee');
  });

  it('checks on the person sent are a facet of the business being qualified', () => {
    expect(concepts('查过犯罪记录吗')).toContain('store.qualification_vetting');
    expect(decide('师傅有没有查过犯罪记录')).toBe('hs-worker-vetting');
  });

  it('上门收费 is the call-out fee; a parcel collected at the door stays a pickup', () => {
    expect(decide('上门收费吗')).toBe('hs-repair-fee');
    expect(concepts('快递能上门收吗')).toContain('returns.pickup');
  });

  it('paying before or after the work is a question of its own, not a way to pay', () => {
    expect(concepts('可以做完再付吗')).toContain('payment.timing');
    expect(decide('要先付钱吗')).toBe('hs-payment');
    expect(concepts('付款方式有哪些')).not.toContain('payment.timing');
  });
});

describe('a home-services platform', () => {
  it('reads 阿姨 as the staff sent, a nanny, a lock-out, who answers for damage and cleaning borrowed in English', () => {
    expect(concepts('阿姨几点到')).toContain('booking.staff');
    expect(decide('想请个住家阿姨')).toBe('hs-nanny-maternity');
    expect(decide('钥匙锁屋里了咋办')).toBe('hs-lock-service');
    expect(concepts('门弄坏了谁负责')).toContain('returns.compensation');
    expect(decide('油烟机cleaning多少钱')).toBe('hs-appliance-cleaning');
  });

  it('refuses a chore no entry offers, and a health certificate the customer wants for herself', () => {
    expect(decide('保洁阿姨能帮忙接孩子放学吗')).toBe('fallback');
    expect(decide('我自己想办健康证去哪办')).toBe('fallback');
  });
});

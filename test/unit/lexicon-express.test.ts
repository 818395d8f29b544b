/**
 * A parcel-delivery company's own customers: sending, pickup by the courier, packing, prohibited
 * goods, a sender's monthly account, cash on delivery, a damaged parcel and where it was left —
 * with the near misses (a shop's own policy, another courier) they must still refuse.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding } from '../../src/engine/understanding';
import { analyze } from '../../src/engine/understanding/analyze';
import { knowledgeBase } from '../../eval/dataset';
import { answerOf } from './support/answers';

const courier = compileUnderstanding(knowledgeBase('express'));
const decide = (text: string) => answerOf(courier, text);
const concepts = (text: string) => analyze(text, courier.index.lexicon, courier.index.options).units.map((u) => u.concept);

describe('a parcel-delivery company', () => {
  it('reads a courier called to collect a parcel as a pickup', () => {
    expect(concepts('叫个快递员过来收件')).toContain('returns.pickup');
    expect(decide('叫个快递员过来收件咋弄')).toBe('ex-send-order');
  });

  it('reads the carrier\'s packing (纸箱, 气泡膜) as packaging', () => {
    expect(concepts('纸箱要钱吗')).toContain('logistics.packing');
    expect(decide('纸箱要钱吗')).toBe('ex-packaging');
  });

  it('reads what may not be sent, a monthly account and cash on delivery', () => {
    expect(decide('什么东西禁止寄')).toBe('ex-prohibited');
    expect(concepts('月结账户怎么开')).toContain('logistics.monthly_account');
    expect(concepts('代收货款多久到账')).toContain('payment.cod');
  });

  it('reads 直接送到家 as a door delivery, not a shuttle cut out of 直接送', () => {
    expect(concepts('直接送到家')).toContain('delivery.door');
    expect(concepts('直接送到家')).not.toContain('hotel.shuttle');
    expect(decide('能不能别放菜鸟驿站，直接送到家')).toBe('ex-station-locker');
  });

  it('reads a parcel left in a locker and a parcel damaged', () => {
    expect(decide('为啥没送上门直接丢柜子里了')).toBe('ex-station-locker');
    expect(concepts('快件损坏')).toContain('delivery.package_damaged');
  });

  it('still refuses a shop\'s own return policy and another courier\'s number', () => {
    expect(decide('我在网店买的衣服不合适，七天无理由怎么退')).not.toMatch(/^ex-/);
    expect(decide('顺丰的客服电话多少')).not.toMatch(/^ex-/);
    expect(decide('驿站加盟要多少钱')).not.toMatch(/^ex-/);
  });
});

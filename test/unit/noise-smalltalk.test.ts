/**
 * The noise around a customer's question (WeChat's emoji, addressing the agent, spoken particles,
 * fillers) costs no answer, and a message of noise alone is small talk.
 */
import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { fold } from '../../src/engine/understanding/fold';
import { smallTalkKind } from '../../src/engine/understanding/smalltalk';
import { knowledgeBase } from '../../eval/dataset';

const shop = compileUnderstanding(knowledgeBase('ecommerce'));
const answer = (text: string) => {
  const d = understandMessage(shop, text);
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

describe("WeChat's emoji", () => {
  it('are dropped by name in brackets and by /: code, traditional names too; other bracketed text stays', () => {
    expect(fold('[捂脸]我的快递到哪了[抱拳]')).toBe('我的快递到哪了');
    expect(fold('[Facepalm]退款[流淚][流淚]')).toBe('退款');
    expect(fold('/::)优惠券怎么用/:,@P')).toBe('优惠券怎么用');
    expect(fold('/::~退货')).toBe('退货');
    expect(fold('[订单号]123456')).toBe('[订单号]123456');
    expect(fold('1/2的价格')).toBe('1/2的价格');
  });

  it('cost no answer', () => {
    expect(answer('[微笑]怎么退货')).toBe('ec-how-to-return');
    expect(answer('退款多久到账[流泪][流泪]')).toBe('ec-refund-time');
    expect(answer('/::)优惠券怎么用')).toBe('ec-coupon');
  });

  it('alone are small talk of the kind they show, an acknowledgement otherwise', () => {
    expect(smallTalkKind('[捂脸]')).toBe('ack');
    expect(smallTalkKind('[强][强]')).toBe('ack');
    expect(smallTalkKind('/:,@P')).toBe('ack');
    expect(smallTalkKind('[抱拳]')).toBe('thanks');
    expect(smallTalkKind('🙏')).toBe('thanks');
    expect(smallTalkKind('[再见]')).toBe('goodbye');
    expect(smallTalkKind('[发怒][发怒]')).toBe('complaint_emotion');
    expect(smallTalkKind('😡')).toBe('complaint_emotion');
    expect(smallTalkKind('[玫瑰]')).toBe('praise');
    expect(smallTalkKind('谢谢[抱拳]')).toBe('thanks');
    expect(smallTalkKind('[订单号]')).toBeUndefined();
    expect(smallTalkKind('？？')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { compileUnderstanding, understandMessage } from '../../src/engine/understanding';
import { KnowledgeSchema } from '../../src/rules/config';

// Near misses of trades no eval split is drawn from (an app, a training school, a gym), each family
// refused by a rule read from the message's shape, and the in-scope questions beside them that the
// same rule must still answer.
const kb = (entries: [string, string[], string][]) => compileUnderstanding(entries.map(([id, questions, answer]) => KnowledgeSchema.parse({ id, questions, answer })));
const zoneOf = (u: ReturnType<typeof kb>) => (text: string) => {
  const d = understandMessage(u, text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};

const app = zoneOf(
  kb([
    ['topup', ['充值未到账怎么办', '充值成功但是没有到账'], '充值一般即时到账，超过30分钟未到账请提供订单截图联系客服补发。'],
    ['refund', ['充值可以退款吗', '误充值能退吗'], '虚拟商品充值成功后原则上不退；误充且未消费的，7天内可申请退款。'],
    ['password', ['忘记密码怎么办', '如何修改密码'], '在登录页点“忘记密码”，通过绑定手机号接收验证码重置。'],
  ]),
);

describe('another business’s kind of the entry’s thing', () => {
  it('is not the entry’s where a term of a topic the business never speaks of stands before the entry’s word', () => {
    expect(app('话费充值没到账怎么办')).toBe('fallback');
    expect(app('支付密码忘了怎么办')).toBe('fallback');
  });

  it('is still the entry’s where the business speaks of it, or the word is its own', () => {
    expect(app('充值了一直没有到账')).toBe('topup');
    expect(app('登录密码忘了怎么办')).toBe('password');
    expect(app('密码忘了怎么办')).toBe('password');
  });
});

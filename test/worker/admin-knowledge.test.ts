import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, migrate, resetStorage } from './support/admin';

/** POST /admin/api/knowledge/try: the decision on the stable version, with its reasons. */

beforeAll(migrate);
beforeEach(resetStorage);

const doc = {
  knowledge: [
    { id: 'tracking', questions: ['如何查询物流信息', '快递单号在哪里查看'], answer: '在“我的订单”里查看物流。' },
    { id: 'refund-time', questions: ['退款多久到账', '退款处理时间是多久'], answer: '1-3 个工作日原路退回。' },
  ],
};

describe('knowledge/try', () => {
  it('ranks the entry first with its scores and matched terms; a typo is corrected and said', async () => {
    expect((await api('PUT', '/config', { body: doc })).status).toBe(200);
    const r = await api('POST', '/knowledge/try', { body: { text: '快第到哪了' } });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
    expect(r.body.reasons.scores[0].id).toBe('tracking');
    expect(['answer', 'clarify']).toContain(r.body.zone);
    expect(r.body.reasons.corrections).toContain('快第→快递');
  });

  it('falls back on a near miss and says why; small talk is small talk', async () => {
    await api('PUT', '/config', { body: doc });
    const miss = await api('POST', '/knowledge/try', { body: { text: '快递员的工号怎么查' } });
    expect(miss.body).toMatchObject({ zone: 'fallback', reasons: { held: 'near_miss' } });
    // Asking for a number about the courier: the tracking entry's answer states none (so its kind of
    // question is not this one), and it explains neither word, whatever it counts.
    const count = await api('POST', '/knowledge/try', { body: { text: '快递员的工号是多少' } });
    expect(count.body).toMatchObject({ zone: 'fallback', reasons: { held: 'question_type', types: ['quantity'] } });
    expect(count.body.reasons.unexplained).toContain('快递员');
    expect((await api('POST', '/knowledge/try', { body: { text: '谢谢🙏' } })).body).toMatchObject({ zone: 'smalltalk', kind: 'thanks' });
  });

  it('works before any config (nothing to answer) and refuses a bad body with 400', async () => {
    expect((await api('POST', '/knowledge/try', { body: { text: '退款' } })).body).toMatchObject({ zone: 'fallback', version: null });
    for (const body of [{}, { text: '' }, { text: 'x'.repeat(2049) }, { text: 1 }, { text: 'a', extra: true }]) {
      const r = await api('POST', '/knowledge/try', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
  });
});

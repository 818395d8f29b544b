import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../scripts/demo-config';
import { validateConfig } from '../../src/rules/config-validate';
import { DEMO_KF } from '../../src/simulator/defaults';

// `npm start` loads this document through the admin API; a schema change must not break it silently.
describe('the demo config of npm start', () => {
  it('is a valid config document', () => {
    const r = validateConfig(DEMO_CONFIG);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('keeps the seed guide examples and the price → discount context', () => {
    expect(DEMO_CONFIG.tag_rules?.[0]).toEqual({ rule_name: '退货咨询用户', trigger_type: 'message_keyword', keywords: ['退货', '退款', '换货'], action: 'add_tag', tag_name: '售后咨询' });
    expect(DEMO_CONFIG.channels?.[0]).toMatchObject({ code: 'BJ001', name: '北京线下门店', type: 'offline', params: { store_id: 'BJ001', activity: 'summer_sale' }, auto_tag: ['北京用户', '夏季促销'] });
    const discount = DEMO_CONFIG.knowledge?.find((k) => k.questions.includes('有没有优惠'));
    expect(discount?.requires_context).toBe(DEMO_CONFIG.knowledge?.find((k) => k.questions.includes('价格'))?.sets_context);
    expect(DEMO_CONFIG.links?.map((l) => l.open_kfid)).toEqual([DEMO_KF.presale, DEMO_KF.aftersale]);
  });
});

import { describe, expect, it } from 'vitest';
import { adminCorp } from '../../src/wecom/corp';

/** Which corp an admin request may act for, from the caller alone (src/wecom/corp.ts adminCorp). */

const OWN = 'wwown0000000000001';
const B = 'wwcorpb00000000002';
const single = { WECOM_CORP_ID: OWN };
const many = { WECOM_CORP_ID: OWN, WECOM_SUITE_ID: 'wwsuite00000000001' };

describe('adminCorp', () => {
  it('single-corp mode: everyone acts for the own corp; X-Corp-Id may name only it', () => {
    expect(adminCorp(single, null, undefined)).toEqual({ ok: true, corp: { id: OWN, mode: 'single' }, own: true });
    expect(adminCorp(single, OWN, OWN)).toEqual({ ok: true, corp: { id: OWN, mode: 'single' }, own: true });
    expect(adminCorp(single, null, B)).toMatchObject({ ok: false, message: expect.stringContaining(B) });
  });

  it('many-corps mode: the provider picks a corp (the own one by default), a bound caller keeps to its own', () => {
    expect(adminCorp(many, null, undefined)).toEqual({ ok: true, corp: { id: OWN, mode: 'third_party' }, own: true });
    expect(adminCorp(many, null, B)).toEqual({ ok: true, corp: { id: B, mode: 'third_party' }, own: false });
    expect(adminCorp(many, B, undefined)).toEqual({ ok: true, corp: { id: B, mode: 'third_party' }, own: false });
    expect(adminCorp(many, B, B)).toMatchObject({ ok: true });
    expect(adminCorp(many, B, OWN)).toMatchObject({ ok: false });
    expect(adminCorp(many, OWN, B)).toMatchObject({ ok: false });
    expect(adminCorp({ ...many, WECOM_SUITE_ID: 'dk00000000000000a1' }, B, undefined)).toMatchObject({ corp: { id: B, mode: 'customized' } });
  });
});

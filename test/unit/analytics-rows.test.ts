import { describe, expect, it } from 'vitest';
import { analyticsRows } from '../../src/engine/metrics';

const conversation = { open_kfid: 'wkA', external_userid: 'wmB' };

describe('analyticsRows (a timeline event as the rows copied to D1)', () => {
  it('copies an event with a padded id, so same-millisecond events keep timeline order', () => {
    const rows = analyticsRows(conversation, { seq: 9, at: 1000, type: 'intent', data: { intent: 'refund', config_version: 3, variant: 'stable', servicer: 7 } });
    expect(rows).toEqual([
      {
        id: 'wkA:wmB:0000000009',
        at: 1000,
        open_kfid: 'wkA',
        external_userid: 'wmB',
        type: 'intent',
        config_version: 3,
        variant: 'stable',
        servicer: null,
        intent: 'refund',
        data: { intent: 'refund', config_version: 3, variant: 'stable', servicer: 7 },
      },
    ]);
    expect(analyticsRows(conversation, { seq: 10, at: 1000, type: 'x', data: {} })[0]!.id > rows[0]!.id).toBe(true);
  });

  it("expands a shadow event into the candidate's rows, under its version", () => {
    const data = { variant: 'shadow', stable_version: 3, candidate_version: 4, candidate: { answered: false, fallback: false, intent: 'refund', handoff: 'keyword' } };
    const rows = analyticsRows(conversation, { seq: 12, at: 5, type: 'shadow', data });
    expect(rows.map((r) => [r.id, r.type, r.config_version, r.variant, r.intent])).toEqual([
      ['wkA:wmB:0000000012', 'shadow', 4, 'shadow', null],
      ['wkA:wmB:0000000012:shadow:0', 'message_in', 4, 'shadow', null],
      ['wkA:wmB:0000000012:shadow:1', 'intent', 4, 'shadow', 'refund'],
      ['wkA:wmB:0000000012:shadow:2', 'handoff', 4, 'shadow', 'refund'],
    ]);
    expect(rows[3]!.data).toEqual({ reason: 'keyword' });
  });
});

import { describe, expect, it } from 'vitest';
import { licenseCheck, licenseView } from '../../src/wecom/license';

// The 接口调用许可 answer read at a moment, and its diagnostics check.

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 7, 4);
const s = (ms: number) => Math.floor(ms / 1000);

describe('licenseView and licenseCheck', () => {
  it('reads status 0 as unchecked, a trial by its end (warned within 14 days), and a checked corp without trial as needing licences', () => {
    expect(licenseView({ license_status: 0 }, now, now)).toEqual({ state: 'unchecked', license_status: 0, trial_start_at: null, trial_end_at: null, check_from: null, checked_at: now });
    const trial = (days: number) => licenseView({ license_status: 1, trail_info: { start_time: s(now - 30 * DAY), end_time: s(now + days * DAY) } }, now, now);
    expect(trial(15).state).toBe('trial');
    expect(trial(14).state).toBe('trial_ending');
    expect(trial(1).state).toBe('trial_ending');
    expect(trial(-1).state).toBe('needs_license');
    expect(licenseView({ license_status: 1, license_check_time: s(now - DAY) }, now, now)).toMatchObject({ state: 'needs_license', check_from: s(now - DAY) * 1000 });

    expect(licenseCheck(trial(40), '', now)).toMatchObject({ id: 'license', ok: true });
    expect(licenseCheck(trial(5), '', now)).toMatchObject({ ok: false, message: expect.stringContaining('还剩 5 天') });
    expect(licenseCheck(trial(-1), '', now)).toMatchObject({ ok: false, fix: expect.stringContaining('接口调用许可') });
    expect(licenseCheck(licenseView({ license_status: 0 }, now, now), '', now).ok).toBe(true);
    expect(licenseCheck(null, 'errcode 40014', now)).toMatchObject({ ok: false, message: expect.stringContaining('errcode 40014') });
  });
});

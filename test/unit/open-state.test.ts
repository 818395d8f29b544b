import { describe, expect, it } from 'vitest';
import { openState, type Hours } from '../../src/rules/hours';

const WEEKDAYS = [1, 2, 3, 4, 5];
const link = (working_hours: Hours['working_hours']): Hours => ({ timezone: 'Asia/Shanghai', working_hours, holidays: [] });
/** A Shanghai wall time (UTC+8, no DST) as an instant. */
const sh = (local: string): number => Date.parse(`${local}+08:00`);

describe('openState (the off-hours reply reads it)', () => {
  const nineToSix = link([{ days: WEEKDAYS, start: '09:00', end: '18:00' }]);

  it('is open without a link, and within the hours', () => {
    expect(openState(undefined, sh('2026-03-07T03:00'))).toEqual({ isOpen: true });
    expect(openState(nineToSix, sh('2026-03-02T10:00'))).toEqual({ isOpen: true });
  });

  it('outside the hours, says when the link opens next on its own wall clock', () => {
    // 2026-03-06 is a Friday: next open Monday 09:00.
    const state = openState(nineToSix, sh('2026-03-06T19:00'));
    expect(state.isOpen).toBe(false);
    // The month and day as the runtime's ICU writes them for zh-CN ("3/9周一 09:00" or "3月9日周一 09:00").
    expect(state).toEqual({ isOpen: false, nextOpen: expect.stringMatching(/^3\D+9\D.*09:00$/) });
  });

  it('has no next opening to tell when the link never opens', () => {
    expect(openState(link([]), sh('2026-03-02T10:00'))).toEqual({ isOpen: false, nextOpen: '' });
  });
});

import { describe, expect, it } from 'vitest';
import type { Period } from '../../src/rules/config';
import { isOpen, isValidTimeZone, nextOpening, type Hours } from '../../src/rules/hours';

const WEEKDAYS = [1, 2, 3, 4, 5];
const link = (working_hours: Period[] | undefined, over: Partial<Hours> = {}): Hours => ({
  timezone: 'Asia/Shanghai',
  working_hours,
  holidays: [],
  ...over,
});
/** A Shanghai wall time (UTC+8, no DST) as an instant. */
const sh = (local: string): number => Date.parse(`${local}+08:00`);
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

describe('isOpen (Asia/Shanghai, the contract example with a lunch break)', () => {
  const l = link([
    { days: WEEKDAYS, start: '09:00', end: '12:00' },
    { days: WEEKDAYS, start: '13:30', end: '18:00' },
  ]);
  // 2026-03-02 is a Monday.
  it.each([
    ['2026-03-02T08:59', false],
    ['2026-03-02T09:00', true],
    ['2026-03-02T11:59', true],
    ['2026-03-02T12:00', false],
    ['2026-03-02T13:29', false],
    ['2026-03-02T13:30', true],
    ['2026-03-02T17:59:59', true],
    ['2026-03-02T18:00', false],
    ['2026-03-07T10:00', false], // Saturday
    ['2026-03-08T10:00', false], // Sunday
  ])('%s → %s', (local, open) => expect(isOpen(l, sh(local))).toBe(open));

  it('accepts a Date as well as a timestamp', () => expect(isOpen(l, new Date(sh('2026-03-02T10:00')))).toBe(true));

  it('reads the wall clock of the link timezone, not UTC', () => {
    // 02:00Z is 10:00 in Shanghai (open) and 21:00 the day before in New York (closed).
    const t = Date.parse('2026-03-02T02:00:00Z');
    expect(isOpen(l, t)).toBe(true);
    expect(isOpen({ ...l, timezone: 'America/New_York' }, t)).toBe(false);
  });
});

describe('periods over midnight and 24:00', () => {
  const night = link([{ days: [5], start: '22:00', end: '02:00' }]); // Friday night shift
  it.each([
    ['2026-03-06T21:59', false], // Friday
    ['2026-03-06T22:00', true],
    ['2026-03-06T23:59', true],
    ['2026-03-07T01:00', true], // Saturday 01:00 belongs to Friday's period
    ['2026-03-07T02:00', false],
    ['2026-03-07T22:30', false], // Saturday has no period of its own
    ['2026-03-06T01:00', false], // Friday 01:00: Thursday has no night shift
  ])('%s → %s', (local, open) => expect(isOpen(night, sh(local))).toBe(open));

  it('"24:00" ends at midnight', () => {
    const l = link([{ days: [1], start: '20:00', end: '24:00' }]);
    expect(isOpen(l, sh('2026-03-02T23:59:59'))).toBe(true);
    expect(isOpen(l, sh('2026-03-03T00:00'))).toBe(false);
  });

  it('00:00-24:00 and an end equal to the start are whole days', () => {
    expect(isOpen(link([{ days: [1], start: '00:00', end: '24:00' }]), sh('2026-03-02T00:00'))).toBe(true);
    const rolling = link([{ days: [1], start: '08:00', end: '08:00' }]);
    expect(isOpen(rolling, sh('2026-03-03T07:59'))).toBe(true);
    expect(isOpen(rolling, sh('2026-03-03T08:00'))).toBe(false);
  });
});

describe('holidays', () => {
  // 2026-10-01 (National Day) is a Thursday.
  const l = link([{ days: WEEKDAYS, start: '09:00', end: '18:00' }], { holidays: ['2026-10-01'] });

  it('close the whole day', () => {
    expect(isOpen(l, sh('2026-10-01T10:00'))).toBe(false);
    expect(isOpen(l, sh('2026-09-30T10:00'))).toBe(true);
    expect(isOpen(l, sh('2026-10-02T10:00'))).toBe(true);
  });

  it('close a night period that starts on the holiday, its after-midnight part too', () => {
    const n = link([{ days: WEEKDAYS, start: '22:00', end: '02:00' }], { holidays: ['2026-10-01'] });
    expect(isOpen(n, sh('2026-10-01T23:00'))).toBe(false);
    expect(isOpen(n, sh('2026-10-02T01:00'))).toBe(false);
    // Decided: the shift that began on Wednesday (a working day) runs on into the holiday.
    expect(isOpen(n, sh('2026-10-01T01:00'))).toBe(true);
  });

  it('are skipped by nextOpening', () => {
    expect(iso(nextOpening(l, sh('2026-09-30T19:00')))).toBe('2026-10-02T01:00:00.000Z');
  });
});

describe('nextOpening', () => {
  const l = link([
    { days: WEEKDAYS, start: '09:00', end: '12:00' },
    { days: WEEKDAYS, start: '13:30', end: '18:00' },
  ]);

  it('is now when open', () => expect(nextOpening(l, sh('2026-03-02T10:00'))).toBe(sh('2026-03-02T10:00')));

  it('is after lunch at lunch', () => expect(nextOpening(l, sh('2026-03-02T12:10'))).toBe(sh('2026-03-02T13:30')));

  it('is Monday 09:00 on Friday evening', () => expect(nextOpening(l, sh('2026-03-06T18:30'))).toBe(sh('2026-03-09T09:00')));

  it('is the same morning before opening', () => expect(nextOpening(l, sh('2026-03-03T03:00'))).toBe(sh('2026-03-03T09:00')));

  it('is always now without working hours, and null when there are none', () => {
    expect(isOpen(link(undefined), 0)).toBe(true);
    expect(nextOpening(link(undefined), 123)).toBe(123);
    expect(isOpen(link([]), 0)).toBe(false);
    expect(nextOpening(link([]), 0)).toBeNull();
  });

  it('is null when every day is a holiday for more than a year', () => {
    const everyday = link([{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '10:00' }], {
      holidays: Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)),
    });
    expect(nextOpening(everyday, sh('2026-01-01T12:00'))).toBeNull();
  });

  it('finds a period starting at 24:00 (an after-midnight shift)', () => {
    const late = link([{ days: [1], start: '24:00', end: '03:00' }]);
    expect(isOpen(late, sh('2026-03-03T01:00'))).toBe(true);
    expect(nextOpening(late, sh('2026-03-02T20:00'))).toBe(sh('2026-03-03T00:00'));
  });
});

describe('Europe/Berlin across daylight saving time', () => {
  const berlin = (working_hours: Period[]): Hours => link(working_hours, { timezone: 'Europe/Berlin' });
  const office = berlin([{ days: WEEKDAYS, start: '09:00', end: '17:00' }]);

  it('opens at 09:00 wall time on both sides of the change', () => {
    expect(isOpen(office, Date.parse('2026-03-27T08:00:00Z'))).toBe(true); // Friday 09:00 CET
    expect(isOpen(office, Date.parse('2026-03-30T07:00:00Z'))).toBe(true); // Monday 09:00 CEST
    expect(isOpen(office, Date.parse('2026-03-30T06:59:00Z'))).toBe(false);
    // Friday evening before the spring change → Monday 09:00 CEST = 07:00Z.
    expect(iso(nextOpening(office, Date.parse('2026-03-27T17:00:00Z')))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('opens when the clock jumps if the start falls in the spring gap', () => {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST at 01:00Z; 02:30 never happens.
    const l = berlin([{ days: [7], start: '02:30', end: '05:00' }]);
    expect(iso(nextOpening(l, Date.parse('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(isOpen(l, Date.parse('2026-03-29T00:59:00Z'))).toBe(false);
    expect(isOpen(l, Date.parse('2026-03-29T01:00:00Z'))).toBe(true);
  });

  it('opens at the first of two 02:30s in the autumn repeat', () => {
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET at 01:00Z; 02:30 is 00:30Z and again 01:30Z.
    const l = berlin([{ days: [7], start: '02:30', end: '04:00' }]);
    expect(iso(nextOpening(l, Date.parse('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(isOpen(l, Date.parse('2026-10-25T01:15:00Z'))).toBe(false); // 02:15 CET, second pass before 02:30
    expect(isOpen(l, Date.parse('2026-10-25T01:45:00Z'))).toBe(true);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

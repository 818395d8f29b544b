import type { Link } from './config';

/**
 * Working hours of a kf link, on the wall clock of its IANA timezone (Intl.DateTimeFormat, no
 * library). Meanings:
 * - `days` are ISO weekdays (1 = Monday … 7 = Sunday); several periods a day are allowed.
 * - `end: "24:00"` is the end of the day. An `end` before its `start` runs over midnight and
 *   belongs to the day it starts: Friday 22:00-02:00 covers Saturday 01:00. An `end` equal to its
 *   `start` is a full 24 hours from the start.
 * - `holidays` are dates in the link's timezone, closed all day: a period starting on a holiday
 *   does not run at all, its after-midnight part included. A period that started the day before a
 *   holiday DOES continue into the holiday's early hours: that shift began on a working day and
 *   someone is on it.
 * - No `working_hours`: always open. An empty list: never open.
 * - Hours are minute-precise; DST gaps and repeats are read on the wall clock (at a spring-forward
 *   gap, a period starting inside the gap opens when the clock jumps).
 */

export type Hours = Pick<Link, 'timezone' | 'working_hours' | 'holidays'>;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far nextOpening looks ahead: a year of holidays and a week of weekdays. */
const LOOKAHEAD_DAYS = 373;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA timezone (for config validation). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  /** The wall-clock date and time as if it were UTC, in ms (comparable, offset-free). */
  wall: number;
  /** YYYY-MM-DD */
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

function wallOf(at: number, timeZone: string): Wall {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return fromWall(wall);
}

function fromWall(wall: number): Wall {
  const d = new Date(wall);
  return {
    wall,
    date: d.toISOString().slice(0, 10),
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    minutes: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOpen(link: Hours, at: Date | number): boolean {
  if (!link.working_hours) return true;
  return openAtWall(link, wallOf(+at, link.timezone));
}

function openAtWall(link: Hours, w: Wall): boolean {
  const holidays = link.holidays;
  const workingToday = !holidays.includes(w.date);
  const yesterday = fromWall(w.wall - DAY);
  const workedYesterday = !holidays.includes(yesterday.date);
  for (const p of link.working_hours ?? []) {
    const start = toMinutes(p.start);
    const end = toMinutes(p.end);
    const today = workingToday && p.days.includes(w.weekday);
    if (end > start) {
      if (today && w.minutes >= start && w.minutes < end) return true;
      continue;
    }
    // Over midnight: today's part from start, and the part that began yesterday until end.
    if (today && w.minutes >= start) return true;
    if (workedYesterday && p.days.includes(yesterday.weekday) && w.minutes < end) return true;
  }
  return false;
}

/** The zone's offset (wall minus UTC, ms) at an instant. */
const offsetAt = (at: number, timeZone: string): number => wallOf(at, timeZone).wall - Math.floor(at / 1000) * 1000;

/**
 * The first instant whose wall clock reads `wall` or later: the earlier of two instants when the
 * clock repeats (autumn), the moment of the jump when `wall` falls in a gap (spring).
 */
function instantOf(wall: number, timeZone: string): number {
  const before = wall - offsetAt(wall - DAY / 2, timeZone);
  const after = wall - offsetAt(wall + DAY / 2, timeZone);
  const exact = [before, after].filter((t) => wallOf(t, timeZone).wall === wall);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: binary search, minute by minute, for the first instant at or past `wall`.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallOf(mid, timeZone).wall >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * When the link is next open: `at` itself when open now, else the first opening after it
 * (for "back at 09:00 Monday"), or null when it never opens within a year.
 */
export function nextOpening(link: Hours, at: Date | number): number | null {
  const now = +at;
  if (isOpen(link, now)) return now;
  const periods = link.working_hours ?? [];
  if (periods.length === 0) return null;
  const today = wallOf(now, link.timezone);
  const midnight = today.wall - today.minutes * MINUTE - (today.wall % MINUTE);
  for (let k = 0; k <= LOOKAHEAD_DAYS; k++) {
    const day = fromWall(midnight + k * DAY);
    // Openings happen at a period's start, or at midnight (a period starting at 24:00).
    const starts = new Set<number>([0]);
    for (const p of periods) if (p.days.includes(day.weekday)) starts.add(toMinutes(p.start));
    for (const m of [...starts].sort((a, b) => a - b)) {
      const wall = midnight + k * DAY + m * MINUTE;
      if (wall <= today.wall) continue;
      const t = instantOf(wall, link.timezone);
      if (t > now && isOpen(link, t)) return t;
    }
  }
  return null;
}

/** "HH:MM" on the link's wall clock (time-of-day welcome texts). */
export function localTime(timeZone: string, at: Date | number): string {
  const minutes = wallOf(+at, timeZone).minutes;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Whether the link is within working hours now (isOpen); `nextOpen` (nextOpening, formatted for the customer) fills {next_open}. */
export type OpenState = { isOpen: true } | { isOpen: false; nextOpen: string };

/** Whether the link is open now; outside hours, when it opens next, for the off-hours reply. No link: always open. */
export function openState(link: Hours | undefined, now: number): OpenState {
  if (!link || isOpen(link, now)) return { isOpen: true };
  const next = nextOpening(link, now);
  if (next === null) return { isOpen: false, nextOpen: '' };
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: link.timezone, month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
  return { isOpen: false, nextOpen: fmt.format(next) };
}

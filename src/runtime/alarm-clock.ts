import { objectClock, type Clock } from './clock';
import type { Meta } from './storage';

/** The alarm calls of DurableObjectStorage. */
export type AlarmStorage = Pick<DurableObjectStorage, 'getAlarm' | 'setAlarm' | 'deleteAlarm'>;

/**
 * Work due at or before this instant runs now. Tests fire an alarm early to stand for time
 * passing, so the time the alarm was set for counts as reached even when the clock says otherwise.
 */
export function dueCutoff(now: number, alarmSetFor: number | null): number {
  return Math.max(now, alarmSetFor ?? 0);
}

const ALARM_AT = 'alarm_at';

/**
 * The object's single alarm. The time it was set for is kept beside it: when the alarm fires,
 * work due at or before max(now, that time) counts as due (tests fire alarms early to stand for
 * time passing). Due work itself lives in the object's tables; the alarm only says "look again".
 * The platform's alarm is set `clock.holdAlarmsMs` after the time it stands for (0 in production).
 */
export class AlarmClock {
  constructor(
    private readonly storage: AlarmStorage,
    private readonly meta: Meta,
    private readonly clock: Clock = objectClock(),
  ) {}

  /** The time the current (or just fired) alarm was set for. */
  setFor(): number | null {
    return this.meta.get<number>(ALARM_AT);
  }

  /** What counts as reached in the run this alarm started: dueCutoff of the clock and the time it was set for. */
  dueNow(): number {
    return dueCutoff(this.clock.now(), this.setFor());
  }

  /** Makes sure the object wakes at `at` or earlier. */
  async wake(at: number): Promise<void> {
    const current = this.setFor();
    // A time in the past means that alarm has fired (or is running): it no longer stands for a future wake.
    if (current !== null && current <= at && current > this.clock.now()) return;
    // An alarm still pending at or before `at` covers this wake too; re-setting it on every
    // callback of a burst would cost a storage write each time.
    const pending = await this.storage.getAlarm();
    if (pending !== null && pending - this.clock.holdAlarmsMs <= at) return;
    this.meta.set(ALARM_AT, at);
    await this.storage.setAlarm(at + this.clock.holdAlarmsMs);
  }

  /**
   * wake() for an object whose every run ends in rearm(): there an alarm set for `at` or earlier
   * is still to run (a past time too: due, its run about to start), so it covers this wake
   * without reading the alarm back, an awaited storage call a busy object pays on every request.
   */
  async wakeCovered(at: number): Promise<void> {
    const current = this.setFor();
    if (current !== null && current <= at) return;
    this.meta.set(ALARM_AT, at);
    await this.storage.setAlarm(at + this.clock.holdAlarmsMs);
  }

  /**
   * For work due at `due`: true when it is due now and the caller is to run it at once, with an
   * alarm kept pending within `netMs` as a net (it runs the work should the instance die before
   * that run commits; one net serves every run in that time, so a busy object writes no alarm per
   * run). Else the alarm wakes the object at `due`, and false. Under a clock that holds alarms
   * (tests), always the alarm: its holder decides when work runs.
   */
  async wakeOrRunNow(due: number, netMs: number): Promise<boolean> {
    const now = this.clock.now();
    if (due > now || this.clock.holdAlarmsMs !== 0) {
      await this.wake(due);
      return false;
    }
    await this.wake(now + netMs);
    return true;
  }

  /**
   * After a run: wake at `next`, or sleep when nothing is pending.
   *
   * `keepEarlier`, for a run no alarm started: an alarm still pending in the future at or before
   * `next` stays as it is, with no write (it wakes the object early; that run finds nothing due and
   * rearms). A run an alarm started always writes: the platform drops the alarm that fired unless
   * it is set again.
   */
  async rearm(next: number | null, keepEarlier = false): Promise<void> {
    if (keepEarlier) {
      const current = this.setFor();
      if (current !== null && current > this.clock.now() && (next === null || current <= next)) return;
    }
    this.meta.set(ALARM_AT, next);
    if (next === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(next + this.clock.holdAlarmsMs);
  }
}

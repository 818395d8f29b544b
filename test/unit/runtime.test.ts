import { describe, expect, it } from 'vitest';
import { AlarmClock, type AlarmStorage } from '../../src/runtime/alarm-clock';
import { Meta, migrate } from '../../src/runtime/storage';
import { sqliteStore } from './support/sqlite';

/** A Durable Object's one alarm: set, read, deleted; counts the writes (each is a storage write). */
function alarmStorage() {
  const state = { alarm: null as number | null, writes: 0 };
  const storage: AlarmStorage = {
    getAlarm: async () => state.alarm,
    setAlarm: async (at) => void ((state.alarm = typeof at === 'number' ? at : at.getTime()), state.writes++),
    deleteAlarm: async () => void ((state.alarm = null), state.writes++),
  };
  return { state, storage };
}

function clockAt(t: { now: number }, holdAlarmsMs = 0) {
  const store = sqliteStore();
  migrate(store, []);
  const { state, storage } = alarmStorage();
  return { state, clock: new AlarmClock(storage, new Meta(store.sql), { now: () => t.now, random: () => 0.5, holdAlarmsMs }) };
}

describe('the alarm clock', () => {
  it('wakes at the earliest time asked for, without a write for a later one', async () => {
    const t = { now: 1_000 };
    const { state, clock } = clockAt(t);
    await clock.wake(5_000);
    await clock.wake(3_000);
    await clock.wake(4_000);
    expect(state).toEqual({ alarm: 3_000, writes: 2 });
    expect(clock.setFor()).toBe(3_000);
  });

  it('wakeCovered: an alarm set for the same time or earlier, even a past one still to run, covers the wake without reading the alarm back', async () => {
    const t = { now: 1_000 };
    const { state, clock } = clockAt(t);
    await clock.wakeCovered(1_000);
    t.now = 2_000;
    await clock.wakeCovered(2_000);
    expect(state).toEqual({ alarm: 1_000, writes: 1 });
    await clock.rearm(null);
    await clock.wakeCovered(2_000);
    expect(state).toEqual({ alarm: 2_000, writes: 3 });
  });

  it('counts the time the alarm was set for as reached when it fires early (time passing in tests)', async () => {
    const t = { now: 1_000 };
    const { clock } = clockAt(t);
    await clock.wake(60_000);
    expect(clock.dueNow()).toBe(60_000);
    t.now = 90_000;
    expect(clock.dueNow()).toBe(90_000);
  });

  it('an alarm in the past stands for no future wake: a new one is set', async () => {
    const t = { now: 1_000 };
    const { state, clock } = clockAt(t);
    await clock.wake(2_000);
    t.now = 3_000;
    state.alarm = null; // it fired
    await clock.wake(9_000);
    expect(state.alarm).toBe(9_000);
  });

  it('a clock that holds alarms sets the platform’s alarm later, standing for the same time', async () => {
    const t = { now: 1_000 };
    const { state, clock } = clockAt(t, 100_000);
    await clock.wake(5_000);
    await clock.wake(7_000);
    expect(state).toEqual({ alarm: 105_000, writes: 1 });
    await clock.wake(3_000);
    expect([state.alarm, clock.setFor()]).toEqual([103_000, 3_000]);
    await clock.rearm(9_000);
    expect([state.alarm, clock.setFor(), clock.dueNow()]).toEqual([109_000, 9_000, 9_000]);
  });

  it('wakeOrRunNow: work due now runs at once under a net alarm, which serves the runs within its reach without a write', async () => {
    const t = { now: 1_000 };
    const { state, clock } = clockAt(t);
    expect(await clock.wakeOrRunNow(1_000, 10_000)).toBe(true);
    expect(state).toEqual({ alarm: 11_000, writes: 1 });
    // The run after it: its next wake is later than the net, which stays (no write).
    await clock.rearm(50_000, true);
    t.now = 4_000;
    expect(await clock.wakeOrRunNow(3_000, 10_000)).toBe(true);
    await clock.rearm(60_000, true);
    expect(state).toEqual({ alarm: 11_000, writes: 1 });
    // Work due later waits for the alarm, which moves earlier.
    expect(await clock.wakeOrRunNow(6_000, 10_000)).toBe(false);
    expect(state).toEqual({ alarm: 6_000, writes: 2 });
  });

  it('a run an alarm started always rearms, and so does one whose pending alarm is past or later than its next wake', async () => {
    const t = { now: 1_000 };
    const { state, clock } = clockAt(t);
    await clock.wake(5_000);
    t.now = 5_000; // it fired
    await clock.rearm(50_000, true);
    expect(state).toEqual({ alarm: 50_000, writes: 2 });
    await clock.rearm(20_000, true);
    expect(state).toEqual({ alarm: 20_000, writes: 3 });
    await clock.rearm(30_000);
    expect(state).toEqual({ alarm: 30_000, writes: 4 });
  });

  it('a clock that holds alarms never runs work itself: its holder fires the alarm', async () => {
    const t = { now: 1_000 };
    const { state, clock } = clockAt(t, 100_000);
    expect(await clock.wakeOrRunNow(1_000, 10_000)).toBe(false);
    expect([state.alarm, clock.setFor()]).toEqual([101_000, 1_000]);
  });

  it('rearms for the next work after a run, or sleeps', async () => {
    const { state, clock } = clockAt({ now: 1_000 });
    await clock.rearm(7_000);
    expect([state.alarm, clock.setFor()]).toEqual([7_000, 7_000]);
    await clock.rearm(null);
    expect([state.alarm, clock.setFor()]).toEqual([null, null]);
  });
});

describe('meta values kept in memory', () => {
  const metaStore = () => {
    const store = sqliteStore();
    migrate(store, []);
    return { store, meta: new Meta(store.sql, true) };
  };

  it('never keeps a value a rolled-back transaction wrote, in the same task or later', async () => {
    const { store, meta } = metaStore();
    meta.set('session', { state: 'bot' });
    await Promise.resolve();
    expect(meta.get('session')).toEqual({ state: 'bot' });
    expect(() =>
      store.transactionSync(() => {
        meta.set('session', { state: 'human' });
        expect(meta.get('session')).toEqual({ state: 'human' });
        throw new Error('the turn failed');
      }),
    ).toThrow('the turn failed');
    expect(meta.get('session')).toEqual({ state: 'bot' });
    await Promise.resolve();
    expect(meta.get('session')).toEqual({ state: 'bot' });
  });

  it('reads what was written, and sees an emptied storage after forgetKept', async () => {
    const { store, meta } = metaStore();
    meta.set('cursor', 'c1');
    meta.set('cursor', 'c2');
    expect(meta.get('cursor')).toBe('c2');
    await Promise.resolve();
    expect(meta.get('cursor')).toBe('c2');
    meta.set('cursor', null);
    expect(meta.get('cursor')).toBeNull();
    meta.set('requested', 3);
    await Promise.resolve();
    expect(meta.get('requested')).toBe(3);
    store.sql.exec("DELETE FROM meta WHERE key = 'requested'");
    meta.forgetKept();
    expect(meta.get('requested')).toBeNull();
  });

  it('runs no statement for a write of the committed value it knows, and still writes a changed one', async () => {
    const { store, meta } = metaStore();
    const statements: string[] = [];
    const counted = new Meta({ exec: (query: string, ...bindings: unknown[]) => (statements.push(query), store.sql.exec(query, ...bindings)) }, true);
    meta.set('retry_at', 5);
    await Promise.resolve();
    expect(counted.get('retry_at')).toBe(5);
    statements.length = 0;
    counted.set('retry_at', 5);
    counted.set('failures', null);
    expect(statements).toHaveLength(1); // failures was never read: its DELETE runs
    counted.set('retry_at', null);
    counted.set('retry_at', null); // written in this task: not known as committed yet, so it runs
    expect(statements).toHaveLength(3);
    expect(meta.get('retry_at')).toBeNull();
  });
});

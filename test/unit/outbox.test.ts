import { describe, it } from 'vitest';
import { dueItems, judgeFailure, MSGID_PATTERN, nextDueAt, outboundMsgid, REPLY_BACKOFF, WELCOME_BACKOFF, type PendingItem } from '../../src/engine/outbox';
import { dueCutoff } from '../../src/runtime/alarm-clock';
import { backoffMs } from '../../src/runtime/backoff';
import { SerialRunner } from '../../src/runtime/serial-runner';

describe('outboundMsgid', () => {
  it('is deterministic and fits WeCom’s custom msgid rule (≤32 bytes of [0-9A-Za-z_-])', ({ expect }) => {
    const a = outboundMsgid('wk1:wm1', 'msg-1', 0);
    expect(a).toBe(outboundMsgid('wk1:wm1', 'msg-1', 0));
    expect(a).toMatch(MSGID_PATTERN);
    expect(Buffer.byteLength(a)).toBe(32);
  });

  it('differs per conversation, source and reply index', ({ expect }) => {
    const ids = new Set([
      outboundMsgid('wk1:wm1', 'msg-1', 0),
      outboundMsgid('wk1:wm1', 'msg-1', 1),
      outboundMsgid('wk1:wm1', 'msg-2', 0),
      outboundMsgid('wk1:wm2', 'msg-1', 0),
      outboundMsgid('wk2:wm1', 'msg-1', 0),
    ]);
    expect(ids.size).toBe(5);
  });

  it('cannot be confused by a separator inside a part', ({ expect }) => {
    expect(outboundMsgid('a:b', 'c', 0)).not.toBe(outboundMsgid('a', 'b:c', 0));
  });
});

describe('backoffMs', () => {
  it('doubles per failure and stays within [ceiling/2, ceiling]', ({ expect }) => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffMs(1, policy, () => 0)).toBe(500);
    expect(backoffMs(1, policy, () => 1)).toBe(1000);
    expect(backoffMs(2, policy, () => 1)).toBe(2000);
    expect(backoffMs(3, policy, () => 0)).toBe(2000);
    expect(backoffMs(4, policy, () => 1)).toBe(8000);
  });

  it('is capped, and never zero (a retry is never immediate)', ({ expect }) => {
    expect(backoffMs(30, REPLY_BACKOFF, () => 1)).toBe(REPLY_BACKOFF.maxMs);
    expect(backoffMs(30, REPLY_BACKOFF, () => 0)).toBe(REPLY_BACKOFF.maxMs / 2);
    expect(backoffMs(1, WELCOME_BACKOFF, () => 0)).toBeGreaterThan(0);
  });

  it('spreads objects that fail together', ({ expect }) => {
    let r = 0;
    const delays = new Set(Array.from({ length: 10 }, () => backoffMs(5, REPLY_BACKOFF, () => (r += 0.1) % 1)));
    expect(delays.size).toBeGreaterThan(5);
  });
});

describe('judgeFailure', () => {
  const item = { attempts: 1, expiresAt: null, policy: REPLY_BACKOFF };
  const now = 1_000_000;

  it('a duplicate-msgid refusal means an earlier try was delivered', ({ expect }) => {
    expect(judgeFailure({ errcode: 95003, errmsg: 'msgid exists', transient: false }, item, now)).toEqual({ type: 'delivered' });
  });

  it('never retries a definitive refusal', ({ expect }) => {
    expect(judgeFailure({ errcode: 95018, errmsg: 'session status invalid', transient: false }, item, now)).toEqual({ type: 'refused', reason: 'refused' });
  });

  it('retries a transient failure after the backoff', ({ expect }) => {
    const v = judgeFailure({ errcode: -1, errmsg: 'HTTP 503', transient: true }, { ...item, attempts: 3 }, now, () => 0.5);
    expect(v).toEqual({ type: 'retry', dueAt: now + backoffMs(3, REPLY_BACKOFF, () => 0.5) });
  });

  it('gives up when the retry would land after the deadline (a welcome code’s 20 s)', ({ expect }) => {
    const welcome = { attempts: 4, expiresAt: now + 1000, policy: WELCOME_BACKOFF };
    expect(judgeFailure({ errcode: -1, errmsg: 'timeout', transient: true }, welcome, now, () => 1)).toEqual({ type: 'refused', reason: 'expired' });
  });
});

describe('what is due', () => {
  const item = (seq: number, kind: PendingItem['kind'], dueAt: number): PendingItem => ({ msgid: `m${seq}`, seq, kind, dueAt });

  it('counts the time the alarm was set for as reached (alarms fired early in tests)', ({ expect }) => {
    expect(dueCutoff(100, 500)).toBe(500);
    expect(dueCutoff(900, 500)).toBe(900);
    expect(dueCutoff(900, null)).toBe(900);
  });

  it('sends due items in creation order', ({ expect }) => {
    const due = dueItems([item(3, 'send_msg', 10), item(1, 'send_msg', 10), item(2, 'send_msg', 10)], 10);
    expect(due.map((i) => i.seq)).toEqual([1, 2, 3]);
  });

  it('holds replies behind a reply that waits for its retry, so the customer reads them in order', ({ expect }) => {
    const due = dueItems([item(1, 'send_msg', 50), item(2, 'send_msg', 0), item(3, 'send_msg', 0)], 10);
    expect(due).toEqual([]);
  });

  it('never holds an event message (welcome) behind the reply queue', ({ expect }) => {
    const due = dueItems([item(1, 'send_msg', 50), item(2, 'send_msg_on_event', 0)], 10);
    expect(due.map((i) => i.seq)).toEqual([2]);
  });

  it('wakes for the head of the reply queue only, not for replies that cannot go first', ({ expect }) => {
    expect(nextDueAt([item(1, 'send_msg', 50), item(2, 'send_msg', 0)])).toBe(50);
    expect(nextDueAt([item(1, 'send_msg', 50), item(2, 'send_msg_on_event', 20)])).toBe(20);
    expect(nextDueAt([])).toBeNull();
  });
});

describe('SerialRunner', () => {
  const tick = () => new Promise<void>((r) => setTimeout(r, 0));

  it('never runs twice at once, and requests during a run cause exactly one more run', async ({ expect }) => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: (() => void) | null = null;
    const runner = new SerialRunner(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs++;
      if (runs === 1) await new Promise<void>((r) => (release = r));
      else await tick();
      active--;
      return runs;
    });
    const first = runner.run();
    await tick();
    const joined = [runner.run(), runner.run(), runner.run()];
    expect(runner.busy).toBe(true);
    release!();
    const results = await Promise.all([first, ...joined]);
    expect(maxActive).toBe(1);
    expect(runs).toBe(2);
    expect(results).toEqual([2, 2, 2, 2]);
    expect(runner.busy).toBe(false);
  });

  it('passes a failure to everyone waiting and is usable again afterwards', async ({ expect }) => {
    let fail = true;
    const runner = new SerialRunner(async () => {
      await tick();
      if (fail) throw new Error('boom');
      return 'ok';
    });
    await expect(runner.run()).rejects.toThrow('boom');
    fail = false;
    await expect(runner.run()).resolves.toBe('ok');
  });
});

import { describe, expect, it } from 'vitest';
import { NO_WINDOW, SEND_WINDOW_MS, TEXT_LIMIT_BYTES, openWindow, plan, recordSend, remaining, type Reply } from '../../src/engine/budget';

const T0 = 1_800_000_000_000;
const open = openWindow(NO_WINDOW, T0);
const used = (n: number) => Array.from({ length: n }).reduce<typeof open>((b) => recordSend(b), open);
const texts = (...t: string[]): Reply[] => t.map((text) => ({ text }));

describe('remaining', () => {
  it('is 5 after a customer message, counting down per send', () => {
    expect(remaining(open, 'new', T0)).toBe(5);
    expect(remaining(used(3), 'bot', T0 + 1000)).toBe(2);
    expect(remaining(used(5), 'bot', T0 + 1000)).toBe(0);
    expect(remaining(used(7), 'bot', T0 + 1000)).toBe(0);
  });
  it('is 0 when the customer never wrote, after 48 hours, and outside states 0/1', () => {
    expect(remaining(NO_WINDOW, 'bot', T0)).toBe(0);
    expect(remaining(open, 'bot', T0 + SEND_WINDOW_MS - 1)).toBe(5);
    expect(remaining(open, 'bot', T0 + SEND_WINDOW_MS)).toBe(0);
    for (const state of ['queued', 'human', 'closed'] as const) expect(remaining(open, state, T0)).toBe(0);
  });
  it('a newer customer message resets the window; a late older one does not', () => {
    expect(remaining(openWindow(used(5), T0 + 10), 'bot', T0 + 20)).toBe(5);
    expect(openWindow(used(5), T0 - 10)).toEqual(used(5));
  });
});

describe('plan', () => {
  const opts = { state: 'bot' as const, now: T0 + 1000, reserveForHandoff: true };

  it('sends everything when it fits, keeping one slot back', () => {
    expect(plan(open, texts('a', 'b', 'c', 'd'), opts)).toEqual({ send: texts('a', 'b', 'c', 'd'), merged: 0, unsent: [] });
  });

  it('merges texts when there is less room than wanted', () => {
    const p = plan(used(3), texts('a', 'b', 'c'), opts); // room: 2 left - 1 reserved = 1
    expect(p).toEqual({ send: [{ text: 'a\n\nb\n\nc' }], merged: 2, unsent: [] });
  });

  it('uses the reserved slot for the handoff notice itself', () => {
    expect(plan(used(4), texts('转人工'), { ...opts, reserveForHandoff: false }).send).toEqual(texts('转人工'));
    expect(plan(used(4), texts('答案'), opts)).toEqual({ send: [], merged: 0, unsent: texts('答案') });
  });

  it('never merges a menu into text, nor text past the 2048-byte limit', () => {
    const menu: Reply = { menu: { list: [{ id: '1', content: '满意' }] } };
    const big = 'x'.repeat(TEXT_LIMIT_BYTES - 2);
    const p = plan(used(3), [...texts('a'), menu, ...texts(big, 'b')], opts);
    expect(p.send).toEqual([{ text: 'a' }]);
    expect(p.unsent).toEqual([menu, { text: big }, { text: 'b' }]);
    expect(p.merged).toBe(0);
  });

  it('plans nothing in a human session: everything is unsent, for a handoff decision', () => {
    expect(plan(open, texts('a'), { ...opts, state: 'human' })).toEqual({ send: [], merged: 0, unsent: texts('a') });
  });
});

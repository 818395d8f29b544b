import { describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT, activeTopics, expire, isActive, nextExpiry, setTopic } from '../../src/engine/context';

const T0 = 1_800_000_000_000;

describe('context topics', () => {
  it('is active for exactly its time to live', () => {
    const ctx = setTopic(EMPTY_CONTEXT, 'price', T0, 600);
    expect(isActive(ctx, 'price', T0)).toBe(true);
    expect(isActive(ctx, 'price', T0 + 599_999)).toBe(true);
    expect(isActive(ctx, 'price', T0 + 600_000)).toBe(false);
    expect(isActive(ctx, 'shipping', T0)).toBe(false);
  });

  it('setting a topic again extends it and leaves the input untouched', () => {
    const a = setTopic(EMPTY_CONTEXT, 'price', T0, 60);
    const b = setTopic(a, 'price', T0 + 50_000, 60);
    expect(a).toEqual({ price: T0 + 60_000 });
    expect(b).toEqual({ price: T0 + 110_000 });
    expect(EMPTY_CONTEXT).toEqual({});
  });

  it('lists active topics, most recent first', () => {
    let ctx = setTopic(EMPTY_CONTEXT, 'price', T0, 600);
    ctx = setTopic(ctx, 'shipping', T0 + 1000, 600);
    ctx = setTopic(ctx, 'old', T0 - 700_000, 600);
    expect(activeTopics(ctx, T0 + 2000)).toEqual(['shipping', 'price']);
  });

  it('expires what is due and keeps the same object when nothing is', () => {
    let ctx = setTopic(EMPTY_CONTEXT, 'price', T0, 10);
    ctx = setTopic(ctx, 'shipping', T0, 100);
    const early = expire(ctx, T0 + 5000);
    expect(early.context).toBe(ctx);
    expect(early.expired).toEqual([]);
    const later = expire(ctx, T0 + 10_000);
    expect(later.expired).toEqual(['price']);
    expect(later.context).toEqual({ shipping: T0 + 100_000 });
    expect(nextExpiry(ctx)).toBe(T0 + 10_000);
    expect(nextExpiry(EMPTY_CONTEXT)).toBeUndefined();
  });
});

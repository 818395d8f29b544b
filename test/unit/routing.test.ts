import { describe, expect, it } from 'vitest';
import { ConfigSchema, type ConfigInput } from '../../src/rules/config';
import { candidatesFor, chooseServicer, estimateWaitMinutes, matchRoute, type ChooseInput, type Choice } from '../../src/rules/routing';

const parse = (doc: ConfigInput) => ConfigSchema.parse(doc);

describe('matchRoute', () => {
  // The contract's example, verbatim.
  const { routing } = parse({
    routing: [
      { when: { tag: 'VIP' }, group: 'senior_group' },
      { when: { intent: 'refund' }, group: 'after_sale_group' },
      { default: true, strategy: 'least_busy' },
    ],
  });

  it('first match wins, in order', () => {
    expect(matchRoute(routing, { tags: ['VIP'], intent: 'refund' })).toEqual({ group: 'senior_group', strategy: 'least_busy', index: 0 });
    expect(matchRoute(routing, { tags: [], intent: 'refund' })).toEqual({ group: 'after_sale_group', strategy: 'least_busy', index: 1 });
  });

  it('falls to the default rule, which without a group means everyone', () => {
    expect(matchRoute(routing, { tags: ['北京用户'], intent: null })).toEqual({ strategy: 'least_busy', index: 2 });
  });

  it('a default rule may name a group and a strategy', () => {
    const r = parse({ routing: [{ default: true, group: 'pool', strategy: 'round_robin' }] }).routing;
    expect(matchRoute(r, { tags: [] })).toEqual({ group: 'pool', strategy: 'round_robin', index: 0 });
  });

  it('needs every condition of a rule (tag AND intent AND channel)', () => {
    const r = parse({ routing: [{ when: { tag: 'VIP', intent: 'refund', channel: 'BJ001' }, group: 'g', strategy: 'round_robin' }] }).routing;
    expect(matchRoute(r, { tags: ['VIP'], intent: 'refund', channel: 'BJ001' }).index).toBe(0);
    expect(matchRoute(r, { tags: ['VIP'], intent: 'refund', channel: 'SH002' }).index).toBe(-1);
    expect(matchRoute(r, { tags: [], intent: 'refund', channel: 'BJ001' }).index).toBe(-1);
  });

  it('without any match nor default: everyone, least busy', () => {
    expect(matchRoute([], { tags: [] })).toEqual({ strategy: 'least_busy', index: -1 });
  });
});

describe('candidatesFor', () => {
  const groups = parse({
    groups: [
      { id: 'senior_group', name: '资深客服', servicers: ['zhangsan', 'lisi'] },
      { id: 'after_sale_group', name: '售后', servicers: ['wangwu', 'lisi'] },
    ],
  }).groups;
  it('one group, or every servicer of every group once', () => {
    expect(candidatesFor(groups, 'after_sale_group')).toEqual(['wangwu', 'lisi']);
    expect(candidatesFor(groups)).toEqual(['zhangsan', 'lisi', 'wangwu']);
    expect(candidatesFor(groups, 'nope')).toEqual([]);
  });
});

describe('chooseServicer', () => {
  const base = (over: Partial<ChooseInput> = {}): ChooseInput => ({
    candidates: ['a', 'b', 'c'],
    loads: {},
    onDuty: new Set(['a', 'b', 'c']),
    maxConcurrent: 2,
    strategy: 'least_busy',
    ...over,
  });

  it('least_busy picks the fewest open conversations, ties by candidate order', () => {
    expect(chooseServicer(base({ loads: { a: 1, b: 0, c: 0 } }))?.servicer).toBe('b');
    expect(chooseServicer(base())?.servicer).toBe('a');
  });

  it('never goes above max_concurrent, and null when everyone is full', () => {
    expect(chooseServicer(base({ loads: { a: 2, b: 2, c: 1 } }))?.servicer).toBe('c');
    expect(chooseServicer(base({ loads: { a: 2, b: 2, c: 2 } }))).toBeNull();
    expect(chooseServicer(base({ strategy: 'round_robin', loads: { a: 2, b: 2, c: 2 } }))).toBeNull();
  });

  it('skips servicers off duty (set or map), null when everyone is off', () => {
    expect(chooseServicer(base({ onDuty: new Set(['c']) }))?.servicer).toBe('c');
    expect(chooseServicer(base({ onDuty: new Map([['a', false], ['b', true]]) }))?.servicer).toBe('b');
    expect(chooseServicer(base({ onDuty: new Set() }))).toBeNull();
    expect(chooseServicer(base({ candidates: [] }))).toBeNull();
  });

  it('round robin cycles evenly and stays fair under the cap', () => {
    const loads: Record<string, number> = {};
    let rrPointer: string | null = null;
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = chooseServicer(base({ strategy: 'round_robin', loads, rrPointer, maxConcurrent: 2 }));
      expect(c).not.toBeNull();
      order.push(c!.servicer);
      loads[c!.servicer] = (loads[c!.servicer] ?? 0) + 1;
      rrPointer = c!.nextRrPointer;
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(chooseServicer(base({ strategy: 'round_robin', loads, rrPointer }))).toBeNull();
    // b frees a slot: the next customer goes to b whatever the pointer says.
    loads.b = 1;
    expect(chooseServicer(base({ strategy: 'round_robin', loads, rrPointer }))?.servicer).toBe('b');
  });

  it('round robin over many customers with conversations ending: equal shares', () => {
    const count: Record<string, number> = { a: 0, b: 0, c: 0 };
    let rrPointer: string | null = null;
    for (let i = 0; i < 300; i++) {
      const c: Choice = chooseServicer(base({ strategy: 'round_robin', rrPointer }))!;
      count[c.servicer]!++;
      rrPointer = c.nextRrPointer;
    }
    expect(count).toEqual({ a: 100, b: 100, c: 100 });
  });

  it('round robin skips the full and the off-duty and resumes after the pointer', () => {
    const c = chooseServicer(base({ strategy: 'round_robin', rrPointer: 'a', loads: { b: 2 } }));
    expect(c).toEqual({ servicer: 'c', nextRrPointer: 'c', reason: 'round_robin' });
    expect(chooseServicer(base({ strategy: 'round_robin', rrPointer: 'c', onDuty: new Set(['b', 'c']) }))?.servicer).toBe('b');
    expect(chooseServicer(base({ strategy: 'round_robin', rrPointer: 'gone' }))?.servicer).toBe('a');
  });

  it('affinity: the last servicer first while on duty and under capacity', () => {
    expect(chooseServicer(base({ lastServicer: 'c', loads: { c: 1 } }))).toEqual({ servicer: 'c', nextRrPointer: null, reason: 'affinity' });
    expect(chooseServicer(base({ strategy: 'round_robin', lastServicer: 'c', rrPointer: 'a' }))).toEqual({
      servicer: 'c',
      nextRrPointer: 'a', // affinity does not consume a round-robin turn
      reason: 'affinity',
    });
    expect(chooseServicer(base({ lastServicer: 'c', loads: { c: 2 } }))?.servicer).toBe('a');
    expect(chooseServicer(base({ lastServicer: 'c', onDuty: new Set(['a', 'b']) }))?.servicer).toBe('a');
    expect(chooseServicer(base({ lastServicer: 'outsider', onDuty: new Set(['a', 'b', 'outsider']) }))?.servicer).toBe('a');
  });
});

describe('estimateWaitMinutes', () => {
  it('is position × handle time / free slots, rounded up, at least 1', () => {
    expect(estimateWaitMinutes(1, { servicersOnDuty: 2, maxConcurrent: 5 })).toBe(1);
    expect(estimateWaitMinutes(10, { servicersOnDuty: 2, maxConcurrent: 5 })).toBe(8);
    expect(estimateWaitMinutes(3, { servicersOnDuty: 1, maxConcurrent: 1, averageHandleMinutes: 4 })).toBe(12);
  });
  it('is null with nobody on duty', () => expect(estimateWaitMinutes(1, { servicersOnDuty: 0, maxConcurrent: 5 })).toBeNull());
});

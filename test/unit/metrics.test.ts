import { describe, expect, it } from 'vitest';
import { type AnalyticsEvent, compareVariants, computeMetrics, distribution } from '../../src/engine/metrics';

const conv = (id: string, list: Array<Omit<AnalyticsEvent, 'conversation'>>): AnalyticsEvent[] =>
  list.map((e) => ({ ...e, conversation: id }));

describe('computeMetrics', () => {
  it('measures human first response from the handoff, ignoring bot messages in between', () => {
    const events = conv('kf:a', [
      { at: 0, type: 'message_in' },
      { at: 1_000, type: 'message_out', data: { by: 'bot' } },
      { at: 2_000, type: 'message_in' },
      { at: 2_500, type: 'fallback' },
      { at: 2_600, type: 'message_out', data: { by: 'bot' } },
      { at: 10_000, type: 'handoff', servicer: 'zhangsan', data: { reason: 'keyword' } },
      { at: 10_100, type: 'message_out', data: { by: 'bot' } }, // the handoff notice: not a human response
      { at: 70_000, type: 'message_out', servicer: 'zhangsan', data: { by: 'servicer' } },
      { at: 130_000, type: 'closed' },
      { at: 131_000, type: 'rating', servicer: 'zhangsan', data: { score: 5 } },
    ]);
    const m = computeMetrics(events);
    expect(m.humanFirstResponseMs).toMatchObject({ count: 1, median: 60_000 });
    expect(m.botFirstResponseMs).toMatchObject({ count: 2, median: 1_000 });
    expect(m.handlingMs).toMatchObject({ count: 1, median: 120_000 });
    expect(m.servicers).toEqual([
      expect.objectContaining({ servicer: 'zhangsan', handled: 1, rated: 1, satisfaction: 5 }),
    ]);
    expect(m.handoffReasons).toEqual([{ reason: 'keyword', count: 1 }]);
    expect(m.containmentRate).toBe(0);
  });

  it('counts clarifications, and those the customer resolved by clicking an offered entry', () => {
    const events = [
      ...conv('kf:a', [
        { at: 0, type: 'message_in' },
        { at: 1, type: 'clarify', data: { choices: ['invoice', 'invoice-title'], confidence: 0.3 } },
        { at: 5, type: 'message_in', data: { menu_id: 'invoice-title' } },
        { at: 6, type: 'answer', data: { answers: [{ source: 'menu', id: 'invoice-title', confidence: 1 }] } },
      ]),
      // Asked, then typed something else that was answered: not resolved by the menu.
      ...conv('kf:b', [
        { at: 0, type: 'clarify', data: { choices: ['tracking'], confidence: 0.25 } },
        { at: 3, type: 'answer', data: { answers: [{ source: 'knowledge', id: 'tracking', confidence: 0.8 }] } },
        { at: 4, type: 'answer', data: { answers: [{ source: 'menu', id: 'tracking', confidence: 1 }] } },
        { at: 9, type: 'smalltalk', data: { kind: 'thanks' } },
      ]),
    ];
    const m = computeMetrics(events);
    expect(m).toMatchObject({ clarifications: 2, clarificationsResolved: 1, clarifyResolutionRate: 0.5, smallTalk: 1 });
    expect(computeMetrics([])).toMatchObject({ clarifications: 0, clarifyResolutionRate: null });
  });

  it('counts answer, fallback and containment rates over bot turns and conversations', () => {
    const events = [
      ...conv('kf:a', [
        { at: 0, type: 'message_in' },
        { at: 1, type: 'intent', intent: 'price' },
        { at: 1, type: 'answer', data: { source: 'knowledge' } },
      ]),
      ...conv('kf:b', [
        { at: 0, type: 'message_in' },
        { at: 1, type: 'fallback' },
        { at: 5, type: 'handoff', data: { reason: 'escalation' } },
        { at: 9, type: 'assigned', servicer: 'lisi' },
        { at: 12, type: 'message_out', servicer: 'lisi', data: { by: 'servicer' } },
      ]),
    ];
    const m = computeMetrics(events);
    expect(m).toMatchObject({ conversations: 2, botTurns: 2, answered: 1, fallbacks: 1, answerRate: 0.5, fallbackRate: 0.5, containmentRate: 0.5 });
    expect(m.intents).toEqual([{ intent: 'price', count: 1 }]);
    expect(m.humanFirstResponseMs.median).toBe(7);
    expect(m.servicers[0]).toMatchObject({ servicer: 'lisi', handled: 1 });
  });

  it('measures queue wait from the first queued to the assignment, and leaves abandoned waits out', () => {
    const events = [
      // Everyone busy: queued at 10 s, queued again (routed again) at 20 s, taken from the queue at 70 s.
      ...conv('kf:a', [
        { at: 0, type: 'message_in' },
        { at: 10_000, type: 'handoff', data: { reason: 'keyword' } },
        { at: 10_000, type: 'queued', data: { position: 2, wait_minutes: 3 } },
        { at: 20_000, type: 'queued', data: { position: 1, wait_minutes: 1 } },
        { at: 70_000, type: 'assigned', servicer: 'lisi', data: { from: 'queue' } },
        { at: 75_000, type: 'message_out', servicer: 'lisi', data: { by: 'servicer' } },
        // Assigned again later (a transfer): no wait, nobody was queued.
        { at: 90_000, type: 'assigned', servicer: 'zhangsan', data: { from: 'transfer' } },
      ]),
      // Left while waiting: the wait ended without a servicer; a later assignment measures nothing.
      ...conv('kf:b', [
        { at: 0, type: 'handoff', data: { reason: 'escalation' } },
        { at: 0, type: 'queued', data: { position: 1 } },
        { at: 500_000, type: 'closed' },
        { at: 600_000, type: 'assigned', servicer: 'lisi', data: { from: 'queue' } },
      ]),
      // Assigned by routing straight away: no queue, no wait.
      ...conv('kf:c', [
        { at: 0, type: 'handoff', servicer: 'lisi', data: { reason: 'keyword' } },
        { at: 0, type: 'assigned', servicer: 'lisi', data: { from: 'routing' } },
      ]),
    ];
    const m = computeMetrics(events);
    expect(m.queueWaitMs).toEqual({ count: 1, median: 60_000, p90: 60_000, mean: 60_000 });
    // The queue's wait is nobody's work: servicers keep first response and handling only.
    expect(m.servicers.find((s) => s.servicer === 'lisi')).not.toHaveProperty('queueWaitMs');
    expect(computeMetrics([]).queueWaitMs).toEqual({ count: 0, median: null, p90: null, mean: null });
  });

  it('ignores ratings outside 1..5 and keeps empty figures null rather than zero', () => {
    const m = computeMetrics(conv('kf:a', [{ at: 0, type: 'rating', data: { score: 9 } }]));
    expect(m.ratings).toBe(0);
    expect(m.satisfaction).toBeNull();
    expect(m.answerRate).toBeNull();
  });

  it('splits figures per release variant', () => {
    const events: AnalyticsEvent[] = [
      { at: 0, conversation: 'kf:a', type: 'fallback', variant: 'stable' },
      { at: 0, conversation: 'kf:b', type: 'answer', variant: 'candidate' },
    ];
    const v = compareVariants(events);
    expect(v['stable']?.fallbackRate).toBe(1);
    expect(v['candidate']?.answerRate).toBe(1);
  });
});

describe('distribution', () => {
  it('gives median and p90 of the values', () => {
    expect(distribution([5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).toEqual({ count: 10, median: 6, p90: 10, mean: 6 });
    expect(distribution([])).toEqual({ count: 0, median: null, p90: null, mean: null });
  });
});

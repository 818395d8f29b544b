import { afterEach, describe, expect, it, vi } from 'vitest';
import { kindsOf } from '../../bench/load/heap';
import { traceRun } from '../../src/runtime/run-trace';

afterEach(() => vi.restoreAllMocks());

describe('run traces (npm run load -- --runs)', () => {
  it('print nothing unless LOAD_RUNS is "1", and never read what describes the run', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const describe = vi.fn(() => ({ trigger: 'ingest' }));
    const trace = traceRun({ LOAD_PROFILE: '1' }, 'Conversation', describe);
    trace.phase('loaded');
    trace.end({ items: 1 });
    expect(log).not.toHaveBeenCalled();
    expect(describe).not.toHaveBeenCalled();
  });

  it('print one line per run: its phases, what it did, and how many runs were under way as it started', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const env = { LOAD_RUNS: '1' };
    const first = traceRun(env, 'Conversation', () => ({ trigger: 'ingest', customer: 'wm1' }));
    const second = traceRun(env, 'Conversation', () => ({ trigger: 'alarm', customer: 'wm2' }));
    first.phase('loaded');
    first.end({ items: 2 });
    first.end({ items: 3 });
    second.end({ items: 0 });
    const third = traceRun(env, 'Inbox', () => ({}));
    third.end();
    const runs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(runs).toHaveLength(3);
    expect(runs[0]).toMatchObject({ run: 'Conversation', concurrent: 0, trigger: 'ingest', customer: 'wm1', items: 2, phases: { loaded: expect.any(Number) } });
    expect(runs[1]).toMatchObject({ run: 'Conversation', concurrent: 1, trigger: 'alarm', items: 0, phases: {} });
    // Both ended before it started: a run ended twice counts once.
    expect(runs[2]).toMatchObject({ run: 'Inbox', concurrent: 0 });
  });
});

describe('heap snapshot summaries (npm run load -- --heap)', () => {
  it('sum shallow bytes per constructor, other node types by kind', () => {
    const snapshot = {
      snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure']] as [string[]] } },
      // type, name, id, self_size, edge_count
      nodes: [3, 0, 1, 32, 0, 3, 0, 3, 48, 0, 3, 1, 5, 16, 0, 2, 2, 7, 24, 0, 5, 3, 9, 40, 0, 5, 4, 11, 40, 0],
      strings: ['Map', 'Meta', 'a customer id', 'turn', ''],
    };
    expect(Object.fromEntries(kindsOf(snapshot))).toEqual({
      Map: { count: 2, bytes: 80 },
      Meta: { count: 1, bytes: 16 },
      '(string)': { count: 1, bytes: 24 },
      '(closure) turn': { count: 1, bytes: 40 },
      '(closure) (anonymous)': { count: 1, bytes: 40 },
    });
  });
});

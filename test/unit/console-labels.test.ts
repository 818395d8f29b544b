import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_LABELS, eventLabel } from '../../src/console/logic/labels';

/**
 * Every timeline event type the system records has a Chinese label in the console's one table.
 * The types are read from the sources that write them, so a new event type fails here until
 * it has a label: decisions (src/engine/decide.ts, escalation.ts, welcome.ts), what the Conversation object records itself
 * (src/objects/conversation/), the analytics rows (src/engine/metrics.ts), and WeCom's kf events,
 * recorded under their own event_type (the ones src/wecom/types.ts reads and the simulator sends).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const source = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

function emittedTypes(): Set<string> {
  const conversation = readdirSync(resolve(ROOT, 'src/objects/conversation'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => source(`src/objects/conversation/${f}`))
    .join('\n');
  const kfEvent = /KfEventSchema = z\.looseObject\(\{([\s\S]*?)\}\);/.exec(source('src/wecom/types.ts'))?.[1] ?? '';
  const simulator = ['src/simulator/world.ts', 'src/simulator/control.ts', 'src/simulator/types.ts'].map(source).join('\n');
  return new Set([
    ...['src/engine/decide.ts', 'src/engine/escalation.ts', 'src/engine/welcome.ts'].flatMap((path) => all(source(path), /\btype: '([a-z_]+)'/g)),
    ...all(source('src/engine/metrics.ts'), /\btype: '([a-z_]+)'/g),
    ...all(conversation, /\btype: '([a-z_]+)'/g),
    ...all(conversation, /\brecord\([^,()]+, '([a-z_]+)'/g),
    ...all(conversation, /\bstamped\([^,()]+, [^,()]+, '([a-z_]+)'/g),
    // Outbox items recorded under their purpose (`this.record(at, item.purpose, …)`).
    ...all(conversation, /item\.purpose === '([a-z_]+)'/g).filter((p) => p !== 'reply' && p !== 'transfer'),
    ...all(kfEvent, /\/\*\*\s*([a-z_]+(?:\s*\/\s*[a-z_]+)*)[\s:*]/g).flatMap((names) => names.split('/').map((n) => n.trim())),
    ...all(simulator, /event_type: '([a-z_]+)'/g),
  ]);
}

describe('timeline event labels', () => {
  it('finds the event types in the sources (the scan itself works)', () => {
    const types = emittedTypes();
    for (const t of ['message_in', 'handoff', 'assigned', 'queued', 'state', 'tag', 'shadow', 'welcome', 'survey', 'enter_session', 'session_status_change', 'user_recall_msg']) expect(types).toContain(t);
  });

  it('labels every event type the system records', () => {
    const missing = [...emittedTypes()].filter((t) => !(t in EVENT_LABELS));
    expect(missing).toEqual([]);
  });

  it('falls back to the raw type for an event it does not know', () => {
    expect(eventLabel('handoff')).toBe('转人工');
    expect(eventLabel('something_new')).toBe('其他事件（something_new）');
  });
});

import type { Decided } from './decide';
import { stamped, type EventDraft, type TurnInput, type TurnPorts } from './types';

/** Phase 5: the breaker hears how the bot fared, keyed by the turn: a turn run again is counted once. */
export async function reportToBreaker(input: TurnInput, decided: Decided, breaker: TurnPorts['breaker']): Promise<EventDraft[]> {
  const { admission, failures } = decided;
  const { now } = input;
  const events: EventDraft[] = [];
  const turnKey = `${input.identity.key}:${input.lastSeq ?? `escalation:${now}`}`;
  if (admission && !admission.allow) events.push(stamped(input, now, 'breaker', { status: admission.status, action: 'handed_over' }));
  for (const f of failures) {
    events.push(stamped(input, now, 'bot_failure', { stage: f.stage, cause: f.cause }));
    const change = await breaker.failed(`${turnKey}:${f.stage}`, `${f.stage}: ${f.cause}`);
    if (change.changed) events.push(stamped(input, now, 'breaker', { status: change.status, action: 'opened', failures: change.failures.length }));
  }
  if (admission?.probe && failures.length === 0) {
    const change = await breaker.succeeded();
    if (change.changed) events.push(stamped(input, now, 'breaker', { status: change.status, action: 'closed' }));
  }
  return events;
}

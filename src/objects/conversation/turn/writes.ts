import { recordBehaviorEvent } from '../../../storage/behavior';
import { upsertCustomerSeen } from '../../../storage/customers';
import { applyTagChanges } from '../../../storage/tags';
import { recordViolation } from '../../../storage/violations';
import { stamped, type EventDraft, type TagActionRef, type TurnInput, type TurnPorts, type TurnWrite } from './types';

/** Phase 6: the tags after this turn's rule actions (applied in D1 before routing reads them). */
export interface Tagged {
  tags: ReadonlySet<string>;
  events: EventDraft[];
}

export async function applyTags(input: TurnInput, actions: readonly TagActionRef[], ports: Pick<TurnPorts, 'db'>): Promise<Tagged> {
  const { now } = input;
  const tags = new Set(input.tags);
  const events: EventDraft[] = [];
  if (actions.length === 0) return { tags, events };
  const add = actions.filter((t) => t.action === 'add_tag').map((t) => ({ tag: t.tag, source: t.source, source_ref: t.rule_name }));
  const remove = actions.filter((t) => t.action === 'remove_tag').map((t) => t.tag);
  const applied = await applyTagChanges(ports.db, input.identity.external_userid, { add, remove }, now);
  for (const r of applied.removed) tags.delete(r);
  for (const a of applied.added) tags.add(a.tag);
  for (const a of applied.added) events.push(stamped(input, now, 'tag', { action: 'add', tag: a.tag, source: a.source, rule: a.source_ref ?? null }));
  for (const r of applied.removed) events.push(stamped(input, now, 'tag', { action: 'remove', tag: r }));
  return { tags, events };
}

/** The language the customer's profile learns from the turn (the load wrote the rest it learns), then the turn's other writes, in order. */
export async function runWrites(input: TurnInput, language: string | undefined, writes: readonly TurnWrite[], ports: Pick<TurnPorts, 'db' | 'reception'>): Promise<void> {
  const { open_kfid, external_userid, key } = input.identity;
  if (language) await upsertCustomerSeen(ports.db, { external_userid, open_kfid, at: input.now, language });
  for (const write of writes) await runWrite(write, key, ports);
}

export async function runWrite(write: TurnWrite, key: string, ports: Pick<TurnPorts, 'db' | 'reception'>): Promise<void> {
  switch (write.kind) {
    case 'behavior':
      return void (await recordBehaviorEvent(ports.db, write.event));
    case 'violation':
      return void (await recordViolation(ports.db, write.violation));
    case 'assigned_externally':
      return ports.reception.assignedExternally(key, write.servicer);
    case 'release':
      return ports.reception.release(key);
    case 'uncertain':
      return write.run();
  }
}

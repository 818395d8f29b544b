/**
 * One sync_msg page of an Inbox handed on: new items grouped per customer to their Conversation
 * objects, the kf account's own events to Reception, and what was handed on marked seen in the
 * Inbox's storage (its `seen` and `rejected` tables).
 */
import type { TenantEnv } from '../storage/tenant';
import { itemCustomer, parseSyncMsgItems, type SyncMsgItem } from '../wecom/types';
import { conversationKey, conversationStub } from './conversation/address';
import { receptionStub } from './reception';

/** Conversations handed a page in parallel; each conversation still gets its items in order. */
const INGEST_CONCURRENCY = 8;

/**
 * Hands one page on. Resolves only when every new item is stored by its Conversation (or by the
 * kf-wide event route); throws otherwise, so the caller keeps the cursor. The items handed on
 * are marked seen together once every hand-off of the page has settled (one commit with the
 * cursor, not one per conversation), so a retry of the page only re-sends what failed; a crash
 * before that re-sends the page, which each Conversation's msgid check ignores (inbound.ts).
 */
export async function handOnPage(storage: DurableObjectStorage, list: readonly unknown[], openKfId: string, env: TenantEnv): Promise<void> {
  const { items, rejected } = parseSyncMsgItems(list);
  const now = Date.now();
  for (const r of rejected) {
    console.error('inbox: sync_msg item set aside, it does not parse', { reason: r.reason });
    storage.sql.exec('INSERT OR IGNORE INTO rejected (raw, reason, at) VALUES (?, ?, ?)', JSON.stringify(r.raw), r.reason, now);
  }

  const perCustomer = new Map<string, SyncMsgItem[]>();
  const kfWide: SyncMsgItem[] = [];
  const inPage = new Set<string>();
  for (const raw of items) {
    if (inPage.has(raw.msgid) || isSeen(storage, raw.msgid)) continue;
    inPage.add(raw.msgid);
    const customer = itemCustomer(raw);
    const kf = raw.open_kfid || raw.event?.open_kfid || openKfId;
    const item: SyncMsgItem = { ...raw, open_kfid: kf, ...(customer ? { external_userid: customer } : {}) };
    if (!customer) {
      kfWide.push(item);
      continue;
    }
    const key = conversationKey(kf, customer);
    const group = perCustomer.get(key);
    if (group) group.push(item);
    else perCustomer.set(key, [item]);
  }

  if (kfWide.length > 0) {
    await routeKfEvents(kfWide, env);
    markSeen(storage, kfWide);
  }
  const failures: unknown[] = [];
  const handed: SyncMsgItem[] = [];
  const queue = [...perCustomer.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, group] = next;
      try {
        await conversationStub(env, key).ingest(group, env.TENANT);
        handed.push(...group);
      } catch (e) {
        failures.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INGEST_CONCURRENCY, queue.length) }, worker));
  markSeen(storage, handed);
  if (failures.length > 0) {
    const first = failures[0];
    throw new Error(`${failures.length} conversation(s) did not take their messages: ${first instanceof Error ? first.message : String(first)}`);
  }
}

/**
 * Events of the kf account itself, handed to the Reception object before the cursor moves:
 * servicer_status_change (1 接待中 / 2 停止接待) puts a servicer on or off duty, and coming on
 * duty drains the queue.
 */
async function routeKfEvents(items: readonly SyncMsgItem[], env: TenantEnv): Promise<void> {
  for (const item of items) {
    const ev = item.event;
    const openKfid = ev?.open_kfid ?? item.open_kfid;
    if (ev?.event_type !== 'servicer_status_change' || !ev.servicer_userid || !openKfid || (ev.status !== 1 && ev.status !== 2)) continue;
    await receptionStub(env, openKfid).setServicerStatus(env.TENANT, openKfid, ev.servicer_userid, ev.status === 1);
  }
}

function isSeen(storage: DurableObjectStorage, msgid: string): boolean {
  return storage.sql.exec('SELECT 1 FROM seen WHERE msgid = ?', msgid).toArray().length > 0;
}

function markSeen(storage: DurableObjectStorage, items: readonly SyncMsgItem[]): void {
  const now = Date.now();
  storage.transactionSync(() => {
    for (const item of items) storage.sql.exec('INSERT OR IGNORE INTO seen (msgid, seen_at) VALUES (?, ?)', item.msgid, now);
  });
}

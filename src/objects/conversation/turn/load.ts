import { openState } from '../../../rules/hours';
import type { ReleaseCustomer } from '../../../rules/release';
import type { Bound } from '../../../storage/bound';
import { seeCustomer } from '../../../storage/customers';
import type { TenantDb } from '../../../storage/tenant';
import type { Runtime } from '../../../storage/runtime';
import type { InboundLog } from '../inbound';
import type { ConversationMemo } from '../memory';
import { turnDueAt } from '../merge';
import { seenIn } from './facts';
import { errorText, type BotFailureNote, type TurnInput } from './types';

export interface TurnSources {
  db: TenantDb;
  inbound: InboundLog;
  memo: ConversationMemo;
  /** The config that decides for this customer (release stage, variant), and the one used when it cannot be loaded. */
  runtimeFor(customer: ReleaseCustomer): Promise<Runtime>;
  fallbackRuntime(): Promise<Runtime>;
  /** Statements of the caller's that ride in the turn's first D1 batch (asked for only when it runs). */
  alongside?: () => Promise<readonly Bound<unknown>[]>;
}

/** What a turn starts from: the new items, the customer's profile, the config that decides for them, session and memory. Null: nothing to do. */
export async function loadTurn(now: number, sources: TurnSources): Promise<TurnInput | null> {
  const pending = sources.inbound.unprocessed();
  // A burst still being written waits for the rest: an alarm set earlier (a retry) does not cut it short.
  const items = (turnDueAt(pending, sources.memo.settings()) ?? now) <= now ? pending : [];
  const memory = sources.memo.memory();
  const escalationDue = memory.escalationDueAt !== undefined && memory.escalationDueAt <= now;
  if (items.length === 0 && !escalationDue) return null;

  const identity = sources.memo.identity();
  // Seen now, with what the items tell (channel, scene): the language the decision learns is written by the writes phase.
  const seen = { external_userid: identity.external_userid, open_kfid: identity.open_kfid, at: now, ...seenIn(items) };
  const profile = await seeCustomer(sources.db, seen, (await sources.alongside?.()) ?? []);
  const tags = new Set(profile.tags);
  let configFailure: BotFailureNote | null = null;
  let runtime: Runtime;
  try {
    runtime = await sources.runtimeFor({ external_userid: identity.external_userid, tags: [...tags] });
  } catch (e) {
    configFailure = { stage: 'config', cause: errorText(e) };
    runtime = await sources.fallbackRuntime();
  }
  const config = runtime.compiled.config;
  const link = config.links.find((l) => l.open_kfid === identity.open_kfid);
  return {
    now,
    identity,
    items,
    lastSeq: items.at(-1)?.seq,
    escalationDue,
    runtime,
    compiled: runtime.compiled,
    config,
    link,
    hours: openState(link, now),
    stamp: { config_version: runtime.version, variant: runtime.variant },
    knownLanguage: profile.language,
    tags,
    configFailure,
    session: sources.memo.session(),
    memory,
  };
}

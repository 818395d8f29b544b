import type { Decision, TurnMessage } from '../../../engine/decide';
import type { NlpAdapter } from '../../../engine/nlp';
import type { ConversationState } from '../../../engine/state-machine';
import type { Compiled } from '../../../engine/compile';
import type { Config, Link } from '../../../rules/config';
import type { OpenState } from '../../../rules/hours';
import type { TagAction } from '../../../rules/tags';
import type { BehaviorEventInput } from '../../../storage/behavior';
import type { TenantDb } from '../../../storage/tenant';
import type { Runtime } from '../../../storage/runtime';
import type { SemanticBindings } from '../../../storage/semantic-vectors';
import type { ViolationInput } from '../../../storage/violations';
import type { Json } from '../../../runtime/rpc';
import type { BotAdmission, BreakerChange } from '../../breaker';
import type { AssignRequest, AssignResult } from '../../reception';
import type { InboundItem } from '../inbound';
import type { Identity, Memory } from '../memory';
import type { OutboundAction } from '../outbox';
import type { Session } from '../session';

/** A failure of the bot pipeline in a turn: loading the config version, deciding, the semantic path, the NLP adapter. */
export interface BotFailureNote {
  stage: 'config' | 'decide' | 'semantic' | 'nlp';
  cause: string;
}

/** The config version and variant every event of a turn carries. */
export interface Stamp {
  config_version: number | null;
  variant: Runtime['variant'];
}

/** A timeline event a phase produced; the commit records them in phase order. */
export interface EventDraft {
  at: number;
  type: string;
  data: Record<string, Json>;
}

/** A tag rule's action, with what triggered it. */
export type TagActionRef = TagAction & { ref: string };

/** What the customer's profile learns from a turn's items (upsertCustomerSeen; the language comes from the decision). */
export interface Seen {
  channel?: string;
  scene_param?: string;
}

/** An idempotent write outside the object (D1, Reception), run before the commit: a replayed turn repeats it harmlessly. */
export type TurnWrite =
  | { kind: 'behavior'; event: BehaviorEventInput }
  | { kind: 'violation'; violation: ViolationInput }
  | { kind: 'assigned_externally'; servicer: string }
  | { kind: 'release' }
  /** Keeping an uncertain question or a clarification's click (../../uncertain-keeper). */
  | { kind: 'uncertain'; run: () => Promise<void> };

/** What a turn starts from, read once: nothing here changes while it runs. */
export interface TurnInput {
  now: number;
  identity: Identity;
  /** The new inbound items, oldest first; lastSeq undefined: only an escalation is due. */
  items: readonly InboundItem[];
  lastSeq: number | undefined;
  escalationDue: boolean;
  runtime: Runtime;
  compiled: Compiled;
  config: Config;
  link: Link | undefined;
  hours: OpenState;
  stamp: Stamp;
  /** The customer's language as D1 knows it, and their tags before this turn. */
  knownLanguage: string | null;
  tags: ReadonlySet<string>;
  /** The config version could not be loaded: the turn decides with the fallback config and hands over. */
  configFailure: BotFailureNote | null;
  /** Session and memory as stored before the turn. */
  session: Session;
  memory: Memory;
}

/** The outside world a turn reads and writes idempotently. */
export interface TurnPorts {
  db: TenantDb;
  reception: ReceptionPort;
  breaker: BreakerPort;
  bot: BotPorts;
  /** The outbox's record of a message it sent (for WeCom's msg_send_fail about it). */
  sentItem(msgid: string): { purpose: string; text: string; attempts: number } | undefined;
}

export interface ReceptionPort {
  assign(request: AssignRequest): Promise<AssignResult>;
  assignedExternally(conversation: string, servicer: string): Promise<void>;
  release(conversation: string): Promise<void>;
}

/** The kf account's circuit breaker, as a turn sees it. */
export interface BreakerPort {
  admit(): Promise<BotAdmission>;
  failed(key: string, cause: string): Promise<BreakerChange>;
  succeeded(): Promise<BreakerChange>;
}

/** The optional helpers of the bot's decision: the NLP adapter, the semantic path, the backup kf link. */
export interface BotPorts {
  nlpFor(model: string): NlpAdapter | null;
  semantic(): SemanticBindings;
  kfLinkUrl(openKfid: string): Promise<string>;
}

/** A decision as far as a turn has one: the bot's, an escalation's, or none yet (no replies, no events). */
export type TurnDecision = Pick<Decision, 'replies' | 'events'> & Partial<Decision>;

export type { TurnMessage, OutboundAction };

/** The states in which the bot holds the conversation: it may answer, and a handoff is routed. */
export function botHolds(state: ConversationState): boolean {
  return ['new', 'bot', 'closed'].includes(state);
}

export function errorText(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 300);
}

/** An event of the turn, stamped with the config version and variant that decided it. */
export function stamped(input: Pick<TurnInput, 'stamp'>, at: number, type: string, data: Record<string, Json>): EventDraft {
  return { at, type, data: { ...data, ...input.stamp } };
}

/** What fixes the msgids of the turn's replies and transfer: its last customer message, or the escalation. */
export function sourceOf(burst: readonly TurnMessage[], now: number): string {
  return burst.at(-1)?.msgid ?? `escalation:${now}`;
}

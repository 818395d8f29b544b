import { NO_WINDOW, type SendBudget } from '../../engine/budget';
import { EMPTY_CONTEXT, type ContextTopics } from '../../engine/context';
import { SESSION_LIFETIME_MS } from '../../engine/state-machine';
import type { HumanHandling, SurveyPending } from '../../engine/survey';
import type { Json } from '../../runtime/rpc';
import type { Meta } from '../../runtime/storage';
import { conversationKey } from './address';
import { INITIAL_SESSION, type Session } from './session';
import type { ConversationView } from './shapes';
import type { TimelineEvent } from './timeline';

/** What the conversation remembers between turns, besides the session. */
export interface Memory {
  context: ContextTopics;
  misses: number;
  escalationDueAt?: number;
  lastIntent?: string;
  language?: string;
  budget: SendBudget;
  surveyPending?: SurveyPending;
  handling?: HumanHandling;
  /** `since` of the last handling that was surveyed: one survey per human handling. */
  surveyedHandling?: number;
  lastWelcomeAt?: number;
  lastServicer?: string;
  channel?: string;
}

export const INITIAL_MEMORY: Memory = { context: EMPTY_CONTEXT, misses: 0, budget: NO_WINDOW };

export interface Identity {
  open_kfid: string;
  external_userid: string;
  /** `${open_kfid}:${external_userid}`, the name of the conversation's Durable Object. */
  key: string;
}

/** The settings of the config that decided the last turn, kept for the work between turns. */
export interface TurnSettings {
  config_version: number | null;
  variant: string | null;
  merge_window_ms: number;
  /** bot.adaptive_merge: the merge wait follows the latest message (engine/merge-window.ts). */
  adaptive_merge: boolean;
  max_delivery_age_ms: number;
  retention_ms: number | null;
}

/** Until a config says otherwise: how long a burst of customer messages is collected. */
const DEFAULT_MERGE_WINDOW_MS = 1500;

/**
 * The conversation's small named values (identity, session, memory, the last turn's settings),
 * typed, over the object's `meta` table.
 */
export class ConversationMemo {
  constructor(private readonly meta: Meta) {}

  /** Takes the customer on the first items; a conversation never changes hands. */
  adopt(open_kfid: string, external_userid: string): void {
    const known = this.meta.get<string>('open_kfid');
    const knownUser = this.meta.get<string>('external_userid');
    if (known === null) {
      this.meta.set('open_kfid', open_kfid);
      this.meta.set('external_userid', external_userid);
    } else if (known !== open_kfid || knownUser !== external_userid) {
      throw new Error(`conversation ${known}:${knownUser} was handed items of ${open_kfid}:${external_userid}`);
    }
  }

  known(): boolean {
    return this.meta.get<string>('open_kfid') !== null;
  }

  /** Who this conversation is with; only null before its first message. */
  identityOrNull(): Identity | null {
    const open_kfid = this.meta.get<string>('open_kfid');
    const external_userid = this.meta.get<string>('external_userid');
    return open_kfid === null || external_userid === null ? null : { open_kfid, external_userid, key: conversationKey(open_kfid, external_userid) };
  }

  identity(): Identity {
    const identity = this.identityOrNull();
    if (!identity) throw new Error('this conversation has had no message yet: it does not know its customer');
    return identity;
  }

  session(): Session {
    return this.meta.get<Session>('session') ?? INITIAL_SESSION;
  }

  setSession(session: Session): void {
    this.meta.set('session', session);
  }

  memory(): Memory {
    return this.meta.get<Memory>('memory') ?? INITIAL_MEMORY;
  }

  setMemory(memory: Memory): void {
    this.meta.set('memory', memory);
  }

  settings(): TurnSettings {
    return {
      config_version: this.meta.get<number>('config_version'),
      variant: this.meta.get<string>('variant'),
      merge_window_ms: this.meta.get<number>('merge_window_ms') ?? DEFAULT_MERGE_WINDOW_MS,
      adaptive_merge: this.meta.get<boolean>('adaptive_merge') ?? true,
      // Retried until this age (bot.max_delivery_age_seconds), never past the platform's 48-hour window.
      max_delivery_age_ms: Math.min(SESSION_LIFETIME_MS, this.meta.get<number>('max_delivery_age_ms') ?? SESSION_LIFETIME_MS),
      retention_ms: this.meta.get<number>('retention_ms'),
    };
  }

  setSettings(settings: TurnSettings): void {
    for (const [key, value] of Object.entries(settings)) this.meta.set(key, value);
  }

  /**
   * When WeCom ends the session by itself: 48 hours after the customer's last message (the send
   * window the budget tracks), unless it was closed before. No event announces it.
   */
  sessionEndsAt(): number | null {
    const opened = this.memory().budget.windowOpenedAt;
    return opened === null || this.session().state === 'closed' ? null : opened + SESSION_LIFETIME_MS;
  }

  /** The conversation as the admin API shows it, with its timeline's `events`. */
  view(events: TimelineEvent[]): ConversationView {
    const session = this.session();
    const identity = this.identityOrNull();
    const settings = this.settings();
    return {
      open_kfid: identity?.open_kfid ?? null,
      external_userid: identity?.external_userid ?? null,
      state: session.state,
      group: session.group,
      servicer: session.servicer,
      context: this.memory().context as { [key: string]: Json },
      config_version: settings.config_version,
      variant: settings.variant,
      events,
    };
  }
}

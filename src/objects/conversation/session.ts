import { fromServiceState, transition, triggerForSessionChange, type ConversationState, type Trigger } from '../../engine/state-machine';
import { Origin, type SyncMsgItem } from '../../wecom/types';
import type { Json } from '../../runtime/rpc';

/** Our mirror of WeCom's session: its state, who holds it, and the group it was routed to. */
export interface Session {
  state: ConversationState;
  servicer: string | null;
  group: string | null;
}

export const INITIAL_SESSION: Session = { state: 'new', servicer: null, group: null };

/** Every way the session can change; nothing else writes it. */
export type SessionChange =
  /** A fact from WeCom: a customer's or a servicer's message, a session_status_change. */
  | { kind: 'item'; item: SyncMsgItem }
  /** A handoff was routed to this group (the transfer follows through the outbox). */
  | { kind: 'routed'; group: string | null }
  /** Reception assigned the waiting customer to a servicer (the transfer follows through the outbox). */
  | { kind: 'assigned'; servicer: string }
  /** Our service_state/trans went through: to the pool (2) or to a servicer (3). */
  | { kind: 'transferred'; serviceState: 2 | 3; servicer: string | null; group: string | null | undefined; msgid: string }
  /** A bot reply went out. */
  | { kind: 'bot_replied'; msgid: string }
  /** service_state/get answered, after WeCom refused a send because of the state. */
  | { kind: 'resynced'; serviceState: number; servicer: string | null }
  /** WeCom's 48-hour session lifetime ran out without an event. */
  | { kind: 'expired' };

/** A timeline event the change causes (the caller stamps and records it). */
export interface SessionEvent {
  type: 'state' | 'closed';
  data: Record<string, Json>;
}

export interface SessionStep {
  session: Session;
  events: SessionEvent[];
}

const same = (session: Session): SessionStep => ({ session, events: [] });

/**
 * The session reducer. WeCom's events are facts: when our mirror disagrees with one (we missed a
 * move), the fact wins and the state event says it was re-synchronised (`resynced`).
 */
export function reduceSession(session: Session, change: SessionChange): SessionStep {
  switch (change.kind) {
    case 'item':
      return mirror(session, change.item);
    case 'routed':
      return same({ ...session, group: change.group });
    case 'assigned':
      return same({ ...session, servicer: change.servicer });
    case 'transferred': {
      const to: ConversationState = change.serviceState === 3 ? 'human' : 'queued';
      const t = transition(session.state, to === 'human' ? 'handoff_servicer' : 'handoff_pool');
      return {
        session: { ...session, state: to, servicer: change.servicer, group: change.group ?? session.group },
        events: [{ type: 'state', data: { from: session.state, to, trigger: 'transfer', msgid: change.msgid, servicer: change.servicer, ...(t.ok ? {} : { resynced: true }) } }],
      };
    }
    case 'bot_replied': {
      const t = transition(session.state, 'bot_reply');
      if (!t.ok || !t.changed) return same(session);
      return { session: { ...session, state: t.state }, events: [{ type: 'state', data: { from: session.state, to: t.state, trigger: 'bot_reply', msgid: change.msgid, servicer: null } }] };
    }
    case 'resynced': {
      const state = fromServiceState(change.serviceState);
      const servicer = state === 'human' ? change.servicer : null;
      if (session.state === state && session.servicer === servicer) return same(session);
      return {
        session: { ...session, state, servicer, group: state === 'human' || state === 'queued' ? session.group : null },
        events: [{ type: 'state', data: { from: session.state, to: state, trigger: 'service_state_get', servicer, resynced: true } }],
      };
    }
    case 'expired':
      return {
        session: { state: 'closed', servicer: null, group: null },
        events: [
          { type: 'state', data: { from: session.state, to: 'closed', trigger: 'expired', servicer: session.servicer } },
          { type: 'closed', data: { reason: 'expired', servicer: session.servicer } },
        ],
      };
  }
}

/** WeCom's session state as one of its items tells it. */
function mirror(session: Session, item: SyncMsgItem): SessionStep {
  const ev = item.event;
  if (item.origin === Origin.customer) return move(session, 'customer_message', session.state === 'closed' ? 'new' : session.state, session.servicer, item.msgid);
  if (item.origin === Origin.servicer) return move(session, 're_entered', 'human', item.servicer_userid ?? session.servicer, item.msgid);
  if (ev?.event_type === 'session_status_change' && ev.change_type !== undefined && ev.change_type >= 1 && ev.change_type <= 4) {
    const trigger = triggerForSessionChange(ev.change_type);
    const ended = trigger === 'ended';
    return move(session, trigger, ended ? 'closed' : 'human', ended ? null : (ev.new_servicer_userid ?? session.servicer), item.msgid);
  }
  return same(session);
}

function move(session: Session, trigger: Trigger, fact: ConversationState, servicer: string | null, msgid: string): SessionStep {
  const t = transition(session.state, trigger);
  const to = t.ok ? t.state : fact;
  if (to === session.state && servicer === session.servicer) return same(session);
  return {
    session: { ...session, state: to, servicer: to === 'human' ? servicer : null, group: to === 'closed' || to === 'new' ? null : session.group },
    events: [{ type: 'state', data: { from: session.state, to, trigger, msgid, servicer, ...(t.ok ? {} : { resynced: true }) } }],
  };
}

import { decideWelcome } from '../../../engine/welcome';
import { surveyOnEnd } from '../../../engine/survey';
import { localTime } from '../../../rules/hours';
import { evaluate as evaluateTags, type TagInput } from '../../../rules/tags';
import { NO_ERRCODE } from '../../../wecom/errors';
import { messageText, toMessage } from '../../../wecom/messages';
import { Origin, type KfEvent, type SyncMsgItem } from '../../../wecom/types';
import type { Memory } from '../memory';
import { reduceSession, type Session } from '../session';
import { stamped, type EventDraft, type OutboundAction, type Seen, type TagActionRef, type TurnInput, type TurnMessage, type TurnPorts, type TurnWrite } from './types';

/** The welcome and end-of-session codes are valid 20 seconds after WeCom sent the event. */
const EVENT_CODE_TTL_MS = 20_000;

/** Phase 1: the facts WeCom's new items tell, in order. */
export interface Facts {
  /** The session as the items move it. */
  session: Session;
  memory: Memory;
  events: EventDraft[];
  /** Welcome and survey messages on their event codes. */
  actions: OutboundAction[];
  tagActions: TagActionRef[];
  writes: TurnWrite[];
  /** The customer's messages of this turn. */
  burst: TurnMessage[];
  /** Sent messages WeCom reported it dropped (msg_send_fail): marked failed in the outbox at commit. */
  dropped: Array<{ msgid: string; failType: number | null }>;
}

/** Tag rule actions for one input; `ref` says what triggered them. */
export function tagActionsFor(input: Pick<TurnInput, 'compiled'>, tagInput: TagInput, ref: string): TagActionRef[] {
  return evaluateTags(input.compiled.tags, tagInput).map((t) => ({ ...t, ref }));
}

/** WeCom starts an event code's 20 s at send_time; we, at receipt: whichever is earlier. */
function codeDeadline(item: SyncMsgItem, receivedAt: number): number {
  return Math.min(receivedAt, item.send_time * 1000) + EVENT_CODE_TTL_MS;
}

/**
 * The session mirror, the customer's burst, the welcome, assignments and the survey, read from
 * the items in order. Pure apart from reading the outbox's record of a dropped message.
 */
export function readFacts(input: TurnInput, sentItem: TurnPorts['sentItem']): Facts {
  const facts: Facts = { session: input.session, memory: { ...input.memory }, events: [], actions: [], tagActions: [], writes: [], burst: [], dropped: [] };
  for (const { item, receivedAt } of input.items) {
    const before = facts.session;
    const step = reduceSession(facts.session, { kind: 'item', item });
    facts.session = step.session;
    for (const e of step.events) facts.events.push(stamped(input, receivedAt, e.type, e.data));
    const ev = item.event;
    if (ev?.event_type === 'msg_send_fail' && ev.fail_msgid) sendFailed(input, facts, ev, receivedAt, sentItem);
    if (item.origin === Origin.customer) customerMessage(input, facts, item, receivedAt);
    else if (ev?.event_type === 'enter_session') enterSession(input, facts, item, ev, receivedAt);
    else if (ev?.event_type === 'session_status_change') sessionChange(input, facts, item, ev, before, receivedAt);
    else if (item.origin === Origin.servicer && item.servicer_userid && !facts.memory.handling) facts.memory.handling = { since: receivedAt, servicer: item.servicer_userid };
  }
  return facts;
}

/** What the customer's profile learns from the items (upsertCustomerSeen): the channel they entered through last, with its scene_param. */
export function seenIn(items: TurnInput['items']): Seen {
  const seen: Seen = {};
  for (const { item } of items) {
    const ev = item.event;
    if (item.origin === Origin.customer || ev?.event_type !== 'enter_session' || !ev.scene) continue;
    seen.channel = ev.scene;
    if (ev.scene_param) seen.scene_param = ev.scene_param;
  }
  return seen;
}

/**
 * "Success does not mean delivery": the platform dropped a message it had accepted. The
 * delivery_failed event puts it in GET /admin/api/deliveries/failed beside our own give-ups.
 */
function sendFailed(input: TurnInput, facts: Facts, ev: KfEvent, receivedAt: number, sentItem: TurnPorts['sentItem']): void {
  const msgid = ev.fail_msgid!;
  const sent = sentItem(msgid);
  facts.dropped.push({ msgid, failType: ev.fail_type ?? null });
  facts.events.push(
    stamped(input, receivedAt, 'delivery_failed', {
      msgid,
      purpose: sent?.purpose ?? null,
      text: sent?.text ?? null,
      errcode: NO_ERRCODE,
      errmsg: `WeCom reported msg_send_fail (fail_type ${ev.fail_type ?? 'unknown'})`,
      reason: 'msg_send_fail',
      fail_type: ev.fail_type ?? null,
      attempts: sent?.attempts ?? null,
    }),
  );
}

/** A customer message joins the burst; a menu click is also a behaviour (tags, D1). */
function customerMessage(input: TurnInput, facts: Facts, item: SyncMsgItem, receivedAt: number): void {
  const menuId = item.text?.menu_id;
  facts.burst.push({ msgid: item.msgid, text: messageText(item), ...(menuId ? { menuId } : {}), sentAt: item.send_time * 1000 });
  if (!menuId) return;
  facts.tagActions.push(...tagActionsFor(input, { kind: 'behavior', event: 'menu_click', ref: menuId }, menuId));
  const { open_kfid, external_userid } = input.identity;
  facts.writes.push({ kind: 'behavior', event: { id: item.msgid, external_userid, open_kfid, type: 'menu_click', ref: menuId, at: receivedAt } });
}

/** The customer opened the chat: channel and behaviour tags, and the welcome while its code lives. */
function enterSession(input: TurnInput, facts: Facts, item: SyncMsgItem, ev: KfEvent, receivedAt: number): void {
  const { config, link, now } = input;
  const memory = facts.memory;
  if (ev.scene) {
    memory.channel = ev.scene;
    facts.tagActions.push(...tagActionsFor(input, { kind: 'channel', code: ev.scene }, ev.scene));
  }
  facts.tagActions.push(...tagActionsFor(input, { kind: 'behavior', event: 'enter_session', ref: ev.scene ?? null }, ev.scene ?? ''));
  const welcome = decideWelcome({
    config,
    link,
    language: memory.language,
    localTime: localTime(link?.timezone ?? 'Asia/Shanghai', now),
    welcomeCode: ev.welcome_code,
    lastWelcomeAt: memory.lastWelcomeAt,
    now,
  });
  if (welcome && ev.welcome_code) {
    memory.lastWelcomeAt = now;
    facts.actions.push({
      kind: 'send_msg_on_event',
      purpose: 'welcome',
      code: ev.welcome_code,
      message: toMessage(welcome.reply),
      source: `welcome:${item.msgid}`,
      deadline: codeDeadline(item, receivedAt),
      meta: input.stamp,
    });
  }
}

/** WeCom moved the session: a servicer took it (the handling starts, Reception hears), or it ended (survey, slot released). */
function sessionChange(input: TurnInput, facts: Facts, item: SyncMsgItem, ev: KfEvent, before: Session, receivedAt: number): void {
  const memory = facts.memory;
  if (ev.change_type === 1 || ev.change_type === 2 || ev.change_type === 4) {
    const servicer = ev.new_servicer_userid ?? facts.session.servicer;
    if (servicer && servicer !== before.servicer) {
      memory.handling = { since: receivedAt, servicer };
      facts.events.push(stamped(input, receivedAt, 'assigned', { servicer, from: ev.change_type === 1 ? 'pool' : ev.change_type === 2 ? 'transfer' : 're_entered' }));
      facts.writes.push({ kind: 'assigned_externally', servicer });
    }
  } else if (ev.change_type === 3) {
    const survey = surveyOnEnd(memory.handling, memory.surveyedHandling, input.config, memory.language, input.now);
    if (survey && ev.msg_code) {
      memory.surveyPending = survey.pending;
      memory.surveyedHandling = memory.handling?.since;
      facts.actions.push({
        kind: 'send_msg_on_event',
        purpose: 'survey',
        code: ev.msg_code,
        message: toMessage({ menu: survey.menu }),
        source: `survey:${item.msgid}`,
        deadline: codeDeadline(item, receivedAt),
        meta: { ...input.stamp, servicer: memory.handling?.servicer ?? null },
      });
    }
    facts.events.push(stamped(input, receivedAt, 'closed', { servicer: before.servicer, by: ev.old_servicer_userid ?? before.servicer }));
    if (memory.handling?.servicer) memory.lastServicer = memory.handling.servicer;
    memory.handling = undefined;
    memory.escalationDueAt = undefined;
    facts.writes.push({ kind: 'release' });
  }
}

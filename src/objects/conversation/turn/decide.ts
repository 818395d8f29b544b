import { decide, type DecideInput } from '../../../engine/decide';
import { decideEscalation } from '../../../engine/escalation';
import { transition } from '../../../engine/state-machine';
import { systemText } from '../../../engine/templates';
import { uncertaintyWrites } from '../../uncertain-keeper';
import type { BotAdmission } from '../../breaker';
import type { Memory } from '../memory';
import type { Session } from '../session';
import { botDecision, offerBackup } from './bot';
import type { Facts } from './facts';
import type { Screened } from './screen';
import { botHolds, type BotFailureNote, type TurnDecision, type TurnInput, type TurnPorts, type TurnWrite } from './types';

/** Phase 3: the decision, the bot's or a due escalation's, and the memory that follows it. */
export interface Decided {
  /** The breaker's answer (asked only when the bot would answer), and why the bot may not. */
  admission: BotAdmission | null;
  forced: 'breaker' | 'bot_error' | undefined;
  decision: TurnDecision;
  memory: Memory;
  /** The customer's language, when the profile should learn it. */
  language?: string;
  writes: TurnWrite[];
  /** Failures of the bot pipeline (the config's included): the breaker hears them, the customer goes to people. */
  failures: BotFailureNote[];
}

export function snapshotOf(state: Session['state'], memory: Memory): DecideInput['snapshot'] {
  return { state, context: memory.context, misses: memory.misses, escalationDueAt: memory.escalationDueAt, lastIntent: memory.lastIntent, language: memory.language, budget: memory.budget, surveyPending: memory.surveyPending };
}

export async function decideTurn(input: TurnInput, facts: Facts, screened: Screened, ports: TurnPorts): Promise<Decided> {
  const { config, now, hours, link } = input;
  const { burst, session } = facts;
  const { clean } = screened;
  const failures: BotFailureNote[] = input.configFailure ? [input.configFailure] : [];
  // The breaker is asked only when the bot would answer: a turn people hold costs no call.
  const admission = clean.length > 0 && botHolds(session.state) ? await ports.breaker.admit() : null;
  const forced = admission && !admission.allow ? 'breaker' : failures.length > 0 ? 'bot_error' : undefined;
  const none: Decided = { admission, forced, decision: { replies: [], events: [] }, memory: facts.memory, writes: [], failures };

  if (burst.length === 0) {
    if (!input.escalationDue) return none;
    const escalation = decideEscalation({ snapshot: snapshotOf(session.state, facts.memory), config, now, hours, link });
    if (!escalation) return none;
    const decision = { replies: escalation.replies, events: escalation.events, ...(escalation.handoff ? { handoff: escalation.handoff } : {}) };
    return { ...none, decision, memory: { ...facts.memory, escalationDueAt: undefined, misses: escalation.misses } };
  }

  const snapshot = snapshotOf(session.state, facts.memory);
  let decision: TurnDecision;
  const writes: TurnWrite[] = [];
  if (clean.length > 0) {
    const bot = await botDecision(ports.bot, { snapshot, config, engines: input.compiled.engines, messages: clean, now, hours, link, forceHandoff: forced }, failures, input.runtime.version);
    const { open_kfid, external_userid } = input.identity;
    const keeping = uncertaintyWrites({ db: ports.db, open_kfid, external_userid, now, compiled: input.compiled, stamp: input.stamp, memory: facts.memory }, clean, bot);
    writes.push(...keeping.map((run) => ({ kind: 'uncertain' as const, run })));
    const failedOver = bot.handoff?.reason === 'breaker' || bot.handoff?.reason === 'bot_error';
    decision = failedOver ? { ...bot, replies: await offerBackup(ports.bot, bot.replies, config, link, bot.language ?? facts.memory.language) } : bot;
  } else {
    // Only intercepted messages: they are not processed, the customer gets the configured reply.
    const full = decide({ snapshot, config, engines: input.compiled.engines, messages: burst, now, hours, link });
    const events = full.events.filter((e) => e.type === 'message_in' || e.type === 'language');
    decision = { ...full, replies: [], events, misses: facts.memory.misses, context: facts.memory.context, handoff: undefined, armEscalationAt: undefined, answered: false };
  }
  if (burst.length > clean.length && transition(session.state, 'customer_message').ok && botHolds(session.state)) {
    decision = { ...decision, replies: [{ text: systemText(config, 'sensitive_reply', { locale: decision.language ?? facts.memory.language, link }) }, ...decision.replies] };
  }
  const memory: Memory = {
    ...facts.memory,
    context: decision.context ?? facts.memory.context,
    misses: decision.misses ?? facts.memory.misses,
    budget: decision.budget ?? facts.memory.budget,
    ...(decision.lastIntent !== undefined ? { lastIntent: decision.lastIntent } : {}),
    ...(decision.language !== undefined ? { language: decision.language } : {}),
    surveyPending: decision.surveyPending,
  };
  if (decision.armEscalationAt === 'disarm') memory.escalationDueAt = undefined;
  else if (decision.armEscalationAt !== undefined) memory.escalationDueAt = decision.armEscalationAt;
  const language = decision.language && decision.language !== input.knownLanguage ? decision.language : undefined;
  return { admission, forced, decision, memory, ...(language ? { language } : {}), writes, failures };
}

/**
 * The per-turn decision: what the bot says and does for a burst of customer messages. Pure: the
 * Conversation object loads the snapshot, runs sensitive words and tags first, calls `decide`,
 * applies the result (state, context, alarm, profile language), appends the events (stamping `at`
 * and the config version), routes a handoff, and sends the replies through the outbox.
 *
 * The rules:
 * - every customer message is recorded, whether or not it is answered;
 * - in state queued/human the bot says nothing (the platform refuses it, and the customer is a person's now);
 * - handoff keywords (or a menu click on one) hand over at once; the handoff notice goes out
 *   before the transfer (it is the last reply; the caller transfers after sending it);
 * - a message is answered by an intent with an answer, else the knowledge base above
 *   `bot.min_confidence`; an intent without an answer names the message but never stops a
 *   knowledge answer; a burst gets one merged reply;
 * - a message nobody could answer gets the fallback reply and arms escalation once (the first
 *   miss starts the clock: re-arming on every miss would let a chatty customer postpone it
 *   forever); an answer after that resolves the conversation and disarms it; `after_misses`
 *   consecutive misses hand over at once;
 * - when the send budget has no room for the answer, the conversation goes to a human.
 */
import { ConfigSchema, type Config, type Intent, type KnowledgeEntry, type Link } from '../rules/config';
import type { OpenState } from '../rules/hours';
import { normalizeText } from '../rules/normalize';
import { openWindow, plan, type Reply, type SendBudget } from './budget';
import { expire, setTopic, type ContextTopics } from './context';
import { HANDOFF_MENU_ID, handoffNotice, wantsHuman } from './handoff';
import { detectLanguage, stickyLanguage, type LanguageGuess } from './language';
import { botMaySend, transition, type ConversationState } from './state-machine';
import { takeRating, type SurveyPending } from './survey';
import { systemText } from './templates';
import { compileIntents, understand, type CompiledIntents } from './understand';
import { compileUnderstanding, entryById, understandMessage, type Understanding } from './understanding';
import { intentCaptures } from './understanding/intent-guard';
import type { SmallTalkKind } from './understanding/smalltalk';

/** Handoff keywords when the document has no `handoff` section: the schema's own default. */
const DEFAULT_HANDOFF_KEYWORDS: readonly string[] = ConfigSchema.shape.handoff.unwrap().shape.keywords.parse(undefined);
/** Escalation delay when the document has no `fallback` section: the schema's own default (the seed's 5 minutes). */
const DEFAULT_ESCALATE_AFTER_S: number = ConfigSchema.shape.fallback.unwrap().shape.escalate_after_seconds.parse(undefined);

export interface Engines {
  intents: CompiledIntents;
  understanding: Understanding;
  /** Normalised handoff keywords. */
  handoffKeywords: readonly string[];
}

/** Everything `decide` needs compiled from one config version (keep it per isolate and version). */
export function compileEngines(config: Config): Engines {
  return {
    intents: compileIntents(config.intents),
    understanding: compileUnderstanding(config.knowledge, {
      lexicon: config.understanding.lexicon,
      policy: { answerAt: config.bot.min_confidence, clarifyAt: config.understanding.clarify_confidence, margin: config.understanding.margin, coverage: config.understanding.min_coverage },
    }),
    handoffKeywords: (config.handoff?.keywords ?? DEFAULT_HANDOFF_KEYWORDS).map(normalizeText),
  };
}

export interface ConversationSnapshot {
  state: ConversationState;
  context: ContextTopics;
  /** Consecutive customer turns the bot could not answer. */
  misses: number;
  /** When the armed fallback escalation is due; absent: not armed. */
  escalationDueAt?: number | undefined;
  lastIntent?: string | undefined;
  /** The customer's language from their profile (sticky); absent: Chinese. */
  language?: string | undefined;
  budget: SendBudget;
  surveyPending?: SurveyPending | undefined;
}

export interface TurnMessage {
  msgid: string;
  text: string;
  /** Present when the customer clicked a menu item. */
  menuId?: string | undefined;
  /** send_time in ms. */
  sentAt: number;
}

// Whether the link is open now: defined beside the working hours it reads (rules/hours openState).
export type { OpenState };

export interface DecideInput {
  snapshot: ConversationSnapshot;
  config: Config;
  engines: Engines;
  /** The customer messages of this turn (one burst), oldest first. */
  messages: readonly TurnMessage[];
  now: number;
  hours: OpenState;
  link?: Link | undefined;
  /** The semantic path's answer for this turn (engine/semantic-turn.ts), asked after a first decision doubted. */
  semantic?: { entryId: string; confidence: number } | undefined;
  /** The NLP adapter's reading of this turn (engine/nlp.ts), asked after a first decision missed. */
  nlp?: { intent: string; confidence: number } | undefined;
  /** The bot may not answer this turn: hand over at once, for this reason. */
  forceHandoff?: 'breaker' | 'bot_error' | undefined;
}

/**
 * Decided by the object, not here: unsafe_reply (the bot's own answer hit a sensitive word and was
 * withheld), breaker (the bot pipeline keeps failing for this kf account: people take new turns
 * until it recovers), bot_error (this turn's pipeline failed: a person rather than silence).
 */
export type HandoffReason = 'keyword' | 'misses' | 'escalation' | 'no_budget' | 'menu' | 'unsafe_reply' | 'breaker' | 'bot_error';
export interface Handoff {
  reason: HandoffReason;
  /** For routing: the intent of this turn, else the conversation's last one. */
  intent?: string | undefined;
}

export type AnswerSource = 'intent' | 'knowledge' | 'menu' | 'semantic' | 'nlp';
/** What the bot made of a message it did not answer outright. */
export type Doubt = { zone: 'clarify'; choices: KnowledgeEntry[]; confidence: number } | { zone: 'smalltalk'; kind: SmallTalkKind } | { zone: 'fallback' };
/** Timeline events; the object adds `at` and the config version. */
export type DecisionEvent =
  | { type: 'message_in'; msgid: string; text: string; menu_id?: string; sent_at: number }
  | { type: 'language'; from: string | null; to: string; confidence: number }
  | { type: 'context'; set?: string[]; expired?: string[] }
  | { type: 'rating'; score: number; servicer?: string; option?: string }
  | { type: 'intent'; intent: string; matched: string }
  | { type: 'answer'; answers: { source: AnswerSource; id: string; confidence: number }[] }
  | { type: 'fallback'; misses: number }
  | { type: 'clarify'; choices: string[]; confidence: number }
  | { type: 'smalltalk'; kind: SmallTalkKind }
  | { type: 'escalation'; action: 'armed'; due_at: number }
  | { type: 'escalation'; action: 'resolved' | 'cancelled' | 'fired' }
  | { type: 'handoff'; reason: HandoffReason; intent?: string }
  | { type: 'budget'; merged: number; unsent: number }
  | { type: 'welcome'; menu: boolean };

export interface Decision {
  /** The state after this turn's own moves (customer message, bot reply); the handoff is the caller's. */
  state: ConversationState;
  /** To send now, in order; with a handoff, the notice is last and the transfer follows it. */
  replies: Reply[];
  context: ContextTopics;
  contextChanges: { set: string[]; expired: string[] };
  /** The intent recognised in this turn. */
  intent?: string | undefined;
  /** The snapshot's next lastIntent. */
  lastIntent?: string | undefined;
  /** Answered from an intent or the knowledge base. */
  answered: boolean;
  handoff?: Handoff;
  /** Set the escalation alarm to this time, or remove it; absent: leave it as it is. */
  armEscalationAt?: number | 'disarm';
  misses: number;
  languageDetected: LanguageGuess;
  /** The profile's next language. */
  language?: string | undefined;
  /** The send window opened by this turn (record usage per accepted send with recordSend). */
  budget: SendBudget;
  /** The survey's next pending record (cleared once rated). */
  surveyPending?: SurveyPending | undefined;
  events: DecisionEvent[];
}

interface Answer {
  source: AnswerSource;
  id: string;
  text: string;
  confidence: number;
  setsContext?: string | undefined;
  /** The topic it was answered under: answering on it keeps it alive. */
  usedContext?: string | undefined;
}

interface Understood {
  intent?: { name: string; matched: string };
  answer?: Answer;
  doubt?: Doubt;
}

const fromIntent = (intent: Intent, source: AnswerSource): Answer => ({
  source,
  id: intent.name,
  text: intent.answer ?? '',
  confidence: 1,
  setsContext: intent.sets_context,
});
const fromEntry = (entry: KnowledgeEntry, source: AnswerSource, confidence: number): Answer => ({
  source,
  id: entry.id,
  text: entry.answer,
  confidence,
  setsContext: entry.sets_context,
  usedContext: entry.requires_context,
});

/** One message (or a merged burst): a clicked menu item, an intent, then the knowledge base. */
function understandText(input: DecideInput, text: string, menuId: string | undefined, topics: ReadonlySet<string>): Understood {
  const { engines } = input;
  const entry = menuId === undefined ? undefined : entryById(engines.understanding, menuId);
  if (entry) return { answer: fromEntry(entry, 'menu', 1) };
  const clicked = menuId === undefined ? undefined : engines.intents.byName.get(menuId);
  if (clicked?.answer) return { intent: { name: clicked.name, matched: menuId! }, answer: fromIntent(clicked, 'menu') };
  const u = understand(engines.intents, text);
  // A keyword inside an unrelated question does not capture it (the intent guard).
  const captures = (m: { matched: string } | undefined) => m !== undefined && intentCaptures(engines.understanding, text, m.matched);
  const named = clicked ? { name: clicked.name, matched: menuId! } : captures(u.intent) ? { name: u.intent!.intent.name, matched: u.intent!.matched } : undefined;
  const out: Understood = named ? { intent: named } : {};
  if (u.answer && captures(u.answer)) return { ...out, answer: fromIntent(u.answer.intent, 'intent') };
  const d = understandMessage(engines.understanding, text, topics);
  if (d.zone === 'answer') out.answer = fromEntry(d.entry, 'knowledge', d.confidence);
  else if (d.zone === 'clarify') out.doubt = { zone: 'clarify', choices: d.choices, confidence: d.confidence };
  else if (d.zone === 'smalltalk') out.doubt = { zone: 'smalltalk', kind: d.kind };
  else out.doubt = { zone: 'fallback' };
  return out;
}

/** The clarification menu: the likely entries by their first question, and a way to a person. */
function clarifyMenu(config: Config, choices: readonly KnowledgeEntry[], locale: string | undefined, link: Link | undefined): Reply {
  return {
    menu: {
      head_content: systemText(config, 'clarify', { locale, link }),
      list: [...choices.map((e) => ({ id: e.id, content: e.questions[0]!.slice(0, 128) })), { id: HANDOFF_MENU_ID, content: '都不是，转人工' }],
    },
  };
}

export function decide(input: DecideInput): Decision {
  const { snapshot, config, engines, messages, now } = input;
  if (messages.length === 0) throw new RangeError('decide needs at least one customer message');
  const events: DecisionEvent[] = messages.map((m) => ({
    type: 'message_in',
    msgid: m.msgid,
    text: m.text,
    ...(m.menuId !== undefined ? { menu_id: m.menuId } : {}),
    sent_at: m.sentAt,
  }));
  const customerMessage = transition(snapshot.state, 'customer_message');
  let state = customerMessage.ok ? customerMessage.state : snapshot.state;
  const budget = openWindow(snapshot.budget, Math.max(...messages.map((m) => m.sentAt)));

  const languageDetected = detectLanguage(messages.map((m) => m.text).join('\n'));
  const language = stickyLanguage(snapshot.language, languageDetected);
  if (language !== undefined && language !== snapshot.language) {
    events.push({ type: 'language', from: snapshot.language ?? null, to: language, confidence: languageDetected.confidence });
  }
  const expired = expire(snapshot.context, now);
  let context = expired.context;
  const changes = { set: [] as string[], expired: expired.expired };
  if (expired.expired.length > 0) events.push({ type: 'context', expired: expired.expired });

  const base = { languageDetected, language, budget, events, contextChanges: changes };
  if (!botMaySend(state)) {
    return { ...base, state, replies: [], context, answered: false, misses: snapshot.misses, lastIntent: snapshot.lastIntent, surveyPending: snapshot.surveyPending };
  }

  // A pending survey takes the first message that reads as a rating.
  let rest = messages;
  let surveyPending = snapshot.surveyPending;
  const replies: Reply[] = [];
  for (const [i, m] of messages.entries()) {
    const rating = takeRating(surveyPending, config, m, now);
    if (!rating) continue;
    events.push({ type: 'rating', ...rating });
    replies.push({ text: systemText(config, 'survey_thanks', { locale: language, link: input.link }) });
    surveyPending = undefined;
    rest = messages.filter((_, j) => j !== i);
    break;
  }

  let intent: Understood['intent'];
  let handoff: Handoff | undefined;
  const answers: Answer[] = [];
  let doubt: Doubt | undefined;
  const requests = rest.map((m) => wantsHuman(engines, m));
  const trigger = requests.findIndex((r) => r !== undefined);
  if (input.forceHandoff && rest.length > 0) {
    // Nothing of the bot's understanding runs: it is what failed.
    handoff = { reason: input.forceHandoff };
  } else if (trigger >= 0) {
    handoff = { reason: requests[trigger]! };
    // Routing wants the intent of the message asking for a human (我要退款，转人工), else of the turn.
    for (const m of [rest[trigger]!, ...rest.filter((_, j) => j !== trigger)]) {
      const u = understand(engines.intents, m.text).intent;
      if (u) {
        intent = { name: u.intent.name, matched: u.matched };
        break;
      }
    }
  } else if (rest.length > 0) {
    const topics = new Set(Object.keys(context));
    const understood = rest.map((m) => understandText(input, m.text, m.menuId, topics));
    // Fragments (运费 + 怎么算) may only make sense together.
    if (rest.length > 1 && understood.every((u) => !u.answer && u.doubt?.zone !== 'smalltalk')) {
      understood.push(understandText(input, rest.map((m) => m.text).join(' '), undefined, topics));
    }
    intent = understood.find((u) => u.intent)?.intent;
    for (const u of understood) if (u.answer && !answers.some((a) => a.id === u.answer!.id)) answers.push(u.answer);
    // Unanswered: a clarification if any message allows one; small talk only if that is all there was.
    const doubts = understood.map((u) => u.doubt).filter((d) => d !== undefined);
    doubt = doubts.find((d) => d.zone === 'clarify') ?? (doubts.length > 0 && doubts.every((d) => d.zone === 'smalltalk') ? doubts[0] : doubts.find((d) => d.zone === 'fallback'));
    const semantic = answers.length === 0 && input.semantic ? entryById(engines.understanding, input.semantic.entryId) : undefined;
    if (semantic) answers.push(fromEntry(semantic, 'semantic', input.semantic!.confidence));
    const classified = answers.length === 0 && input.nlp ? engines.intents.byName.get(input.nlp.intent) : undefined;
    if (classified) {
      intent ??= { name: classified.name, matched: 'nlp' };
      if (classified.answer) answers.push({ ...fromIntent(classified, 'nlp'), confidence: input.nlp!.confidence });
    }
  }
  if (intent) events.push({ type: 'intent', intent: intent.name, matched: intent.matched });
  const lastIntent = intent?.name ?? snapshot.lastIntent;

  // What the bot would say to the customer's question(s).
  let misses = snapshot.misses;
  let outcome: 'answer' | 'clarify' | 'smalltalk' | 'fallback' | undefined;
  if (!handoff && answers.length > 0) {
    outcome = 'answer';
    replies.push({ text: answers.map((a) => a.text).join('\n\n') });
  } else if (!handoff && doubt?.zone === 'clarify') {
    // Not a miss: the customer is asked, and a click answers (menu source).
    outcome = 'clarify';
    replies.push(clarifyMenu(config, doubt.choices, language, input.link));
    events.push({ type: 'clarify', choices: doubt.choices.map((e) => e.id), confidence: doubt.confidence });
  } else if (!handoff && doubt?.zone === 'smalltalk') {
    outcome = 'smalltalk';
    replies.push({ text: systemText(config, `smalltalk_${doubt.kind}`, { locale: language, link: input.link }) });
    events.push({ type: 'smalltalk', kind: doubt.kind });
  } else if (!handoff && rest.length > 0) {
    misses++;
    const limit = config.handoff?.after_misses;
    if (limit !== undefined && misses >= limit) handoff = { reason: 'misses' };
    else {
      outcome = 'fallback';
      replies.push({ text: systemText(config, 'fallback', { locale: language, link: input.link }) });
    }
  }
  // The last slot stays free for a handoff notice; a question that cannot be answered goes to a human.
  let sent = plan(budget, replies, { state, now, reserveForHandoff: !handoff });
  if (!handoff && outcome !== undefined && sent.unsent.length > 0) handoff = { reason: 'no_budget' };

  const armed = snapshot.escalationDueAt !== undefined;
  let armEscalationAt: Decision['armEscalationAt'];
  if (handoff) {
    sent = plan(budget, [...sent.send, handoffNotice(input, language)], { state, now, reserveForHandoff: false });
    misses = 0;
    if (armed) {
      armEscalationAt = 'disarm';
      events.push({ type: 'escalation', action: 'cancelled' });
    }
    handoff.intent = lastIntent;
    events.push({ type: 'handoff', reason: handoff.reason, ...(lastIntent !== undefined ? { intent: lastIntent } : {}) });
  } else if (outcome === 'answer') {
    misses = 0;
    for (const a of answers) {
      for (const topic of [a.setsContext, a.usedContext]) {
        if (topic === undefined) continue;
        context = setTopic(context, topic, now, config.bot.context_ttl_seconds);
        if (!changes.set.includes(topic)) changes.set.push(topic);
      }
    }
    if (changes.set.length > 0) events.push({ type: 'context', set: changes.set });
    events.push({ type: 'answer', answers: answers.map(({ source, id, confidence }) => ({ source, id, confidence })) });
    if (armed) {
      armEscalationAt = 'disarm';
      events.push({ type: 'escalation', action: 'resolved' });
    }
  } else if (outcome === 'fallback') {
    events.push({ type: 'fallback', misses });
    if (!armed) {
      armEscalationAt = now + (config.fallback?.escalate_after_seconds ?? DEFAULT_ESCALATE_AFTER_S) * 1000;
      events.push({ type: 'escalation', action: 'armed', due_at: armEscalationAt });
    }
  }
  if (sent.merged > 0 || sent.unsent.length > 0) events.push({ type: 'budget', merged: sent.merged, unsent: sent.unsent.length });
  if (sent.send.length > 0) {
    const replied = transition(state, 'bot_reply');
    if (replied.ok) state = replied.state;
  }

  return {
    ...base,
    state,
    replies: sent.send,
    context,
    intent: intent?.name,
    lastIntent,
    answered: outcome === 'answer' && !handoff,
    ...(handoff ? { handoff } : {}),
    ...(armEscalationAt !== undefined ? { armEscalationAt } : {}),
    misses,
    surveyPending,
  };
}

/** The bot could not answer this turn (the fallback reply, or a handoff after too many misses): the NLP adapter may try. */
export function missed(decision: Pick<Decision, 'events' | 'handoff'>): boolean {
  return decision.events.some((e) => e.type === 'fallback') || decision.handoff?.reason === 'misses';
}

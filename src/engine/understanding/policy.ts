/**
 * The decision policy over retrieval: answer, clarify, fall back, or small talk.
 *
 * - answer: the best entry explains the customer's informative words (its coverage, the share of
 *   the message's content weight it explains, reaches `coverage`: the near-miss veto; and an entry
 *   about one product never answers a customer naming another), scores at
 *   least `answer_at`, asks the same kind of question (./question-type) and is clearly ahead of
 *   the next entry that could also be meant (by `margin`);
 * - clarify: no answer, but one to three entries are plausible (score ≥ `clarify_at`, and the same
 *   coverage): the customer is asked "您是想问：" with a menu of them;
 * - fallback: nothing plausible;
 * - smalltalk: greetings, thanks, goodbyes, acknowledgements, emoji only.
 * A customer who gets a confident wrong answer is worse off than one who is asked or handed on,
 * so every doubt lowers the zone, never raises it. The defaults were chosen on the dev split of
 * the labelled set (`npm run fit`), never on the test split.
 */
import { MIN_CONFIDENCE_DEFAULT, UNDERSTANDING_DEFAULTS, type KnowledgeEntry } from '../../rules/config';
import { analyze, type Unit } from './analyze';
import { splitClauses } from './clauses';
import { fold } from './fold';
import { VERB_WORD, withToldObject } from './fronted';
import { asksLocation, asksOtherConduct, asksState, doneWhere, questionTypes, typesAgree, typesMatch, type QuestionType } from './question-type';
import { exactKey, type KnowledgeIndex } from './knowledge-index';
import { gotElsewhere, namedParty, namesParty, otherParty } from './party';
import { asksOfPerson } from './person';
import { asksConsequence, predicted, speaksOfConsequence } from './consequence';
import { handsToOther, speaksOfOthers } from './lending';
import { BARE_VERB, search, type Candidate } from './retrieve';
import { isGoodsKind } from './lexicon/goods-kinds';
import { conceptKeys, familyKey, topicOf } from './lexicon';
import { smallTalkKind, type SmallTalkKind } from './smalltalk';

export interface PolicySettings {
  answerAt: number;
  clarifyAt: number;
  margin: number;
  /** The near-miss veto: the share of the message's content an answered or offered entry must explain. */
  coverage: number;
  /** Ablations: each guard can be switched off. */
  types: boolean;
  smallTalk: boolean;
  clarify: boolean;
}

export const DEFAULT_POLICY: PolicySettings = {
  answerAt: MIN_CONFIDENCE_DEFAULT,
  clarifyAt: UNDERSTANDING_DEFAULTS.clarify_confidence,
  margin: UNDERSTANDING_DEFAULTS.margin,
  coverage: UNDERSTANDING_DEFAULTS.min_coverage,
  types: true,
  smallTalk: true,
  clarify: true,
};
/** An entry whose required topic is active is the likelier reading of a short follow-up. */
const CONTEXT_BOOST = 1.3;
const MAX_CHOICES = 3;

export interface Reasons {
  scores: { id: string; score: number }[];
  matched: string[];
  unexplained: string[];
  types: string[];
  corrections: string[];
  /** The share of the message's content the best entry explains. */
  coverage: number;
  /** Why the best entry was not answered, when it was not. */
  held?: 'low_confidence' | 'close_second' | 'near_miss' | 'question_type' | 'no_candidate';
}

export type KnowledgeDecision =
  | { zone: 'answer'; entry: KnowledgeEntry; confidence: number; reasons: Reasons }
  | { zone: 'clarify'; choices: KnowledgeEntry[]; confidence: number; reasons: Reasons }
  | { zone: 'fallback'; confidence: number; reasons: Reasons }
  | { zone: 'smalltalk'; kind: SmallTalkKind; confidence: number; reasons: Reasons };

/** The informative weight of units: story words none, asides `aside`, a story's told concepts `told` of theirs. */
const unitWeight = (u: Unit, aside = 1, told = 1) => (u.narrative ? 0 : (u.aside === true ? aside : 1) * (u.told === true ? told : 1) * u.weight);
const weightOf = (units: readonly Unit[], aside = 1, told = 1) => units.reduce((s, u) => s + unitWeight(u, aside, told), 0);

/** What the veto knows of the message beside a candidate. */
export interface VetoContext {
  /** What the message asks about (./focus). */
  focus: ReadonlySet<Unit>;
  /** Whether any entry of the business speaks of a concept. */
  known: (concept: string) => boolean;
  /** A clause of context saying something of its own (我想考驾照): its words say what is asked, not context. */
  own?: boolean;
}

/**
 * The share of the message's informative weight an entry explains (1 when nothing informative is
 * left); for the near-miss veto (`context`), what the message asks about weighs above its context:
 * beside `veto`, a word outside the asked part is context wherever the entry meets some of that part,
 * whether or not it meets all of it (a story's telling around 几天能到账), and an asked concept no
 * entry of the business speaks of is another question rather than the customer's own words for the
 * entry's (`FOREIGN`).
 */
export function coverage(c: Candidate, context = true, told = STORY_CONCEPT, veto?: VetoContext): number {
  const explained = weightOf(c.explained);
  const resembled = weightOf(c.resembled);
  // An entry meeting part of what is asked (more than a bare verb: 能修吗 asks about the rest) leaves the words outside it as context.
  const meets = veto !== undefined && veto.own !== true && c.explained.some((u) => veto.focus.has(u) && !BARE_VERB.test(u.text));
  const against = (u: Unit) =>
    ((context && c.focusMet) || (meets && !veto.focus.has(u) && u.aside !== true) ? CONTEXT : 1) *
    (veto !== undefined && u.concept !== undefined && !u.narrative && u.aside !== true && u.told !== true && !veto.known(u.concept) ? FOREIGN : 1);
  const total = explained + resembled + c.unexplained.reduce((s, u) => s + unitWeight(u, ASIDE, told) * against(u), 0);
  return total === 0 ? 1 : (explained + RESEMBLED * resembled) / total;
}
/**
 * How much more an unexplained concept no entry of the business speaks of counts against an entry:
 * the customer asks what the business does not answer (积分 beside 兑换礼品 where no entry redeems gifts).
 */
const FOREIGN = 1.5;
/**
 * How much a person or feeling of the story (我妈, 气死了) counts when the entry leaves it
 * unexplained (where an entry of the business speaks of them they count in full, retrieve.ts): two
 * beside one question term let it through (1 / 1.3), three do not.
 */
const ASIDE = 0.15;
/**
 * How much the words an entry leaves count when it explains what the message asks about (./focus):
 * they are the question's context (小区 of 能覆盖到我们小区吗, 请客户吃饭 of 要提早说吗). Half, not less:
 * at a quarter 我想考驾照，你们能报名吗 took a school's enrolment entry.
 */
const CONTEXT = 0.5;
/** How much a word sharing a character with the entry counts as explained. */
const RESEMBLED = 0.5;

/** A long message is a story told in clauses (./clauses) around the question. */
const MIN_STORY_CLAUSES = 3;

/** The clauses of a message of at least `min` clauses that ask something (else its last clause), or undefined for a shorter one. */
export function questionPart(text: string, min = MIN_STORY_CLAUSES): string | undefined {
  const clauses = splitClauses(text);
  if (clauses.length < min) return undefined;
  const asking = clauses.filter((c) => questionTypes(fold(c)).length > 0);
  // Two clauses are context and a question when the first does not ask (风大不大，能调几档 asks twice).
  if (clauses.length < MIN_STORY_CLAUSES && asking[0] === clauses[0]) return undefined;
  return (asking.length > 0 && asking.length < clauses.length ? asking : clauses.slice(-1)).join('，');
}

export function decideKnowledge(index: KnowledgeIndex, text: string, topics: ReadonlySet<string>, settings: PolicySettings = DEFAULT_POLICY): KnowledgeDecision {
  const whole = decideWhole(index, text, topics, settings);
  if (whole.zone !== 'fallback' && whole.zone !== 'clarify') return whole;
  // A thing got at another party (在别家买的车险，出了事怎么理赔) is that party's, whichever clause asks of it.
  if (gotElsewhere(fold(text)) !== undefined) return whole;
  // A question after a clause of context (明天去不了了，能改到后天吗) or a story around it: told
  // as a story, its words outside the asking clauses are the story's (its concepts still count).
  let part = questionPart(text);
  const told = part ?? questionPart(text, 2);
  if (told !== undefined) {
    const { decision, circumstance } = decideTold(index, text, fold(told), topics, settings, part === undefined);
    if (decision.zone === 'answer') return decision;
    // After one clause of circumstance (明天去不了了), the question is decided alone too, as a story's is.
    if (circumstance) part = told;
  }
  // The question alone may be answered where the whole was not; a question told in clauses of its
  // own (缺了一颗牙，要花多少钱，包含CT吗) is narrowed again.
  for (let depth = 0; part !== undefined && depth < MAX_NARROWING; depth++) {
    const asked = decideWhole(index, part, topics, settings, { alone: true });
    if (asked.zone === 'answer') return asked;
    const narrower = questionPart(part);
    part = narrower !== undefined && narrower.length < part.length ? narrower : undefined;
  }
  return whole;
}

/**
 * A story decided on its gist: the asking clauses and the concepts of the telling clauses (the
 * telling's other words are the story's, and would only dilute the score). A single clause of
 * `context` is only circumstance when no word of its own is left beside its concepts and story
 * words (我住城西那边, 明天去不了了; not 手机进水开不了机了 or 我想考驾照, which say what is asked).
 */
function decideTold(index: KnowledgeIndex, text: string, asking: string, topics: ReadonlySet<string>, settings: PolicySettings, context: boolean): { decision: KnowledgeDecision; circumstance: boolean } {
  const units = analyze(text, index.lexicon, index.options).units;
  const telling = units.filter((u) => !asking.includes(u.text));
  const own = context && weightOf(telling.filter((u) => u.concept === undefined)) >= 1;
  const toldUnits = telling.filter((u) => u.concept !== undefined || u.aside === true || (own && !u.narrative));
  // Beside an ask saying something of its own, the story's concepts no entry knows are its scenery,
  // left out of its gist as its other words are; a vague ask (这个怎么处理) asks about the story, all of it.
  // So does a bare verb (屏幕摔碎了，能修吗): what it is done to is the told thing, not scenery.
  const vague = !saysOwn(units.filter((u) => asking.includes(u.text)));
  const scenery = (u: Unit) => !vague && u.concept !== undefined && !knows(index, u.concept);
  const story = toldUnits.map((u) => u.text);
  // A verb of the ask with no object is done to a thing the telling named (改 of a told 套餐 is 改套餐).
  // The concepts the story is about (not the goods it names, not its people): an entry meant by one ask of several speaks of one.
  const things = toldUnits.filter((u) => u.concept !== undefined && !isGoodsKind(u.concept));
  const about = new Set(things.map((u) => conceptKeys(u.concept!).concept));
  const verbs = units.filter((u) => asking.includes(u.text) && !u.narrative && (u.concept === undefined || u.text.length > 1) && VERB_WORD.test(u.text));
  asking = withToldObject(asking, verbs.map((u) => u.text), things.map((u) => u.text), index.lexicon.spans);
  const reading: Reading = { asking, full: bareVerb(units.filter((u) => asking.includes(u.text))), own };
  const gist = decideWhole(index, [asking, ...toldUnits.filter((u) => !scenery(u)).map((u) => u.text)].join('，'), topics, settings, reading);
  const asks = splitClauses(asking);
  const circumstance = context && !own;
  if (gist.zone === 'answer' || asks.length < 2) return { decision: gist, circumstance };
  // Asks joined (这个钱是怎么算的，满多少能免): each that says something of its own is read with the
  // story. One that no entry answers asks what the business does not say; the entry answering the
  // others is meant when it explains the most of the story, speaks of one of the story's concepts
  // (你们老师知道这个事吗 after a story of bullying is not the teachers' entry), and no ask is
  // answered by or offers another.
  let answer: KnowledgeDecision | undefined;
  for (const ask of asks) {
    if (ownWeight(analyze(ask, index.lexicon, index.options).units) < 1) continue;
    const read = decideWhole(index, [ask, ...story].join('，'), topics, settings, { asking: ask });
    if (read.zone === 'fallback') continue;
    if (read.zone !== 'answer' || read.entry.id !== reading.fits || !read.reasons.matched.some((f) => about.has(f))) return { decision: gist, circumstance };
    answer = read;
  }
  return { decision: answer ?? gist, circumstance };
}
/**
 * Whether any entry of the business (its questions or answers) speaks of a concept or its family: a
 * story's concept none does is where it happened (坐公交 when the phone was stolen, 吃饭 while a
 * lunch order is late), scenery like its other words, not something an entry could leave unsaid.
 */
function knows(index: KnowledgeIndex, concept: string): boolean {
  const family = index.lexicon.families.get(concept);
  return index.ids.has(conceptKeys(concept).concept) || (family !== undefined && index.ids.has(familyKey(family)));
}
/**
 * The only entry that explains enough of the message, and explains all of it (of a story, all of
 * its asking clauses), is answered from this share of the answer threshold, reached by its own
 * questions (not its answer text): its low score is the customer's other words (能刷信用卡买吗
 * against 支持哪些支付方式), and nothing else could be meant.
 */
const SOLE_SHARE = 0.5;
/**
 * How much a concept of a story's telling clauses that an entry leaves unexplained counts against
 * it, beside those of its asking clauses; one it explains counts in full, for it (杯子碎成好几块了
 * tells what 怎么处理 asks about).
 */
const STORY_CONCEPT = 0.5;
/** Whether every told concept an entry leaves is on the topic of an asked one it explains (a reason given for the question). */
function reasonFor(c: Candidate, focus: ReadonlySet<Unit>): boolean {
  const asked = new Set(c.explained.flatMap((u) => (u.concept !== undefined && focus.has(u) ? [topicOf(u.concept)] : [])));
  const told = c.unexplained.filter((u) => u.told === true);
  return told.length > 0 && told.every((u) => u.concept !== undefined && asked.has(topicOf(u.concept)));
}
/** How far a story's best entry leads the next (its score a multiple of theirs) for the telling it leaves to weigh `STORY_LEAD_CONCEPT`. */
const STORY_LEAD = 2;
/** How much a told concept the leading entry leaves counts against it (beside `STORY_CONCEPT` otherwise). */
const STORY_LEAD_CONCEPT = 0.25;
/** How far an entry asking the message's own specific question stands above one that merely allows it (added, so two such entries keep their distance). */
const TYPE_MATCH = 0.1;
/** How many times a story is narrowed to its asking clauses. */
const MAX_NARROWING = 3;

/**
 * How a text is read: `asking`, the asking clauses of a story (its other words are the story's);
 * `alone`, the asking clauses of a story decided without it, which must say something of their own
 * (怎么处理 or 能补吗 alone asks about nothing: the story says what).
 */
interface Reading {
  asking?: string;
  alone?: boolean;
  /** The ask is a bare verb (能修吗): the told things are what it is done to, and count in full. */
  full?: boolean;
  /** A clause of context saying something of its own (想趁双十一入手, 我想考驾照): its words are told, each counted as a story's concept, not dropped. */
  own?: boolean;
  /** Set by the decision: the entry explaining the most of the text among those asking its kind of question. */
  fits?: string;
}

function decideWhole(index: KnowledgeIndex, text: string, topics: ReadonlySet<string>, settings: PolicySettings, reading: Reading = {}): KnowledgeDecision {
  const { asking, alone = false } = reading;
  const kind = settings.smallTalk ? smallTalkKind(text) : undefined;
  const eligible = (e: KnowledgeEntry) => e.requires_context === undefined || topics.has(e.requires_context);
  const { analysis, focus, candidates } = search(index, text, MAX_CHOICES + 2, eligible);
  if (asking !== undefined) {
    for (const u of analysis.units) {
      if (asking.includes(u.text)) continue;
      if (u.concept === undefined && u.aside !== true && reading.own !== true) u.narrative = true;
      else u.told = true;
    }
  }
  const types = asking === undefined ? analysis.types : askedTypes(asking);
  for (const c of candidates) if (c.entry.requires_context !== undefined) c.score = Math.min(1, c.score * CONTEXT_BOOST);
  candidates.sort((a, b) => b.score - a.score);
  const [best] = candidates;
  const reasons: Reasons = {
    scores: candidates.map((c) => ({ id: c.entry.id, score: round(c.score) })),
    matched: best?.matched ?? [],
    unexplained: best?.unexplained.map((u) => u.text) ?? [],
    types,
    corrections: analysis.corrections,
    coverage: best ? round(coverage(best)) : 0,
  };
  // The operator wrote this very question (even 你好 as an entry of their own): it is theirs.
  const exact = index.exact.get(exactKey(text));
  if (exact !== undefined && eligible(index.entries[exact]!.entry)) return { zone: 'answer', entry: index.entries[exact]!.entry, confidence: 1, reasons };
  if (kind !== undefined) return { zone: 'smalltalk', kind, confidence: 1, reasons };
  if (!best || analysis.empty || (alone && !saysOwn(analysis.units))) return { zone: 'fallback', confidence: 0, reasons: { ...reasons, held: 'no_candidate' } };
  // Entries asking another kind of question are out; the rest compete.
  // Asked where or how much of a person alone (老师多大了), only an entry asking it answers (./person).
  const personal = asksOfPerson(analysis.units, types);
  const located = asksLocation(analysis.text);
  // Asked whether a thing is so (尺码偏大吗), an entry telling only what one may do about it (尺码不合适可以更换吗) is out.
  const state = asksState(analysis.text, types);
  // What the message says, its fillers left out (请问下下, 麻烦问一下): a character of theirs names no conduct.
  const said = analysis.units.map((u) => u.text).join(' ');
  const ranked = candidates.filter((c) => {
    if (state && c.entry.questions.every((q) => asksOtherConduct(q, said))) return false;
    const { asks, statesSpan, statesPlace } = index.entries[c.index]!;
    // Only an answer stating a number (5 元, 400-820-6688) says how many or what number (你们电话多少).
    return !settings.types || (typesAgree(types, asks, statesSpan, statesPlace || !located, /\d/.test(c.entry.answer)) && (!personal || typesMatch(types, asks)));
  });
  // What another business charges or does is not this one's to answer (./party), unless the entry speaks of it.
  const party = otherParty(analysis.text, focus);
  const named = namedParty(analysis.text, focus);
  // Whether another person may have the customer's thing is answered by an entry speaking of others (./lending).
  const handed = handsToOther(analysis.text);
  const ownParty = (c: Candidate) => (party === undefined || c.entry.questions.some((q) => fold(q).includes(party))) && (named === undefined || namesParty(c.entry, named)) && (!handed || speaksOfOthers(c.entry));
  // What follows an action is answered by an entry that speaks of it, and what 会 predicts by one explaining or answering it (./consequence).
  const consequence = asksConsequence(analysis.text);
  // So is what is to be done where the message asks where (激活码在哪里买: 买), by an entry sharing the verb or a character of it (看到 / 查看).
  const foreseen = predicted(analysis.text, focus);
  const done = doneWhere(analysis.text, analysis.units);
  const says = (c: Candidate, u: Unit) => c.explained.includes(u) || c.entry.answer.includes(u.text);
  const follows = (c: Candidate) => (!consequence || speaksOfConsequence(c.entry.questions)) && foreseen.every((u) => says(c, u)) && done.every((u) => says(c, u) || c.resembled.includes(u));
  // Among entries that explain enough, one that explains more of the message is the likelier
  // reading: 发票怎么开 is "how to issue an invoice", not "how to change its title".
  // So is one whose own questions ask what the message asks: 宽带安装要多久 is "how long does it take", not "is installing charged".
  // Ranked by all they explain: the context discount lets an entry through the veto, it does not bring a rival level.
  const standing = (c: Candidate) => c.score * coverage(c, false) + (settings.types && typesMatch(types, index.entries[c.index]!.asks) ? TYPE_MATCH : 0);
  // A story's entry that explains what it asks and some of its telling, far ahead of every other: the telling it leaves is the story's.
  // So is a telling on the topic of what the entry answers (明天去不了了 before 能改到后天吗): the reason for asking, not another question.
  const share = (c: Candidate) => reading.full === true ? 1 : (asking !== undefined && c.focusMet && ((c === best && !(candidates[1]!?.score * STORY_LEAD > c.score) && c.explained.some((u) => u.told === true)) || reasonFor(c, focus)) ? STORY_LEAD_CONCEPT : STORY_CONCEPT);
  // An entry meeting what a story asks leaves its telling, however long, as one word of context at most (as the words beside a met focus count).
  const told = (c: Candidate) => (reading.full !== true && asking !== undefined && c.focusMet ? Math.min(share(c), CONTEXT / Math.max(CONTEXT, weightOf(c.unexplained.filter((u) => u.told === true), ASIDE))) : share(c));
  const veto: VetoContext = { focus, known: (concept) => knows(index, concept), own: reading.own };
  const covering = ranked.filter((c) => coverage(c, asking === undefined, told(c), veto) >= settings.coverage && !c.otherGoods && ownParty(c) && follows(c)).sort((a, b) => standing(b) - standing(a));
  const [top, rival] = covering;
  reading.fits = ranked.reduce<Candidate | undefined>((a, c) => (a === undefined || coverage(c, false) > coverage(a, false) ? c : a), undefined)?.entry.id;
  let held: Reasons['held'];
  if (ranked.length === 0) held = 'question_type';
  else if (!top) held = 'near_miss';
  else if (top.score < (!rival && explainsAll(top, asking) && top.asked >= settings.answerAt * SOLE_SHARE ? settings.answerAt * SOLE_SHARE : settings.answerAt)) held = 'low_confidence';
  else if (rival && standing(top) - standing(rival) < settings.margin) held = 'close_second';
  else return { zone: 'answer', entry: top.entry, confidence: round(top.score), reasons: { ...reasons, matched: top.matched, unexplained: top.unexplained.map((u) => u.text), coverage: round(coverage(top)) } };
  const plausible = covering.filter((c) => c.score >= settings.clarifyAt);
  if (settings.clarify && plausible.length > 0) {
    return { zone: 'clarify', choices: plausible.slice(0, MAX_CHOICES).map((c) => c.entry), confidence: round(plausible[0]!.score), reasons: { ...reasons, held } };
  }
  return { zone: 'fallback', confidence: round(best.score), reasons: { ...reasons, held } };
}

/**
 * What a story's asking clauses ask, each ask read apart: 能给我退吗还是补发一个 asks two yes/no
 * questions of the remedy the story is about, not "A or B" of an entry listing both.
 */
function askedTypes(asking: string): QuestionType[] {
  const types = new Set<QuestionType>();
  for (const clause of splitClauses(asking)) for (const ask of clause.split(CHOICE)) for (const t of questionTypes(ask)) types.add(t);
  return [...types];
}
const CHOICE = '还是';

/** What a text says of its own: its words and concepts, not its story, its people or the goods it names (能帮我看看监控吗 says nothing). */
const ownWeight = (units: readonly Unit[]) => weightOf(units.filter((u) => u.concept === undefined || !isGoodsKind(u.concept)), 0);

/** Whether an ask says something of its own: not only its people or goods, nor a bare verb (能修吗: the story says what of). */
function saysOwn(units: readonly Unit[]): boolean {
  return ownWeight(units) >= 1 && !bareVerb(units);
}
function bareVerb(units: readonly Unit[]): boolean {
  const asked = units.filter((u) => !u.narrative);
  return asked.length === 1 && BARE_VERB.test(asked[0]!.text);
}

/** Whether an entry explains all of a message, or of a story's asking clauses (its telling is the story's). */
const explainsAll = (c: Candidate, asking: string | undefined) =>
  coverage(c) === 1 || (asking !== undefined && c.unexplained.every((u) => u.narrative || !asking.includes(u.text)));

const round = (x: number) => Math.round(x * 1000) / 1000;

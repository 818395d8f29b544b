/**
 * Retrieval: the knowledge entries closest to a message, scored on content only.
 *
 * Every question of an entry (its canonical and similar questions) is analysed once per config
 * version (./knowledge-index). A message's features find candidate entries through posting lists
 * (every feature of an entry's questions and answer), then each candidate is scored question by
 * question:
 *   similarity = (share of the message's content it explains)^0.7 × (share of the question matched)^0.3,
 * both weighted by IDF over the entries and by channel (customers write short: what they said
 * matters more than what the operator's question adds); the entry's answer text adds a little
 * (a low-weight field) so an answer that names the customer's word counts for something.
 */
import type { KnowledgeEntry } from '../../rules/config';
import { analyze, PRICE_CONCEPT, type Analysis, type Unit } from './analyze';
import { CONCEPT_KEY, conceptKeys, familyKey, topicOf } from './lexicon';
import { TOPIC_HEADS } from '#concepts';
import { COLOUR_NAMES, GOODS_ROOT, isGoodsKind, wornKind } from './lexicon/goods-kinds';
import { isAppointmentAct, isServiceKind } from './lexicon/service-kinds';
import type { KnowledgeIndex } from './knowledge-index';
import { modelCodes } from './model-codes';
import { choiceSidesOf, focusOf } from './focus';
import { asksSpecific, typesMatch } from './question-type';

/** How much the answer text counts beside the best question. */
const ANSWER_WEIGHT = 0.15;
const CANDIDATES = 24;
/** How much the message's share weighs against the question's in the similarity. */
const MESSAGE_SHARE = 0.7;

/** A message's features in analysis order, numbered as the index numbers them (-1: no entry has it) and weighted by IDF. */
interface Message {
  keys: string[];
  ids: number[];
  weights: number[];
  mass: number;
}

const GOODS_KEYS = conceptKeys(GOODS_ROOT);
/**
 * A feature of goods (a kind's concept, the goods topic, their family): when no entry has it, it
 * says what was bought, not that the message is about something else, so it adds no unknown weight.
 */
const isGoodsFeature = (key: string): boolean =>
  key === GOODS_KEYS.topic || key === GOODS_KEYS.family || (key.startsWith(CONCEPT_KEY) && isGoodsKind(key.slice(CONCEPT_KEY.length)));

/**
 * A class no entry names whose family an entry does (a meal's 汤全撒 where the operator wrote 洒漏,
 * 菜里有根头发 where they wrote 异物): its family feature stands for it, so it adds no unknown weight.
 */
function kindOfKnownFamily(index: KnowledgeIndex, key: string): boolean {
  if (!key.startsWith(CONCEPT_KEY)) return false;
  const root = index.lexicon.families.get(key.slice(CONCEPT_KEY.length));
  return root !== undefined && index.ids.has(familyKey(root));
}

function weighMessage(index: KnowledgeIndex, analysis: Analysis): Message {
  const message: Message = { keys: [], ids: [], weights: [], mass: 0 };
  for (const [f, w] of analysis.features) {
    const id = index.ids.get(f) ?? -1;
    const v = w * (id >= 0 ? index.idf[id]! : isGoodsFeature(f) || kindOfKnownFamily(index, f) ? 0 : index.unknownIdf);
    message.keys.push(f);
    message.ids.push(id);
    message.weights.push(v);
    message.mass += v;
  }
  return message;
}

export interface Candidate {
  index: number;
  entry: KnowledgeEntry;
  /** 0..1: how well its best question and its answer explain the message. */
  score: number;
  /** 0..1: how well its best question alone does. */
  asked: number;
  /** Message features it shares. */
  matched: string[];
  /** The message's informative units it does not explain. */
  unexplained: Unit[];
  /** Units of the customer's own words that share a character with the entry's questions (单子 / 订单): half explained. */
  resembled: Unit[];
  explained: Unit[];
  /** The customer names goods the entry does not, and the entry names goods of its own (卷发棒 against 吹风机). */
  otherGoods: boolean;
  /** It explains what the message asks about (./focus): the words it leaves are the question's context. */
  focusMet: boolean;
}

/** The message weight a document has too: the sum over shared features, in message order, of the smaller weight. */
function overlap(index: KnowledgeIndex, message: Message, d: number): number {
  const { docs } = index;
  const { weight } = index.scratch;
  const from = docs.start[d]!;
  const to = docs.start[d + 1]!;
  for (let k = from; k < to; k++) weight[docs.items[k]!] = docs.weights[k]!;
  let matched = 0;
  for (let j = 0; j < message.ids.length; j++) {
    const w = message.ids[j]! < 0 ? 0 : weight[message.ids[j]!]!;
    // Document weights are IDF × channel weight, never 0: 0 is "not in the document".
    if (w > 0) matched += Math.min(message.weights[j]!, w);
  }
  for (let k = from; k < to; k++) weight[docs.items[k]!] = 0;
  return matched;
}

function similarity(index: KnowledgeIndex, message: Message, d: number): number {
  const mass = index.docs.mass[d]!;
  if (message.mass === 0 || mass === 0) return 0;
  const matched = overlap(index, message, d);
  return (matched / message.mass) ** MESSAGE_SHARE * (matched / mass) ** (1 - MESSAGE_SHARE);
}

/** A unit's features as the index numbers them (-1: no entry has it), looked up once per message. */
interface UnitKeys {
  unit: Unit;
  concept: number;
  word: number;
  /** A one-character unit's character, and the bigrams it forms with its neighbours. */
  char: number;
  pairs?: number[];
  /** A longer Han unit's bigrams (undefined for Latin words, which bigrams never explain). */
  bigrams?: number[];
  /** A longer Han word's characters, for resemblance (undefined for terms and other units). */
  chars?: number[];
  /** The family feature of a term's family (lexicon.families). */
  family: number;
  /** The term's class is its family's outermost (a whole, which any of its facets answers). */
  whole: boolean;
  /** The classes above the term's in its family, up to the outermost: each answers it (外卖还没到 by 送达时间 or by 配送). */
  above?: number[];
  /** A class naming its whole topic (TOPIC_HEADS): the topic, which any entry on it has. */
  head: number;
  /** Features that explain the unit as well as its own: an entry speaking of money (配送费, 违约金, 现金) answers what something costs. */
  alike?: number[];
  /** A named kind of goods (杯子) or a model code the business names (X7): what was bought, unless the entry names goods of its own. */
  goods: boolean;
  /** A kind of goods a what or which question asks for (用的什么沐浴露), one a thing is put into (能放烤箱吗) or one asked for alongside (顺便装个电视): not what was bought. */
  askedKind: boolean;
  /** A colour name (红色): the variant bought, where no entry names a colour. */
  colour: boolean;
  /** A named procedure (洗牙, 烫发): the occasion of an appointment's question to an entry naming none (./lexicon/service-kinds). */
  service: boolean;
}

const HAN_WORD = /^\p{Script=Han}+$/u;
/** A verb asked with no object: a modal before it, an aspect mark or a particle after it (能修吗, 可以退不). */
export const BARE_VERB = /^(?:[能要想会]|可以?)?\p{Script=Han}(?:[掉了完好]|一下)?[吗么呢不]?$/u;
/** A what or which question word right before a word: it asks which one (什么沐浴露, 哪款滤芯). */
const ASKED_KIND = /(?:什么|啥|哪[个种款些类样]?|哪一[个种款])$/u;
/** A verb putting a thing into goods right before them (放烤箱, 能进洗碗机): where it goes, an appliance of the customer's. */
const PUT_INTO = /(?:放|放进|放入|放到|塞进|装进|扔进|进)$/u;
/** While at it (能顺便帮我装个电视吗): goods after it in its clause are an extra thing asked for, not what was bought. */
const ALONGSIDE = /(?:顺便|顺带|顺手)[^，,。？?！!；;]*$/u;
/** The characters of an entry's questions that speak of money: fees (费), prices (价), sums (钱, 元, 金, and 额 of 余额, 免赔额, 额度). */
const MONEY = Array.from('费价钱元金额', (ch) => `h:${ch}`);
function unitKeys(index: KnowledgeIndex, text: string, u: Unit, codes: readonly { code: string; at: number }[]): UnitKeys {
  const id = (f: string) => index.ids.get(f) ?? -1;
  // A model code the business names (its units: 2|代) is goods too, explained by the kinds it stands for as by itself.
  const model = u.at === undefined ? undefined : codes.find(({ code, at }) => at <= u.at! && u.at! < at + code.length)?.code;
  const kinds = model === undefined ? undefined : index.models.get(model);
  const goods = (u.concept !== undefined && isGoodsKind(u.concept)) || kinds !== undefined;
  // A kind of goods is explained by itself only: the entry's 本产品 is not the customer's 蛋糕.
  const root = u.concept === undefined || goods ? undefined : index.lexicon.families.get(u.concept);
  const keys: UnitKeys = {
    unit: u,
    concept: u.concept === undefined ? -1 : id(conceptKeys(u.concept).concept),
    word: id(`w:${u.text}`),
    char: u.text.length === 1 ? id(`h:${u.text}`) : -1,
    family: root === undefined ? -1 : id(familyKey(root)),
    whole: root !== undefined && root === u.concept,
    head: u.concept !== undefined && TOPIC_HEADS.has(u.concept) ? id(conceptKeys(u.concept).topic) : -1,
    goods,
    askedKind: goods && u.at !== undefined && (ASKED_KIND.test(text.slice(Math.max(0, u.at - 4), u.at)) || PUT_INTO.test(text.slice(Math.max(0, u.at - 2), u.at)) || ALONGSIDE.test(text.slice(0, u.at))),
    service: u.concept !== undefined && isServiceKind(u.concept),
    colour: u.concept === COLOUR_NAMES,
  };
  if (u.pairs !== undefined) keys.pairs = u.pairs.map(id);
  const above = root === undefined ? undefined : index.lexicon.above.get(u.concept!);
  if (above !== undefined) keys.above = above.map((c) => id(conceptKeys(c).concept));
  const worn = goods && u.concept !== undefined ? wornKind(u.text) : undefined;
  if (worn !== undefined && worn !== u.concept) keys.above = [id(conceptKeys(worn).concept)];
  if (u.concept === PRICE_CONCEPT) keys.alike = MONEY.map(id);
  // A code (a Latin word) stands for its kinds; a short name (2代, pro版) tells one generation or edition from the kind's others.
  if (kinds !== undefined && u.concept === undefined && model === u.text) keys.alike = kinds.map((c) => id(conceptKeys(c).concept));
  if (u.text.length !== 1 && !/^[a-z0-9 ]+$/.test(u.text)) {
    keys.bigrams = [];
    for (let i = 0; i + 1 < u.text.length; i++) keys.bigrams.push(id(`b:${u.text.slice(i, i + 2)}`));
  }
  // Chinese compounds that share a morpheme are often the same thing said otherwise (单子 / 订单,
  // 牙医 / 医生, 周六 / 周末). Never for lexicon terms: a concept the entry lacks is a different thing.
  if (u.concept === undefined && u.text.length >= 2 && HAN_WORD.test(u.text)) keys.chars = Array.from(u.text, (ch) => id(`h:${ch}`));
  return keys;
}

/** Whether an entry (its vocabulary marked in `known`) explains a unit: its concept or its family's whole, the word, the character or every bigram. */
function explains(known: Uint8Array, k: UnitKeys): boolean {
  const has = (id: number) => id >= 0 && known[id] === 1;
  // A facet's whole (退款 for 退款多久到账), or for a whole any of its facets, is the same thing.
  if (has(k.concept) || has(k.word) || (k.whole && has(k.family)) || (k.above !== undefined && k.above.some(has)) || (k.alike !== undefined && k.alike.some(has))) return true;
  if (k.unit.text.length === 1) return has(k.char) || (k.pairs !== undefined && k.pairs.some(has));
  return k.bigrams !== undefined && k.bigrams.every(has);
}

/**
 * A term the entry does not write, made of a term the entry writes (its head) and before it a term
 * of another topic that no entry of the business speaks of (话费充值 against an app's 充值未到账,
 * 支付密码 against a software service's 忘记密码): another business's kind of the entry's thing,
 * which the lexicon folds into its class. Not a kind the business names somewhere (海鲜过敏 of a
 * restaurant), nor an attribute of the same topic (质量认证 against 有认证吗).
 */
function otherKind(index: KnowledgeIndex, known: Uint8Array, k: UnitKeys, entry: KnowledgeEntry): boolean {
  const { text, concept } = k.unit;
  if (concept === undefined || k.goods || text.length < 4 || known[k.word] === 1 || !HAN_WORD.test(text)) return false;
  const conceptOf = (term: string) => {
    const span = index.lexicon.spans.get(term);
    return span?.kind === 'concept' ? span.concept : undefined;
  };
  for (let j = 2; j <= text.length - 2; j++) {
    const head = text.slice(j);
    if (!entry.questions.some((q) => q.includes(head))) continue;
    const [modifier, named] = [conceptOf(text.slice(0, j)), conceptOf(head)];
    return modifier !== undefined && named !== undefined && !isGoodsKind(modifier) && topicOf(modifier) !== topicOf(named) && !index.ids.has(conceptKeys(modifier).concept) && !index.ids.has(`b:${text.slice(j - 2, j)}`);
  }
  return false;
}

/** Whether a word the entry does not have shares a character with its questions or answer: half explained. */
const resembles = (known: Uint8Array, k: UnitKeys): boolean => k.chars !== undefined && k.chars.some((id) => id >= 0 && known[id] === 1);

/**
 * The entries sharing the most feature weight with the message, best first: a rough score summed
 * over the posting lists into a reusable accumulator (no allocation per entry touched), then the
 * best CANDIDATES kept in order of first touch among equal scores, as a stable sort would.
 */
function shortlist(index: KnowledgeIndex, message: Message): number[] {
  const { rough, touched } = index.scratch;
  const { start, items } = index.postings;
  let count = 0;
  for (let j = 0; j < message.ids.length; j++) {
    const f = message.ids[j]!;
    if (f < 0) continue;
    const w = message.weights[j]!;
    for (let k = start[f]!; k < start[f + 1]!; k++) {
      const e = items[k]!;
      if (rough[e] === 0) touched[count++] = e;
      rough[e]! += w;
    }
  }
  const best: number[] = [];
  const scores: number[] = [];
  for (let t = 0; t < count; t++) {
    const e = touched[t]!;
    const score = rough[e]!;
    rough[e] = 0;
    if (best.length === CANDIDATES && score <= scores[CANDIDATES - 1]!) continue;
    let at = best.length;
    while (at > 0 && scores[at - 1]! < score) at--;
    best.splice(at, 0, e);
    scores.splice(at, 0, score);
    if (best.length > CANDIDATES) {
      best.pop();
      scores.pop();
    }
  }
  return best;
}

export interface Search {
  analysis: Analysis;
  /** What the message asks about (./focus). */
  focus: ReadonlySet<Unit>;
  candidates: Candidate[];
}

/** The entries closest to a message, best first (at most `limit`); `eligible` filters (context rules). */
export function search(index: KnowledgeIndex, text: string, limit: number, eligible: (e: KnowledgeEntry) => boolean = () => true): Search {
  const analysis = analyze(text, index.lexicon, index.options);
  const message = weighMessage(index, analysis);
  const codes = modelCodes(analysis.text);
  const units = analysis.units.map((u) => unitKeys(index, analysis.text, u, codes));
  // A person or feeling the business speaks of (an entry about children or the elderly) may be
  // what is asked: it counts in full, as a story's aside only where no entry knows it.
  for (const k of units) if (k.unit.aside === true && (k.concept >= 0 || k.word >= 0)) k.unit.aside = false;
  const focus = focusOf(analysis);
  const sides = analysis.types.includes('choice') ? choiceSidesOf(analysis, focus) : [];
  // Goods named alone (有沙拉吗) are what is asked for, not what was bought: nothing else is asked of them.
  // Nor beside an appointment's act (取消明天的闹钟): one books a visit, not goods.
  const bought = units.some((k) => !k.goods && !k.unit.narrative) && !units.some((k) => k.unit.concept !== undefined && isAppointmentAct(k.unit.concept));
  // A colour named alone (有红色吗) is what is asked for; beside a question (红色的会掉色吗) it is the variant
  // bought, unless the business's questions name colours (白色卫衣几天发货): then each names its own.
  const picked = units.some((k) => !k.goods && !k.colour && !k.unit.narrative);
  const { docsOf, vocabulary, postings } = index;
  // A topic most entries speak of is the business's trade: its head word (宠物, 车) is the occasion of any of its entries.
  const trade = (topic: number) => (postings.start[topic + 1]! - postings.start[topic]!) * 2 >= index.entries.length;
  const { known } = index.scratch;
  const candidates: Candidate[] = [];
  for (const i of shortlist(index, message)) {
    const e = index.entries[i]!;
    if (!eligible(e.entry)) continue;
    // Documents docsOf[i] .. answer - 1 are the questions; the last one is the answer.
    const answer = docsOf[i + 1]! - 1;
    let best = 0;
    for (let d = docsOf[i]!; d < answer; d++) best = Math.max(best, similarity(index, message, d));
    const answered = message.mass === 0 || index.docs.mass[answer] === 0 ? 0 : overlap(index, message, answer);
    const score = Math.min(1, best + ANSWER_WEIGHT * (message.mass === 0 ? 0 : answered / message.mass));
    for (let k = vocabulary.start[i]!; k < vocabulary.start[i + 1]!; k++) known[vocabulary.items[k]!] = 1;
    const explained: Unit[] = [];
    const resembled: Unit[] = [];
    const unexplained: Unit[] = [];
    const heads: UnitKeys[] = [];
    const { namesGoods, namesService } = index.entries[i]!;
    // A procedure beside an appointment (我想约洗牙, 洗牙要预约吗) is its occasion for an entry naming none that answers the appointment's question
    // and leaves nothing else asked but a light verb, nor a person (还能做吗 asks about the appointment; 能带朋友吗 about a friend).
    const occasions: Unit[] = [];
    // What is asked is not half explained by a shared character where the entry asks something
    // else (工资 of 老师一个月工资多少 against 老师的资质怎么样): the character is all they share.
    const askedElse = asksSpecific(analysis.types) && !typesMatch(analysis.types, e.asks);
    let otherGoods = false;
    for (const k of units) {
      // An entry naming no kind of goods (退款多久到账, 商品破损怎么办) is asked about whatever was bought (杯子), not which kind to use (用的什么沐浴露).
      if ((explains(known, k) && !otherKind(index, known, k, e.entry)) || (k.goods && !namesGoods && !k.askedKind && bought) || (k.colour && !index.coloursNamed && picked)) explained.push(k.unit);
      else if (k.service && !namesService) occasions.push(k.unit);
      else if (k.goods) {
        otherGoods = true;
        unexplained.push(k.unit);
      }
      else if (k.head >= 0 && (known[k.head] === 1 || trade(k.head))) heads.push(k);
      else (resembles(known, k) && !(focus.has(k.unit) && askedElse) ? resembled : unexplained).push(k.unit);
    }
    const ofAppointment = occasions.length > 0 && explained.some((u) => u.concept !== undefined && isAppointmentAct(u.concept)) && !unexplained.some((u) => (focus.has(u) && u.weight >= 0.5) || u.aside === true);
    for (const u of occasions) (ofAppointment ? explained : unexplained).push(u);
    // A topic's head word is the entry's when nothing else of that topic is left unexplained (包裹
    // beside 走到哪了 for a tracking entry; not 账号 beside 注销 for an app entry).
    for (const k of heads) (unexplained.some((u) => u.concept !== undefined && topicOf(u.concept) === topicOf(k.unit.concept!)) ? unexplained : explained).push(k.unit);
    const matched = message.keys.filter((_, j) => message.ids[j]! >= 0 && known[message.ids[j]!] === 1);
    for (let k = vocabulary.start[i]!; k < vocabulary.start[i + 1]!; k++) known[vocabulary.items[k]!] = 0;
    // Met when it explains the whole focus: a word it only resembles is not what was asked (飞机 against 吹风机).
    // A bare verb (能修吗) is not met alone: what it is done to is the rest of the message, not its context.
    const left = [...unexplained, ...resembled];
    // The side after 还是 is the alternative an entry rules out when it explains some of the side before and leaves none of it.
    const ruledOut = (u: Unit) => sides.some(([a, b]) => b.includes(u) && a.some((v) => explained.includes(v)) && !a.some((v) => left.includes(v)));
    const focusMet = explained.some((u) => focus.has(u) && !BARE_VERB.test(u.text)) && !left.some((u) => focus.has(u) && !ruledOut(u));
    candidates.push({ index: i, entry: e.entry, score, asked: best, matched, unexplained, resembled, explained, otherGoods, focusMet });
  }
  candidates.sort((a, b) => b.score - a.score);
  return { analysis, focus, candidates: candidates.slice(0, limit) };
}

/**
 * A text as the matcher sees it: its content (words, character bigrams and single characters,
 * concepts and their topics), its question types, and the informative units the near-miss veto
 * checks. Fillers, question words and function words are not content.
 *
 * Steps: fold (./fold) → described references in the lexicon's shape (./references) → pinyin corrections of typos and typed pinyin (./pinyin) against the
 * known words → longest-match scan for lexicon terms and fillers → English terms on Latin words →
 * Intl.Segmenter words of what is left.
 */
import { LATIN_INTERJECTION, LIGHT_WORDS, NARRATIVE_WORDS, STOP_WORDS } from './function-words';
import { englishForm, englishTermAt } from './english-terms';
import { fold } from './fold';
import { correct } from './correct';
import { plainReferences } from './references';
import { conceptKeys, familyKey, type Lexicon } from './lexicon';
import { facetAcross, longestSpan } from './span-trie';
import { frontedTerm } from './fronted';
import { askedBuying, askedQuality, asideAt, paidSum, rateUnit, toldWord } from './narrative';
import { SYLLABLES } from './pinyin';
import { arrivalOf } from './arrival';
import { clauseReadings } from './clause-readings';
import { standIn, withSettingChanges } from './setting-change';
import { questionWords, type QuestionType } from './question-type';
import { bigramKey, boundaries, contentOf, latinWordsAndHanRuns, neighbourPairs } from './segments';


/** The concept a price question stands for, whatever words it used. */
export const PRICE_CONCEPT = 'ask.price';

export interface Unit {
  text: string;
  /** The concept a lexicon term names. */
  concept?: string;
  /** A story word (昨天买的): expected to go unexplained. */
  narrative: boolean;
  /** A person or feeling of the story (我妈, 气死了): counts a little when the entry leaves it unexplained. */
  aside?: boolean;
  /** A concept or aside of a story's telling clauses (policy.ts): evidence for an entry that explains it, little against one that does not. */
  told?: boolean;
  /** 1 for words and terms, less for a lone character. */
  weight: number;
  /** A lone character's bigrams with its neighbours (segments.ts neighbourPairs). */
  pairs?: string[];
  /** Where it starts in the analysed text (none for the price a question word asks: 多少钱). */
  at?: number;
}

/** Where an analysis puts its features: each one once, in order of first appearance, with its weight. */
export interface FeatureSink {
  /** Adds a feature unless it is there already. */
  add(key: string, weight: number): void;
  /**
   * Takes a Han run's words, bigrams and characters (`bigramsOnly`: its bigrams, for an analysis
   * without words) as a whole, to add in its place later (compiling: one segmenter call for all
   * new runs, and a run repeated across documents read once). Without it, or when the analysis
   * collects units, the analyser adds them itself. A run taken whole counts as content for `empty`.
   */
  addRun?(run: string, bigramsOnly: boolean): void;
  readonly size: number;
}

/** A message's features: feature → weight (the default sink; compiling an index numbers them instead). */
export class Features extends Map<string, number> implements FeatureSink {
  add(key: string, weight: number): void {
    if (!this.has(key)) this.set(key, weight);
  }
}

export interface Analysis<F extends FeatureSink = Features> {
  /** The folded (and corrected) text. */
  text: string;
  features: F;
  concepts: Set<string>;
  types: QuestionType[];
  units: Unit[];
  /** Typo and pinyin corrections made: "快第→快递". */
  corrections: string[];
  /** Whether any content is left (an emoji-only or filler-only message has none). */
  empty: boolean;
}

/** Channel weights: how much each kind of feature counts (ablations set one to 0). */
export interface Channels {
  word: number;
  bigram: number;
  char: number;
  concept: number;
  topic: number;
}
export const DEFAULT_CHANNELS: Channels = { word: 1, bigram: 0.6, char: 0.2, concept: 1.2, topic: 0.3 };

export interface AnalyzeOptions {
  channels: Channels;
  /** Correct homophone typos and typed pinyin against the lexicon's words. */
  pinyin: boolean;
  /** Segment the text into words (off: concepts, bigrams and characters only). Default on. */
  words?: boolean;
  /** Collect the informative units (the near-miss veto reads them; compiling an index needs none: off, `units` is empty). Default on. */
  units?: boolean;
}

function add(features: FeatureSink, key: string, weight: number): void {
  if (weight > 0) features.add(key, weight);
}

const MODAL_LEAD: ReadonlySet<number> = new Set(Array.from('能要会可想该得敢肯', (c) => c.charCodeAt(0)));
/**
 * A modal before a verb (能退, 要带), a degree before a quality (很大, 太吵, 挺重) or an aspect mark after
 * a verb (洗完, 买过) glued to it by the segmenter.
 */
const MODAL_VERB = /^[能要会可想该得敢肯很太挺蛮超][\p{Script=Han}]$/u;
const VERB_ASPECT = /^[\p{Script=Han}][完了过着好掉]$/u;
/** A direction after a one-character verb (输进去, 拿出来, 装起来): the verb is the word. */
const VERB_DIRECTION = /^[\p{Script=Han}](?:进去|进来|出来|出去|上去|上来|下来|下去|起来)$/u;

/**
 * The informative unit of a segment at `from` of the text: a modal, aspect mark or direction glued
 * to a one-character verb is dropped (能退 is about 退, 洗完 about 洗) unless the pair is a known word
 * (会员, 可乐 stay). Whether it is the story's is ./narrative's to say.
 */
function unitOf(segment: string, lexicon: Lexicon, text: string, content: string, from: number): Unit {
  const known = lexicon.spans.has(segment);
  const word = known ? segment : MODAL_VERB.test(segment) ? segment.slice(1) : VERB_ASPECT.test(segment) || VERB_DIRECTION.test(segment) ? segment.slice(0, 1) : segment;
  const narrative = (toldWord(word, content, from) || (word !== segment && toldWord(segment, content, from)) || QUANTITY.test(word) || paidSum(word, content, from) || rateUnit(word, text, from)) && !askedQuality(word, text, from + segment.length) && !askedBuying(word, text, from);
  return { text: word, narrative, aside: asideAt(word, text, from), weight: lightWord(word) ? LIGHT_WEIGHT : word.length >= 2 ? 1 : 0.5, at: from };
}

/** A light verb and where it goes (带去, 拿来, 带过去): as light as the verb, the place or the thing taken is the content. */
const LIGHT_MOTION = /^(\p{Script=Han})过?[去来]$/u;
const lightWord = (word: string): boolean => LIGHT_WORDS.has(word) || (LIGHT_MOTION.test(word) && LIGHT_WORDS.has(word[0]!));

/**
 * A number in words, alone or with its unit (十二, 六十, 两份, 一百块, 一道, 一根), or a lone unit of time or
 * money (月, 块): told like the digits, which are story too (59 的套餐, 交了 50).
 */
const QUANTITY = /^(?:[零〇一二两三四五六七八九十百千万几半俩仨]+[块元毛月年天周次回遍份位张台点号楼层道根条片颗粒处]?|[块元毛月年天周])$/u;

/** A when-clause at `at`, after a term (结账的时候, 付款时; not 时间, 时效 or 及时's 时): unit by unit, not a regex on a slice per term. */
const whenAt = (text: string, at: number): boolean =>
  // 时候 is 时 and a unit not of NOT_WHEN; most terms are followed by neither 时 nor 的: one comparison each,
  // none past the end (a read there deoptimises).
  at < text.length && (text.charCodeAt(at) === TIME_UNIT ? at + 1 === text.length || !NOT_WHEN.has(text.charCodeAt(at + 1)) : text.startsWith('的时候', at));
const TIME_UNIT = '时'.charCodeAt(0);
const NOT_WHEN: ReadonlySet<number> = new Set(Array.from('间效长段刻限速差', (c) => c.charCodeAt(0)));

/** What a light word weighs in the near-miss check, against 1 for a content word. */
const LIGHT_WEIGHT = 0.25;

/** Whether the character at `i` is part of a longer segmenter word: a one-character filler there is not one (哈 of 哈尔滨, 额 of 额外). */
function inWord(text: string, i: number): boolean {
  const han = (k: number) => k >= 0 && k < text.length && HAN_CHAR.test(text[k]!);
  if (!han(i - 1) && !han(i + 1)) return false;
  let from = i;
  let to = i + 1;
  while (han(from - 1)) from--;
  while (han(to)) to++;
  const { cuts } = boundaries(text.slice(from, to));
  return !cuts.has(i - from) || !cuts.has(i + 1 - from);
}
const HAN_CHAR = /\p{Script=Han}/u;


/** What blanks a code unit out of the content: a question word or a filler. */
const QUESTION = 1;
const FILLER = 2;

/**
 * The marks of the text being analysed, zeroed up to one past its end (a look past the end reads
 * 0, as in a fresh array): one buffer reused, since an analysis never runs inside another, and a
 * typed array per text costs while compiling thousands.
 */
let blankBuffer = new Uint8Array(256);
function blankFor(length: number): Uint8Array {
  if (blankBuffer.length <= length) blankBuffer = new Uint8Array(2 * length + 1);
  else blankBuffer.fill(0, 0, length + 1);
  return blankBuffer;
}

/** The text with its blanked code units as spaces: content only, every offset unchanged. */
function masked(text: string, blank: Uint8Array): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const from = i;
    const isBlank = blank[i];
    while (i < text.length && blank[i] === isBlank) i++;
    out += isBlank ? ' '.repeat(i - from) : text.slice(from, i);
  }
  return out;
}

/**
 * A term inside a question word, or cutting one (多|少东西), is not what the customer said; a filler
 * beside it cuts nothing (我想问一下|啥时候发货, 送啥|啊). A module function, not a closure per
 * text: bundles keep names, and naming a closure costs a property definition on every call.
 */
const cutsQuestion = (blank: Uint8Array, i: number, len: number) =>
  (blank[i] === QUESTION && (blank[i + len - 1] === QUESTION || (i > 0 && blank[i - 1] === QUESTION))) || (blank[i + len - 1] === QUESTION && blank[i + len] === QUESTION);

/**
 * Whether the i-th Latin word (starting at starts[i]) lies inside a Han term (vip会员): it is that
 * term's, no unit of its own to explain again. A module function: a closure per text costs a name.
 */
const inTerm = (termAt: Uint8Array, starts: readonly number[], i: number) => termAt[starts[i]!] === 1;

/** A number, alone or with a Latin unit (59, 50m, 100mb, 1080p): told, like the quantities in words. */
const NUMBER = /^\d+(?:[kmgt]b?|mbps|kg|ml|cm|mm|mah|w|p)?$/;
/**
 * The counter a number counts people, things, megabytes or square metres in, right after its digits (6个人,
 * 300兆, 2份, 多少钱1平, 130斤): said with the number, no word of the customer's own (6个人 is six people, not
 * 个人 "personal"). Units of time and of how often (20分钟, 1次) stay words: entries speak of them.
 */
const COUNTED_UNIT = /个人|平方米?|平米|斤|[个位名人兆份张台件盒袋平]/uy;

/** How much a concept's family counts beside the concept itself. */
const FAMILY_SHARE = 0.8;

export function analyze(raw: string, lexicon: Lexicon, options: AnalyzeOptions): Analysis;
export function analyze<F extends FeatureSink>(raw: string, lexicon: Lexicon, options: AnalyzeOptions, features: F): Analysis<F>;
export function analyze(raw: string, lexicon: Lexicon, options: AnalyzeOptions, features: FeatureSink = new Features()): Analysis<FeatureSink> {
  const corrections: string[] = [];
  const folded = fold(raw);
  const plain = plainReferences(folded);
  const text = options.pinyin ? correct(plain, lexicon, corrections) : plain;
  const { types, ranges } = questionWords(text);
  const { channels } = options;
  const concepts = new Set<string>();
  const units: Unit[] = [];

  // Mask: what is not content (question words, fillers) becomes a separator; concept terms are units.
  const blank = blankFor(text.length);
  // Index loops and flat pairs: this runs for every question while compiling, mostly unoptimised, where destructuring allocates.
  for (let r = 0; r < ranges.length; r += 2) blank.fill(QUESTION, ranges[r]!, ranges[r + 1]!);
  /** Each concept term's start, trie node and end, in triples. */
  const conceptAt: number[] = [];
  const trie = lexicon.spanTrie;
  // A clause read by its shape is one term: no term starts inside it or reaches into it.
  const served = lexicon.served;
  const shapes = clauseReadings(text, served && ((concept) => served.has(conceptKeys(concept).concept)));
  // A verb of change beside a setting (地址调一下, 修改入住日期) is its change.
  const readings = withSettingChanges(trie, text, blank, shapes);
  let reading = 0;
  // Where the next reading starts (the text's end past the last): a number per code unit, no look-up.
  let readingFrom = readings.length > 0 ? readings[0]!.from : text.length;
  for (let i = 0; i < text.length; ) {
    if (i === readingFrom) {
      i = readings[reading++]!.to;
      readingFrom = reading < readings.length ? readings[reading]!.from : text.length;
      continue;
    }
    // No term starts with most code units: skip them without a call.
    const node = trie.first[text.charCodeAt(i)] === 0 ? 0 : longestSpan(trie, text, i);
    if (node === 0) {
      i += 1;
      continue;
    }
    const len = trie.depth[node]!;
    // A term led by a modal (能退) yields to one starting after the modal that reaches further:
    // 能退差价 is 能 + 退差价. Other terms keep the left-to-right longest match (保修|多久), and none reaches into a reading.
    const next = MODAL_LEAD.has(text.charCodeAt(i)) && i + 1 < text.length ? longestSpan(trie, text, i + 1) : 0;
    if ((next !== 0 && trie.depth[next]! >= len) || i + len > readingFrom) {
      i += 1;
      continue;
    }
    const span = trie.spans[node]!;
    // A thing's term running into its own trouble (优惠券|用不了 where 券用不了 is the coupon's): a message is read so.
    if (span.kind === 'concept' && options.units !== false) {
      const facet = facetAcross(trie, lexicon.families, text, i, len, span.concept, readingFrom);
      // Not across a question word (店开在|哪条街上): the terms around it are read as they were.
      if (facet !== undefined && blank.subarray(i, facet.end).indexOf(QUESTION) < 0) {
        // The thing stays its own term (a unit explained on its own); the rest is the trouble's.
        conceptAt.push(i, node, i + len, i + len, facet.node, facet.end);
        i = facet.end;
        continue;
      }
    }
    if (span.kind !== 'filler') conceptAt.push(i, node, i + len);
    else if (len > 1 || !inWord(text, i)) blank.fill(FILLER, i, i + len);
    i += len;
  }
  // Where the terms stand, for the informative units (compiling an index collects none).
  const termAt = options.units === false ? undefined : new Uint8Array(text.length);
  for (let t = 0; t < conceptAt.length; t += 3) {
    const i = conceptAt[t]!;
    let node = conceptAt[t + 1]!;
    // A term running into a question word (修好了没|有) yields to the longest term inside it that does not (修好).
    while (node !== 0 && blank[i] !== QUESTION && (trie.spans[node]?.kind !== 'concept' || cutsQuestion(blank, i, trie.depth[node]!))) node = trie.parent[node]!;
    if (node === 0) continue;
    const len = trie.depth[node]!;
    const span = trie.spans[node]!;
    if (span.kind !== 'concept' || cutsQuestion(blank, i, len)) continue;
    // The thing before the verb done to it (套餐咋改) is the term of both (改套餐): a customer's reading,
    // so an entry keeps its features as written (and a compile does no more work).
    const fronted = termAt === undefined ? undefined : frontedTerm(trie, text, i, i + len, blank, t + 3 < conceptAt.length ? conceptAt[t + 3]! : text.length);
    // How long until a sum comes is its arrival (退款多久到), entries' and messages' alike.
    const own = standIn(served, arrivalOf(text, i, i + len, span.concept), text, i, i + len);
    const concept = fronted?.concept ?? own;
    const end = fronted === undefined ? i + len : fronted.verb + 1;
    // An entry's when-clause (送达时饭菜凉了) is the circumstance of what it answers, not its topic: its words only.
    if (termAt === undefined && whenAt(text, end)) continue;
    // The thing stays a feature too: an entry naming it alone (发票怎么申请) still meets it.
    concepts.add(own);
    concepts.add(concept);
    if (termAt === undefined) continue;
    const unit: Unit = { text: text.slice(i, end), concept, narrative: false, aside: asideAt(text.slice(i, i + len), text, i), weight: 1, at: i };
    // A thing done when the trouble came (结账的时候用不上, 付款时提示错误): told, as a story's concepts are.
    if (whenAt(text, end)) unit.told = true;
    units.push(unit);
    termAt.fill(1, i, i + len);
    if (fronted !== undefined) termAt[fronted.verb] = 1;
  }
  for (let r = 0; r < readings.length; r++) {
    const { from, to, concept, quiet } = readings[r]!;
    concepts.add(concept);
    if (termAt !== undefined) units.push({ text: text.slice(from, to), concept, narrative: false, weight: 1, at: from }), termAt.fill(1, from, to);
    // Its words fill the shape's slots (根毛, 只苍蝇, 明天中午): the concept is what it says.
    if (quiet === true) blank.fill(FILLER, from, to);
  }
  const content = masked(text, blank);

  // English words and phrases → concepts; other Latin words (model names, units) are words.
  const latinStarts: number[] = [];
  const runs: string[] = [];
  const typed = latinWordsAndHanRuns(content, latinStarts, runs);
  // Pushed into a literal, not mapped: map's array is of another shape empty than filled, and most
  // texts compiled hold no Latin word, so each first filled one deoptimised analyze (~30 ms to optimise again).
  const latin: string[] = [];
  for (let w = 0; w < typed.length; w++) latin.push(englishForm(typed[w]!, lexicon));
  // Where each Latin word starts, when units are collected (undefined: none are).
  const starts = termAt === undefined ? undefined : latinStarts;
  for (let i = 0; i < latin.length; ) {
    let step = 1;
    const term = englishTermAt(typed, latin, i, lexicon);
    if (term !== undefined) {
      concepts.add(term.concept);
      if (starts !== undefined && !inTerm(termAt!, starts, i)) units.push({ text: term.phrase, concept: term.concept, narrative: false, aside: asideAt(term.phrase, text, starts[i]!), weight: 1, at: starts[i]! });
      step = term.words;
    }
    if (step === 1 && !lexicon.english.has(latin[i]!) && !STOP_WORDS.has(latin[i]!) && !LATIN_INTERJECTION.test(latin[i]!)) {
      add(features, `w:${latin[i]}`, channels.word);
      // A lone typed syllable (yao, qian, le) or a light verb (get, bring) weighs like a Chinese light verb; a word of the story (bought, yesterday) is told.
      const told = NUMBER.test(latin[i]!) || NARRATIVE_WORDS.has(latin[i]!);
      if (starts !== undefined && !inTerm(termAt!, starts, i)) units.push({ text: latin[i]!, narrative: told, weight: SYLLABLES.has(latin[i]!) || LIGHT_WORDS.has(latin[i]!) ? LIGHT_WEIGHT : 1, at: starts[i]! });
      // Its unit goes with it: no unit of its own (as a term's words have none).
      if (told && starts !== undefined) {
        const end = (COUNTED_UNIT.lastIndex = starts[i]! + latin[i]!.length);
        termAt!.fill(1, end, end + (COUNTED_UNIT.exec(content)?.[0].length ?? 0));
      }
    }
    i += step;
  }
  // 多少钱 is a question word and a topic at once: asking the price is content.
  if (types.includes('price')) {
    concepts.add(PRICE_CONCEPT);
    if (termAt !== undefined) units.push({ text: '多少钱', concept: PRICE_CONCEPT, narrative: false, weight: 1 });
  }
  for (const c of concepts) {
    const keys = conceptKeys(c);
    add(features, keys.concept, channels.concept);
    add(features, keys.topic, channels.topic);
    // Facets of one thing (退款, 退款多久到账, 退款方式) meet, weaker than the same concept does.
    const family = lexicon.families.get(c);
    if (family !== undefined) add(features, familyKey(family), channels.concept * FAMILY_SHARE);
  }

  // Words, bigrams and characters of the Han content; the informative units are the words of what
  // the terms leave (钱|交不上|去: 交不上 is a term, so 不上去 is not a word of the customer's).
  const terms = termAt === undefined ? [] : units.filter((u) => u.concept !== undefined).map((u) => u.text);
  const weights = [channels.word, channels.bigram, channels.char];
  let at = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (features.addRun !== undefined && options.units === false) {
      // A lone character has no bigram.
      if (options.words !== false || run.length > 1) features.addRun(run, options.words === false);
      continue;
    }
    if (options.words === false) {
      for (let i = 0; i + 1 < run.length; i++) add(features, bigramKey(run, i), channels.bigram);
      continue;
    }
    const { keys, channels: of, words, offsets } = contentOf(run);
    for (let k = 0; k < keys.length; k++) add(features, keys[k]!, weights[of[k]!]!);
    if (options.units === false) continue;
    at = content.indexOf(run, at);
    words.forEach((word, w) => {
      const from = at + offsets[w]!;
      for (let j = from; j < from + word.length; j++) if (termAt![j]) return;
      // Said again beside its term (牙齿美白会伤牙): nothing new to explain.
      if (terms.some((term) => term.includes(word))) return;
      const unit = unitOf(word, lexicon, text, content, from);
      if (word.length === 1) unit.pairs = neighbourPairs(run, offsets[w]!);
      units.push(unit);
    });
    at += run.length;
  }
  return { text, features, concepts, types, units, corrections, empty: features.size === 0 };
}

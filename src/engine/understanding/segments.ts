/**
 * Han runs as the analyser reads them: the segmenter's words (Intl.Segmenter, cached per run, and
 * asked for many runs in one call when compiling) and the features a run contributes.
 */
import { STOP_WORDS } from './function-words';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
/** Single characters too common to say anything alone (they still count inside words and bigrams). */
const STOP_CHARS = new Set('的了吗呢啊吧呀哦嗯么哈啦嘛我你您他她它们是有在这那个就都也还和与跟或不没要想能会可以请把被给让对到用一下上里中后前时么啥什怎样多少几哪谁');

/** Segmenter words of a Han run, cached: runs repeat across questions, and a call costs ~10 µs. Bounded: cleared when full. */
const segmentCache = new Map<string, string[]>();
const SEGMENT_CACHE_MAX = 50_000;
function segmentsOf(run: string): string[] {
  let out = segmentCache.get(run);
  if (out === undefined) {
    out = remember(run, [...segmenter.segment(run)].map((s) => s.segment));
  }
  return out;
}
/** Caches a run's segments, repaired, and returns them. */
function remember(run: string, segments: string[]): string[] {
  if (segmentCache.size >= SEGMENT_CACHE_MAX) segmentCache.clear();
  const repaired = repair(run, segments);
  segmentCache.set(run, repaired);
  return repaired;
}

/**
 * The segmenter's words of a run with the words it parts joined again: a week word and its day
 * (礼拜|六 is 礼拜六; the day alone reads as a number), and a lone 月 or 年 and the lone
 * character it leads (月|结, 年|付: a compound of the trade, not a month or year told).
 */
export function repair(run: string, segments: readonly string[]): string[] {
  if (!PARTED.test(run)) return segments as string[];
  const out: string[] = [];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const next = segments[s + 1] ?? '';
    if (next.length === 1 && (WEEKDAY.test(segment + next) || ((segment === '月' || segment === '年') && HAN.test(next) && !STOP_CHARS.has(next)))) out.push(segment + segments[++s]!);
    else out.push(segment);
  }
  return out;
}
const WEEKDAY = /(?:礼拜|星期|周)[一二三四五六日天末]$/u;
/** A week word's or a 月 or 年's character: most runs have none, and are left as they are. */
const PARTED = /[周期拜月年]/;

/**
 * Segments the runs not cached yet in one segmenter call, joined by line feeds: about half the
 * cost of a call per run (each call sets up the break iterator). A line feed is a word boundary
 * the segmenter never crosses (UAX #29 WB3a/WB3b), and its dictionary works within the runs of
 * Han characters between boundaries, so each run is split as it is alone; a run whose words do
 * not span exactly its place in the joined text is segmented alone all the same (the segments
 * partition the text: words from a run's start to its end are that run, no need to join them
 * again). The runs are distinct and not empty (one given twice is segmented twice; an empty one
 * is left to segmentsOf).
 */
export function segmentAhead(runs: readonly string[]): void {
  const missing = runs.filter((run) => !segmentCache.has(run) && !run.includes('\n')).slice(0, SEGMENT_CACHE_MAX - segmentCache.size);
  if (missing.length === 0) return;
  let run = 0;
  /** Where the current run starts in the joined text, and where its words started (-1: none yet). */
  let start = 0;
  let first = -1;
  let words: string[] = [];
  for (const { segment, index } of segmenter.segment(missing.join('\n'))) {
    if (segment !== '\n') {
      if (first < 0) first = index;
      words.push(segment);
      continue;
    }
    const expected = missing[run]!;
    if (first === start && index === start + expected.length) remember(expected, words);
    start += expected.length + 1;
    run += 1;
    first = -1;
    words = [];
  }
  const last = missing[run];
  if (last !== undefined && first === start) remember(last, words);
}

/** Segment boundaries of a Han run (offsets where a segmenter word starts or ends). */
export function boundaries(run: string): { cuts: Set<number>; words: Map<number, number> } {
  const cuts = new Set<number>([0, run.length]);
  const words = new Map<number, number>();
  let at = 0;
  for (const segment of segmentsOf(run)) {
    cuts.add(at);
    cuts.add(at + segment.length);
    if (segment.length > 1) words.set(at, segment.length);
    at += segment.length;
  }
  return { cuts, words };
}

/** The bigram feature at `i` ("b:" and two code units), one string per pair: no new string to build and hash each time. Bounded: cleared when full. */
const bigramKeys = new Map<number, string>();
export function bigramKey(text: string, i: number): string {
  const pair = (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);
  let key = bigramKeys.get(pair);
  if (key === undefined) {
    key = `b:${text.slice(i, i + 2)}`;
    if (bigramKeys.size >= 200_000) bigramKeys.clear();
    bigramKeys.set(pair, key);
  }
  return key;
}

/** The character feature of the code point at `i` ("h:" and the character), '' for a stop character: one string each, as for bigrams. */
const charKeys = new Map<number, string>();
function charKey(text: string, i: number): string {
  const point = text.codePointAt(i)!;
  let key = charKeys.get(point);
  if (key === undefined) {
    const ch = String.fromCodePoint(point);
    key = STOP_CHARS.has(ch) ? '' : `h:${ch}`;
    if (charKeys.size >= 200_000) charKeys.clear();
    charKeys.set(point, key);
  }
  return key;
}

/** Feature channels a Han run's features come in. */
export const WORD = 0;
export const BIGRAM = 1;
export const CHAR = 2;
/**
 * What a Han run contributes: its features in order with their channels (one seen again in the
 * run is listed again: its readers, a message's Map and the index's layout, keep the first, so a
 * set per run to drop it would only repeat their work), and its content words (segments that are neither stop words nor stop characters). Cached like
 * the segments: questions repeat their product and topic words.
 */
export interface RunContent {
  keys: string[];
  channels: number[];
  words: string[];
  /** Per content word, where it starts in the run. */
  offsets: number[];
}
const runCache = new Map<string, RunContent>();
export function contentOf(run: string): RunContent {
  let out = runCache.get(run);
  if (out !== undefined) return out;
  const content: RunContent = { keys: [], channels: [], words: [], offsets: [] };
  // Segments since the last stop word: run[chunk, at) (the segments partition the run).
  let chunk = 0;
  const segments = segmentsOf(run);
  let at = 0;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    at += segment.length;
    if (STOP_WORDS.has(segment)) {
      emitChunk(content, run, chunk, at - segment.length);
      chunk = at;
      continue;
    }
    if (!hasHan(segment) || (segment.length < 2 && STOP_CHARS.has(segment))) continue;
    if (segment.length >= 2) emit(content, `w:${segment}`, WORD);
    content.words.push(segment);
    content.offsets.push(at - segment.length);
  }
  emitChunk(content, run, chunk, at);
  out = content;
  if (runCache.size >= SEGMENT_CACHE_MAX) runCache.clear();
  runCache.set(run, out);
  return out;
}

/**
 * A feature of a run's content. Module functions, not closures per run: bundles keep names, and
 * naming a closure costs a property definition each time.
 */
function emit(content: RunContent, key: string, channel: number): void {
  content.keys.push(key);
  content.channels.push(channel);
}

/** The bigrams and then the characters of run[from, to), text between stop words. */
function emitChunk(content: RunContent, run: string, from: number, to: number): void {
  for (let i = from; i + 1 < to; i++) emit(content, bigramKey(run, i), BIGRAM);
  for (let i = from; i < to; ) {
    const key = charKey(run, i);
    if (key !== '') emit(content, key, CHAR);
    i += run.codePointAt(i)! > 0xffff ? 2 : 1;
  }
}

/**
 * The bigram keys the character at `i` forms with the characters beside it in its run (江浙|沪 →
 * 浙沪): segmenters cut names and compounds arbitrarily, and an entry holding the pair explains
 * the character.
 */
export function neighbourPairs(run: string, i: number): string[] {
  const out: string[] = [];
  if (i > 0) out.push(bigramKey(run, i - 1));
  if (i + 1 < run.length) out.push(bigramKey(run, i));
  return out;
}

/** Per code unit outside surrogate pairs: 2 Han, 1 not, 0 not seen yet (a table look-up costs less than the regex's class test). */
const hanUnits = new Uint8Array(65536);
/** The code units of the Han character at `i` (2 for a surrogate pair), or 0. */
function hanAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return HAN.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  if (hanUnits[c] === 0) hanUnits[c] = HAN.test(String.fromCharCode(c)) ? 2 : 1;
  return hanUnits[c] === 2 ? 1 : 0;
}

/** Whether a text holds a Han character (what HAN.test says, by the table). */
function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (hanAt(text, i) > 0) return true;
  return false;
}

/**
 * The Latin words of a text (maximal runs of a–z and 0–9; returned, with where each starts pushed
 * to `latinStarts`) and its maximal runs of Han characters (what /\p{Script=Han}+/gu matches, pushed
 * to `runs`), in order, in one pass: every question and answer is read so while compiling.
 */
export function latinWordsAndHanRuns(text: string, latinStarts: number[], runs: string[]): string[] {
  const words: string[] = [];
  let latinFrom = -1;
  for (let i = 0; i <= text.length; ) {
    // Past the end, 0: it ends a Latin word.
    const c = i < text.length ? text.charCodeAt(i) : 0;
    // The tests inline, not a function per code unit: most of compiling runs before it is optimised.
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (latinFrom < 0) latinFrom = i;
      i += 1;
      continue;
    }
    if (latinFrom >= 0) {
      words.push(text.slice(latinFrom, i));
      latinStarts.push(latinFrom);
      latinFrom = -1;
    }
    // Nothing is read past the end: a read there deoptimises.
    if (i === text.length) break;
    // A unit known not to be Han skips the call; a high surrogate is not looked up, since the pair it starts may be Han.
    if (hanUnits[c] === 1 && (c < 0xd800 || c > 0xdbff)) {
      i += 1;
      continue;
    }
    const from = i;
    for (let n = hanAt(text, i); n > 0; n = i < text.length ? hanAt(text, i) : 0) i += n;
    if (i > from) runs.push(text.slice(from, i));
    else i += 1;
  }
  return words;
}

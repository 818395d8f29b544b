/** How the understanding engine's character tables are derived (shared by the generator and its test). */
import * as Simplify from 'opencc-js/t2cn';
import * as Traditionalize from 'opencc-js/cn2t';
import { pinyin } from 'pinyin-pro';
import { HAN_FIRST, packNumbers, zigzag } from '../src/rules/tables/packed';

/** The last CJK Unified Ideograph of the basic block (HAN_FIRST is the first). */
const LAST = 0x9fff;

function* ideographs(): Generator<string> {
  for (let cp = HAN_FIRST; cp <= LAST; cp++) yield String.fromCodePoint(cp);
}

/** Every traditional character whose simplified form differs, as concatenated pairs. */
export function buildT2sTable(): string {
  const fromTw = Simplify.Converter({ from: 'tw', to: 'cn' });
  const fromHk = Simplify.Converter({ from: 'hk', to: 'cn' });
  const toTw = Traditionalize.Converter({ from: 'cn', to: 'tw' });
  let out = '';
  for (const ch of ideographs()) {
    // A character that is itself simplified stays (opencc folds 么 to 幺 as a variant: not for matching).
    if (toTw(ch) !== ch) continue;
    const s = fromTw(ch);
    const t = s !== ch ? s : fromHk(ch);
    // One UTF-16 unit each, so the table is read two units at a time.
    if (t !== ch && t.length === 1) out += ch + t;
  }
  return out;
}

/**
 * The 3,755 characters of GB 2312's first level (常用字): the ones Chinese input methods offer
 * first, so the ones homophone typos and typed pinyin land on; the second level's 3,008 rarer
 * characters cost 6.7 KiB of the bundle gzipped and moved no question of the dev split.
 */
function* commonHanzi(): Generator<string> {
  const gbk = new TextDecoder('gbk');
  for (let hi = 0xb0; hi <= 0xd7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = gbk.decode(Uint8Array.of(hi, lo));
      if (/^\p{Script=Han}$/u.test(ch)) yield ch;
    }
  }
}

/** `syllable:chars|syllable:chars…`, syllables sorted. */
export function buildPinyinTable(): string {
  const bySyllable = new Map<string, string>();
  for (const ch of commonHanzi()) {
    const reading = pinyin(ch, { toneType: 'none', type: 'array', v: true })[0];
    if (!reading || !/^[a-z]+$/.test(reading)) continue;
    bySyllable.set(reading, (bySyllable.get(reading) ?? '') + ch);
  }
  return [...bySyllable.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, cs]) => `${s}:${cs}`).join('|');
}

/**
 * The t2s pairs as src/rules/simplify.ts reads them, in order of the traditional character: how
 * far past the previous one it is (less one), then how much its distance to its simplified form
 * changed (zigzag): whole blocks (訁→讠, 門→门, 魚→鱼) keep one distance and cost a character a pair.
 */
export function packT2s(pairs: string): string {
  const numbers: number[] = [];
  let traditional = -1;
  let distance = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const t = pairs.charCodeAt(i);
    const d = pairs.charCodeAt(i + 1) - t;
    numbers.push(t - traditional - 1, zigzag(d - distance));
    traditional = t;
    distance = d;
  }
  return packNumbers(numbers);
}

/** The pinyin groups as src/engine/understanding/pinyin.ts reads them: the syllables, and per syllable how many characters and their code points ascending, each as the distance from the one before (the first from U+4E00). */
export function packPinyin(groups: string): { syllables: string; packed: string } {
  const numbers: number[] = [];
  const syllables: string[] = [];
  for (const group of groups.split('|')) {
    const [syllable, chars] = group.split(':') as [string, string];
    syllables.push(syllable);
    const points = Array.from(chars, (ch) => ch.codePointAt(0)!).sort((a, b) => a - b);
    numbers.push(points.length);
    points.forEach((p, i) => numbers.push(p - (i === 0 ? HAN_FIRST : points[i - 1]!)));
  }
  return { syllables: syllables.join(' '), packed: packNumbers(numbers) };
}

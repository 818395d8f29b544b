/** How the understanding engine's character tables are derived (shared by the generator and its test). */
import * as Simplify from 'opencc-js/t2cn';
import * as Traditionalize from 'opencc-js/cn2t';
import { pinyin } from 'pinyin-pro';

const FIRST = 0x4e00;
const LAST = 0x9fff;

function* ideographs(): Generator<string> {
  for (let cp = FIRST; cp <= LAST; cp++) yield String.fromCodePoint(cp);
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

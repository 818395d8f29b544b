/**
 * Traditional → simplified Chinese, one character at a time, from a table derived from opencc-js
 * (tables/t2s.ts, `npm run gen:tables`). Every table character is in the Basic Multilingual Plane
 * and maps to one character, so a folded text keeps its length and offsets: the keyword and
 * sensitive-word matchers (./normalize `compact`) fold with it as well as the understanding engine.
 */
import { unpackNumbers, unzigzag } from './tables/packed';
import { T2S_PACKED } from './tables/t2s';

/** Simplified code unit of each traditional one (0 = unchanged), read from the pairs as tables/t2s.ts lays them out. */
const T2S = new Uint16Array(0x10000);
{
  const numbers = unpackNumbers(T2S_PACKED);
  let traditional = -1;
  let distance = 0;
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    traditional += numbers[i]! + 1;
    distance += unzigzag(numbers[i + 1]!);
    T2S[traditional] = traditional + distance;
  }
}

/** The simplified form of one UTF-16 code unit (itself when it has none). */
export const simplifyUnit = (unit: number): number => T2S[unit] || unit;

/** Traditional → simplified, per character. */
export function simplify(text: string): string {
  // Most texts have no traditional character: the text itself, not a copy built unit by unit.
  let i = 0;
  while (i < text.length && T2S[text.charCodeAt(i)] === 0) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) out += String.fromCharCode(simplifyUnit(text.charCodeAt(i)));
  return out;
}

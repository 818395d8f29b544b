/**
 * Lists of whole numbers written as printable ASCII, for the character tables: the bundler writes
 * every non-ASCII character of a string as \uXXXX (six bytes, and gzip does poorly on them),
 * while the tables' numbers (distances between code points) mostly take one or two characters
 * here. A number is its base-45 digits, most significant first; a digit is one of the 45
 * characters from `#` on, or of the 45 after them when more digits follow (`\` is skipped, so a
 * string literal holds them as they are).
 */
const BASE = 45;
/** Numbers below it take one character; the others two or more. */
export const ONE_CHARACTER_BELOW = BASE;
const FIRST = 0x23;
const BACKSLASH = 0x5c;

const symbol = (k: number): string => String.fromCharCode(FIRST + k >= BACKSLASH ? FIRST + k + 1 : FIRST + k);

export function packNumbers(numbers: readonly number[]): string {
  let out = '';
  for (const n of numbers) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`only whole numbers pack: ${n}`);
    const digits: number[] = [];
    for (let rest = n; digits.length === 0 || rest > 0; rest = Math.floor(rest / BASE)) digits.unshift(rest % BASE);
    digits.forEach((d, i) => (out += symbol(i < digits.length - 1 ? d + BASE : d)));
  }
  return out;
}

export function unpackNumbers(text: string): number[] {
  const numbers: number[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = c - FIRST - (c > BACKSLASH ? 1 : 0);
    if (k >= BASE) n = (n + k - BASE) * BASE;
    else {
      numbers.push(n + k);
      n = 0;
    }
  }
  return numbers;
}

/** Where a table's distances between code points start: the first CJK Unified Ideograph. */
export const HAN_FIRST = 0x4e00;

/** A signed number as a whole one (0, -1, 1, -2 … → 0, 1, 2, 3 …), and back. */
export const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
export const unzigzag = (n: number): number => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);

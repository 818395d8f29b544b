/**
 * Cheap tests before costly patterns. Every question and answer of a knowledge base is read while
 * compiling and most hold no sign of most patterns, so a table look-up per code unit tells them
 * apart, where each pattern (or a regex of its signs) tried at every position of every text costs
 * more: running regexes was about half of analysing a text once warm (interpreting them instead of
 * compiling them doubled it).
 */

/**
 * Which of up to 31 patterns a text may match, one bit each in order (of a 32-bit integer), in
 * one pass: a pattern's bit is set when the text holds one of its signs (patternSigns), or always
 * when it has none. A set bit still needs the pattern tried; a clear one says it cannot match.
 */
export const signMask = (patterns: readonly RegExp[]): ((text: string) => number) => signsIn(patterns.map((pattern) => patternSigns(pattern.source)));

/** Per list of signs (one or two code units each; none: always), its bit where a text holds one of them (0: none of any list). */
export function signsIn(lists: readonly (readonly string[])[]): (text: string) => number {
  const units = new Int32Array(65536);
  /** Per code unit, 1 + its number among the units a pair starts with (0: it starts none): a pair's key stays a small integer, which V8 keeps unboxed (below 2^30 while under 16,384 units lead pairs). */
  const leads = new Uint16Array(65536);
  let leadCount = 0;
  const pairs = new Map<number, number>();
  let always = 0;
  lists.forEach((signs, p) => {
    if (signs.length === 0) always |= 1 << p;
    for (const sign of signs) {
      const first = sign.charCodeAt(0);
      if (sign.length === 1) units[first]! |= 1 << p;
      else {
        if (leads[first] === 0) leads[first] = ++leadCount;
        const pair = leads[first]! * 65536 + sign.charCodeAt(1);
        pairs.set(pair, (pairs.get(pair) ?? 0) | (1 << p));
      }
    }
  });
  return (text) => {
    let mask = always;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      mask |= units[c]!;
      const lead = leads[c]!;
      // No pair past the end: a read there is out of bounds, which deoptimises the caller.
      if (lead !== 0 && i + 1 < text.length) mask |= pairs.get(lead * 65536 + text.charCodeAt(i + 1)) ?? 0;
    }
    return mask;
  };
}

/** Signs one of which every match of a pattern holds (requiredSigns of each alternative), or none when an alternative needs none. */
export function patternSigns(source: string): string[] {
  const sets = alternatives(source).map(requiredSigns);
  return sets.some((set) => set.length === 0) ? [] : sets.flat();
}

/** A pattern's alternatives, split at its top level. */
function alternatives(source: string): string[] {
  const out = [''];
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out[out.length - 1] += source.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (ch === '(' || ch === '[') depth += 1;
    if (ch === ')' || ch === ']') depth -= 1;
    if (ch === '|' && depth === 0) out.push('');
    else out[out.length - 1] += ch;
  }
  return out;
}

/**
 * Signs one of which every match of an alternative holds, or none when it needs none: each a Han
 * character or Latin letter (h of how much, 饭 or 餐 of [饭餐]), or two in a row where the pattern
 * has two fixed ones (多少 of 多少钱, 找不 of 找不到, 怎们 or 怎摸 of 怎[们摸]: far fewer texts hold
 * them than hold 多, 找 or 怎).
 * They come from an element no quantifier makes optional, outside negative lookarounds (几 of
 * (?<![好十])几个钱, 不 of (\p{Script=Han})不(?=\1); a positive lookaround needs what it looks at,
 * 没找 or 找不 of (?<=(?:找不到|没找到)…)的地方), or a group whose alternatives each have signs (不
 * or 没 of (?:不|没有?)): the first element whose signs are all pairs, else the first with any.
 */
function requiredSigns(alternative: string): string[] {
  const optional = (i: number) => '?*{'.includes(alternative[i] ?? '|');
  const letter = (i: number) => /[\p{Script=Han}a-z]/u.test(alternative[i] ?? '');
  /** The letters of a class opening at `open` that is neither negated, nor holds a range, nor is made optional; none otherwise. */
  const classAt = (open: number): string[] => {
    const end = closing(alternative, open);
    const members = alternative.slice(open + 1, end);
    return alternative[open] === '[' && !optional(end + 1) && /^[\p{Script=Han}a-z]+$/u.test(members) ? [...members] : [];
  };
  let first: string[] = [];
  for (let i = 0; i < alternative.length; i++) {
    const ch = alternative[i]!;
    let signs: string[] = [];
    // A property escape (\p{Script=Han}) is a class: none of the letters inside its braces is required.
    if (ch === '\\') i = /[pP]/.test(alternative[i + 1] ?? '') ? alternative.indexOf('}', i) : i + 1;
    else if (ch === '[') {
      signs = classAt(i);
      i = closing(alternative, i);
    } else if (ch === '(') {
      const end = closing(alternative, i);
      // A look ahead (?=…) or behind (?<=…) needs what it looks at in the text as much as a group does.
      const behind = alternative.startsWith('(?<=', i);
      const ahead = behind || alternative.startsWith('(?=', i);
      const lookaround = !ahead && /^\(\?<?[=!]/.test(alternative.slice(i, i + 4));
      const inner = alternative.slice(behind ? i + 4 : ahead || alternative.startsWith('(?:', i) ? i + 3 : i + 1, end);
      const sets = lookaround || optional(end + 1) ? [] : alternatives(inner).map(requiredSigns);
      if (sets.length > 0 && sets.every((set) => set.length > 0)) signs = sets.flat();
      i = end;
    } else if (letter(i) && !optional(i + 1)) {
      // With the letter or class after it: 怎们 or 怎摸 of 怎[们摸].
      const next = letter(i + 1) && !optional(i + 2) ? [alternative[i + 1]!] : classAt(i + 1);
      signs = next.length > 0 ? next.map((n) => ch + n) : [ch];
    }
    if (signs.length === 0) continue;
    if (signs.every((sign) => sign.length === 2)) return signs;
    if (first.length === 0) first = signs;
  }
  return first;
}

/** Where the group or class opening at `open` closes. */
function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') i += 1;
    else if (ch === '(' || ch === '[') depth += 1;
    else if ((ch === ')' || ch === ']') && --depth === 0) return i;
  }
  return source.length;
}


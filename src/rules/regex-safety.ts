/**
 * Refuses operator regular expressions that could backtrack catastrophically (ReDoS) before they
 * are stored: every customer message runs through them, and one evil pattern would burn the
 * Worker's CPU budget on every message.
 *
 * No dependency: `safe-regex2` only measures star height (it refuses the harmless `(ab+)+` and
 * accepts `(a|a)*`), and `recheck` ships a large engine that is not workerd-friendly. Instead this
 * file parses the pattern and checks its Glushkov automaton for exponential ambiguity, the exact
 * cause of exponential backtracking: a state with two different paths back to itself on the same
 * input (Weber & Seidl 1991). That catches `(a+)+`, `(a*)*`, `(a|a)*`, `(a|aa)+`, `(\w|\d)+`,
 * `(.*a){20}` and the OWASP classics, and still accepts `(退货|退款)+` or `(ab|cd)*`.
 *
 * Polynomial ambiguity (`\d+\d+x`) is accepted: callers cap the text a regex sees
 * (see REGEX_TEXT_LIMIT in ./tags), which bounds it to a few milliseconds.
 *
 * Also refused: backreferences (matching them is NP-hard), lookbehinds longer than
 * MAX_LOOKBEHIND or unbounded, patterns over MAX_PATTERN_LENGTH, syntax this parser does not know.
 */

export type RegexVerdict = { ok: true } | { ok: false; reason: string };

export const MAX_PATTERN_LENGTH = 500;
export const MAX_LOOKBEHIND = 255;
/** Product-automaton edges examined before giving up (a pattern too complex to prove safe is refused). */
const PRODUCT_BUDGET = 2_000_000;

/** A set of code points as sorted, disjoint, inclusive [lo, hi] ranges. */
type CharSet = readonly (readonly [number, number])[];

type Node =
  | { t: 'char'; set: CharSet }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; body: Node; min: number; max: number; from: number; to: number }
  /** Zero-width: anchors, word boundaries, lookarounds (their bodies are analysed on their own). */
  | { t: 'empty' }
  | { t: 'look'; body: Node; behind: boolean; from: number; to: number };

class Unsafe extends Error {}

const MAX_CP = 0x10ffff;
const ANY: CharSet = [[0, MAX_CP]];
const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: CharSet = [
  [9, 13], [32, 32], [160, 160], [5760, 5760], [8192, 8202], [8232, 8233], [8239, 8239], [8287, 8287], [12288, 12288], [65279, 65279],
];

function normalizeSet(ranges: (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x[1] < y[0]) i++;
    else if (y[1] < x[0]) j++;
    else return true;
  }
  return false;
}

/** Widens a set for the `i` flag: small ranges get each member's case variants, large ones stay (they are broad already). */
function caseFold(set: CharSet): CharSet {
  const extra: [number, number][] = [];
  for (const [lo, hi] of set) {
    if (hi - lo > 512) continue;
    for (let c = lo; c <= hi; c++) {
      const s = String.fromCodePoint(c);
      for (const v of [s.toLowerCase(), s.toUpperCase()]) {
        const cp = v.codePointAt(0)!;
        if (v.length === String.fromCodePoint(cp).length) extra.push([cp, cp]);
      }
    }
  }
  return normalizeSet([...set, ...extra]);
}

/** A recursive-descent parser for ECMAScript patterns (with the Annex B leniencies outside `u` mode). */
class Parser {
  private pos = 0;
  private readonly chars: string[];
  /** UTF-16 offset of each code point, for quoting the offending part in the reason. */
  private readonly offsets: number[];

  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
    private readonly ignoreCase: boolean,
    private readonly hasNamedGroups: boolean,
  ) {
    this.chars = Array.from(src);
    this.offsets = [];
    let off = 0;
    for (const ch of this.chars) {
      this.offsets.push(off);
      off += ch.length;
    }
    this.offsets.push(off);
  }

  parse(): Node {
    const node = this.disjunction();
    if (this.pos < this.chars.length) throw new SyntaxError(`unexpected ${this.peek()}`);
    return node;
  }

  slice(from: number, to: number): string {
    return this.src.slice(this.offsets[from], this.offsets[to]);
  }

  private peek(k = 0): string | undefined {
    return this.chars[this.pos + k];
  }

  private eat(s: string): boolean {
    const parts = Array.from(s);
    for (let k = 0; k < parts.length; k++) if (this.chars[this.pos + k] !== parts[k]) return false;
    this.pos += parts.length;
    return true;
  }

  private disjunction(): Node {
    const alts = [this.alternative()];
    while (this.eat('|')) alts.push(this.alternative());
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private alternative(): Node {
    const items: Node[] = [];
    while (this.pos < this.chars.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.term());
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private term(): Node {
    const from = this.pos;
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.t === 'look' && atom.behind) throw new SyntaxError('quantified lookbehind');
    return { t: 'rep', body: atom, min: q.min, max: q.max, from, to: this.pos };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.peek();
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) this.pos++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(this.pos, this.pos + 24).join(''));
      if (!m) {
        if (this.unicode) throw new SyntaxError('lone {');
        return undefined; // Annex B: a literal brace, read by atom()
      }
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw new SyntaxError('numbers out of order in {} quantifier');
      this.pos += m[0].length;
      q = { min, max };
    }
    if (q) this.eat('?'); // lazy or greedy backtracks the same way in the worst case
    return q;
  }

  private atom(): Node {
    const c = this.peek();
    if (c === undefined) throw new SyntaxError('unexpected end');
    if (c === '^' || c === '$') {
      this.pos++;
      return { t: 'empty' };
    }
    if (c === '(') return this.group();
    if (c === '.') {
      this.pos++;
      return { t: 'char', set: ANY };
    }
    if (c === '[') return { t: 'char', set: this.fold(this.charClass()) };
    if (c === '\\') {
      if (this.peek(1) === 'b' || this.peek(1) === 'B') {
        this.pos += 2;
        return { t: 'empty' };
      }
      return { t: 'char', set: this.fold(this.atomEscape()) };
    }
    if (c === '*' || c === '+' || c === '?') throw new SyntaxError('nothing to repeat');
    if (this.unicode && (c === ')' || c === ']' || c === '{' || c === '}')) throw new SyntaxError(`lone ${c}`);
    if (c === '{' && this.quantifierAhead()) throw new SyntaxError('nothing to repeat');
    this.pos++;
    const cp = c.codePointAt(0)!;
    return { t: 'char', set: this.fold([[cp, cp]]) };
  }

  private quantifierAhead(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.chars.slice(this.pos, this.pos + 24).join(''));
  }

  private fold(set: CharSet): CharSet {
    return this.ignoreCase ? caseFold(set) : set;
  }

  private group(): Node {
    const from = this.pos;
    this.pos++; // (
    let look: { behind: boolean } | undefined;
    if (this.eat('?')) {
      if (this.eat('=') || this.eat('!')) look = { behind: false };
      else if (this.eat('<=') || this.eat('<!')) look = { behind: true };
      else if (this.eat(':')) look = undefined;
      else if (this.eat('<')) {
        while (this.peek() !== undefined && this.peek() !== '>') this.pos++;
        if (!this.eat('>')) throw new SyntaxError('unterminated group name');
      } else if (/[ims-]/.test(this.peek() ?? '')) {
        // (?i:…) modifiers: analysed as a plain group (case folding there only widens nothing we rely on).
        while (/[ims-]/.test(this.peek() ?? '')) this.pos++;
        if (!this.eat(':')) throw new SyntaxError('invalid group');
      } else throw new SyntaxError('invalid group');
    }
    const body = this.disjunction();
    if (!this.eat(')')) throw new SyntaxError('unterminated group');
    return look ? { t: 'look', body, behind: look.behind, from, to: this.pos } : body;
  }

  /** An escape outside a class; backreferences are refused here. */
  private atomEscape(): CharSet {
    const e = this.peek(1);
    if (e !== undefined && /[1-9]/.test(e)) throw new Unsafe('backreferences (\\1 …) are not allowed: they can take exponential time');
    if (e === 'k' && (this.unicode || this.hasNamedGroups) && this.peek(2) === '<') {
      throw new Unsafe('named backreferences (\\k<…>) are not allowed: they can take exponential time');
    }
    return this.escape(false);
  }

  /** Reads `\x` (pos at the backslash) and returns the set it stands for. */
  private escape(inClass: boolean): CharSet {
    this.pos++; // backslash
    const e = this.peek();
    if (e === undefined) throw new SyntaxError('\\ at end of pattern');
    this.pos++;
    const single = (cp: number): CharSet => [[cp, cp]];
    switch (e) {
      case 'd': return DIGIT;
      case 'D': return complement(DIGIT);
      case 'w': return WORD;
      case 'W': return complement(WORD);
      case 's': return SPACE;
      case 'S': return complement(SPACE);
      case 'f': return single(12);
      case 'n': return single(10);
      case 'r': return single(13);
      case 't': return single(9);
      case 'v': return single(11);
      case 'b': return single(8); // only reached inside a class
      case '0': return single(0);
      case 'c': {
        const l = this.peek();
        if (l !== undefined && /[A-Za-z]/.test(l)) {
          this.pos++;
          return single(l.codePointAt(0)! % 32);
        }
        this.pos--; // Annex B: `\c` is a backslash then `c`
        return single(92);
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(this.chars.slice(this.pos, this.pos + 2).join(''));
        if (!m) return single(120);
        this.pos += 2;
        return single(parseInt(m[0], 16));
      }
      case 'u': {
        const rest = this.chars.slice(this.pos, this.pos + 8).join('');
        const braced = this.unicode ? /^\{([0-9a-fA-F]{1,6})\}/.exec(rest) : null;
        const m = braced ?? /^[0-9a-fA-F]{4}/.exec(rest);
        if (!m) return single(117);
        this.pos += m[0].length;
        return single(parseInt(m[1] ?? m[0], 16));
      }
      case 'p':
      case 'P': {
        if (!this.unicode) return single(e.codePointAt(0)!);
        if (!this.eat('{')) throw new SyntaxError('invalid property escape');
        while (this.peek() !== undefined && this.peek() !== '}') this.pos++;
        if (!this.eat('}')) throw new SyntaxError('invalid property escape');
        return ANY; // a property is some set of characters: assume it overlaps everything
      }
      default:
        // Inside a class \1 is a legacy octal escape; outside, atomEscape has refused it already.
        return inClass && /[1-7]/.test(e) ? single(e.codePointAt(0)! - 48) : single(e.codePointAt(0)!);
    }
  }

  private charClass(): CharSet {
    this.pos++; // [
    const negated = this.eat('^');
    const ranges: (readonly [number, number])[] = [];
    const classAtom = (): CharSet => {
      const c = this.peek();
      if (c === undefined) throw new SyntaxError('unterminated character class');
      if (c === '\\') return this.escape(true);
      this.pos++;
      const cp = c.codePointAt(0)!;
      return [[cp, cp]];
    };
    while (this.peek() !== ']') {
      const a = classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const b = classAtom();
        const lo = a[0]!;
        const hi = b[0]!;
        if (a.length === 1 && b.length === 1 && lo[0] === lo[1] && hi[0] === hi[1]) {
          if (hi[0] < lo[0]) throw new SyntaxError('range out of order in character class');
          ranges.push([lo[0], hi[0]]);
        } else {
          if (this.unicode) throw new SyntaxError('invalid character class range');
          ranges.push(...a, [45, 45], ...b); // Annex B: [\d-x] is \d, '-', x
        }
      } else ranges.push(...a);
    }
    this.pos++; // ]
    const set = normalizeSet(ranges);
    return negated ? complement(set) : set;
  }
}

/** Glushkov positions of one (sub)pattern: each `char` node is a position; edges say which may follow which. */
class Glushkov {
  readonly sets: CharSet[] = [];
  readonly follow: Set<number>[] = [];
  /** Edges added twice by different parts of the pattern: two paths between the same positions. */
  readonly duplicates: [number, number][] = [];
  private productWork = 0;

  constructor(private readonly describe: (from: number, to: number) => string) {}

  /** Returns [nullable, first, last]; checks every repetition as soon as its body is built. */
  build(node: Node): { nullable: boolean; first: number[]; last: number[] } {
    switch (node.t) {
      case 'char': {
        const p = this.sets.length;
        this.sets.push(node.set);
        this.follow.push(new Set());
        return { nullable: false, first: [p], last: [p] };
      }
      case 'empty':
      case 'look':
        return { nullable: true, first: [], last: [] };
      case 'alt': {
        const parts = node.alts.map((a) => this.build(a));
        return {
          nullable: parts.some((p) => p.nullable),
          first: parts.flatMap((p) => p.first),
          last: parts.flatMap((p) => p.last),
        };
      }
      case 'seq': {
        let acc = { nullable: true, first: [] as number[], last: [] as number[] };
        for (const item of node.items) {
          const r = this.build(item);
          this.link(acc.last, r.first);
          acc = {
            nullable: acc.nullable && r.nullable,
            first: acc.nullable ? [...acc.first, ...r.first] : acc.first,
            last: r.nullable ? [...acc.last, ...r.last] : r.last,
          };
        }
        return acc;
      }
      case 'rep': {
        if (node.max === 0) return { nullable: true, first: [], last: [] };
        const lo = this.sets.length;
        const r = this.build(node.body);
        // A bounded repeat {2,n} is a copy of the body n times; looping it back over-approximates
        // that (more paths, never fewer), so ambiguity found here is at least as bad in the real thing.
        if (node.max >= 2) {
          this.link(r.last, r.first);
          this.checkLoop(lo, this.sets.length, node);
        }
        return { nullable: r.nullable || node.min === 0, first: r.first, last: r.last };
      }
    }
  }

  private link(from: number[], to: number[]): void {
    for (const p of from) {
      const f = this.follow[p]!;
      for (const q of to) {
        if (f.has(q)) this.duplicates.push([p, q]);
        else f.add(q);
      }
    }
  }

  /**
   * Positions lo..hi-1 are the repetition's body; every edge among them is on a cycle. Exponential
   * ambiguity = a duplicated edge, or in the product automaton (pairs of positions reading the same
   * character) a diagonal pair (q,q) and an off-diagonal pair in the same strongly connected component.
   */
  private checkLoop(lo: number, hi: number, node: Extract<Node, { t: 'rep' }>): void {
    const quote = this.describe(node.from, node.to);
    const verdict = `catastrophic backtracking: the repetition ${quote} can match the same text in many ways`;
    if (this.duplicates.some(([p, q]) => p >= lo && p < hi && q >= lo && q < hi)) throw new Unsafe(verdict);
    const n = hi - lo;
    const key = (a: number, b: number): number => (a - lo) * n + (b - lo);
    const index = new Int32Array(n * n).fill(-1);
    const low = new Int32Array(n * n);
    const onStack = new Uint8Array(n * n);
    const stack: number[] = [];
    let counter = 0;
    const succ = (k: number): number[] => {
      const a = Math.floor(k / n) + lo;
      const b = (k % n) + lo;
      const out: number[] = [];
      for (const x of this.follow[a]!) {
        if (x < lo || x >= hi) continue;
        for (const y of this.follow[b]!) {
          if (y < lo || y >= hi) continue;
          if (++this.productWork > PRODUCT_BUDGET) throw new Unsafe(`too complex to prove safe: ${quote}`);
          if (intersects(this.sets[x]!, this.sets[y]!)) out.push(key(x, y));
        }
      }
      return out;
    };
    // Iterative Tarjan from every diagonal pair.
    for (let q = lo; q < hi; q++) {
      const root = key(q, q);
      if (index[root] !== -1) continue;
      const work: { k: number; next: number[]; i: number }[] = [];
      const visit = (k: number): void => {
        index[k] = low[k] = counter++;
        stack.push(k);
        onStack[k] = 1;
        work.push({ k, next: succ(k), i: 0 });
      };
      visit(root);
      while (work.length > 0) {
        const top = work[work.length - 1]!;
        if (top.i < top.next.length) {
          const w = top.next[top.i++]!;
          if (index[w] === -1) visit(w);
          else if (onStack[w]) low[top.k] = Math.min(low[top.k]!, index[w]!);
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low[parent.k] = Math.min(low[parent.k]!, low[top.k]!);
        if (low[top.k] === index[top.k]) {
          let diagonal = false;
          let offDiagonal = false;
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            if (Math.floor(w / n) === w % n) diagonal = true;
            else offDiagonal = true;
          } while (w !== top.k);
          if (diagonal && offDiagonal) throw new Unsafe(verdict);
        }
      }
    }
  }
}

/** [min, max] length in characters of what a node matches (lookarounds are zero-width). */
function width(node: Node): [number, number] {
  switch (node.t) {
    case 'char': return [1, 1];
    case 'empty':
    case 'look': return [0, 0];
    case 'seq': return node.items.map(width).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
    case 'alt': {
      const ws = node.alts.map(width);
      return [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];
    }
    case 'rep': {
      const [a, b] = width(node.body);
      return [a * node.min, b === 0 ? 0 : b * node.max];
    }
  }
}

/** Every lookaround body is its own little pattern: check its loops and, for lookbehinds, its length. */
function checkLookarounds(node: Node, describe: (from: number, to: number) => string): void {
  switch (node.t) {
    case 'look': {
      if (node.behind) {
        const max = width(node.body)[1];
        const quote = describe(node.from, node.to);
        if (max === Infinity) throw new Unsafe(`lookbehind ${quote} must have a bounded length`);
        if (max > MAX_LOOKBEHIND) throw new Unsafe(`lookbehind ${quote} is longer than ${MAX_LOOKBEHIND} characters`);
      }
      new Glushkov(describe).build(node.body);
      checkLookarounds(node.body, describe);
      return;
    }
    case 'seq': node.items.forEach((n) => checkLookarounds(n, describe)); return;
    case 'alt': node.alts.forEach((n) => checkLookarounds(n, describe)); return;
    case 'rep': checkLookarounds(node.body, describe); return;
    default: return;
  }
}

/**
 * Literals of which every match contains at least one, as a prefilter: a message that has none of
 * them cannot match, so the regex need not run (the tag engine finds them with its keyword matcher,
 * which keeps its cost flat however many regex rules there are). Null when the pattern has no such
 * literal, or is not understood: then it always runs.
 *
 * Under the `i` flag only caseless characters and ASCII letters (answered lower-case) count, so
 * that a lower-cased text contains the literal whenever the regex could match.
 */
export function requiredLiterals(pattern: string, flags = ''): string[] | null {
  try {
    const ignoreCase = flags.includes('i');
    const ast = new Parser(pattern, flags.includes('u'), ignoreCase, /\(\?<[^=!]/.test(pattern)).parse();
    const found = literalsOf(ast, ignoreCase);
    return found && found.every((l) => l.length > 0) ? found : null;
  } catch {
    return null;
  }
}

/** The single character a node stands for (ASCII letters folded under `i`), or null. */
function literalChar(node: Node, ignoreCase: boolean): string | null {
  if (node.t !== 'char') return null;
  const [a, b] = node.set;
  if (node.set.length === 1 && a![0] === a![1]) {
    const ch = String.fromCodePoint(a![0]);
    const caseless = ch.toLowerCase() === ch && ch.toUpperCase() === ch;
    return !ignoreCase || caseless ? ch : null;
  }
  const isAsciiPair = ignoreCase && node.set.length === 2 && a![0] === a![1] && b![0] === b![1] && a![0] >= 65 && a![0] <= 90 && b![0] === a![0] + 32;
  return isAsciiPair ? String.fromCodePoint(b![0]) : null;
}

const flattenSeq = (node: Node): Node[] => (node.t === 'seq' ? node.items.flatMap(flattenSeq) : [node]);

function literalsOf(node: Node, ignoreCase: boolean): string[] | null {
  if (node.t === 'alt') {
    const parts = node.alts.map((a) => literalsOf(a, ignoreCase));
    return parts.every((p) => p !== null) ? parts.flat() : null;
  }
  // The best of: each run of consecutive literal characters, each mandatory group's own literals.
  let best: string[] | null = null;
  const consider = (candidate: string[] | null): void => {
    // Longer literals filter better; at equal length, fewer of them.
    const shortest = (list: string[]): number => Math.min(...list.map((l) => l.length));
    if (!candidate || candidate.length === 0) return;
    if (best === null || shortest(candidate) > shortest(best) || (shortest(candidate) === shortest(best) && candidate.length < best.length)) best = candidate;
  };
  let run = '';
  for (const item of flattenSeq(node)) {
    const c = literalChar(item, ignoreCase);
    if (c !== null) {
      run += c;
      continue;
    }
    if (item.t === 'empty' || item.t === 'look') continue; // zero-width: the characters around stay adjacent
    consider(run ? [run] : null);
    run = '';
    if (item.t === 'alt' || (item.t === 'rep' && item.min >= 1)) consider(literalsOf(item.t === 'rep' ? item.body : item, ignoreCase));
  }
  consider(run ? [run] : null);
  return best;
}

/**
 * Whether `pattern` (with `flags`) is safe to run on untrusted text. Pure and synchronous; the
 * reason is operator-facing (it ends up in the config validation issues).
 */
export function isSafeRegex(pattern: string, flags = ''): RegexVerdict {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `longer than ${MAX_PATTERN_LENGTH} characters` };
  if (!/^[dgimsuy]*$/.test(flags)) return { ok: false, reason: `unsupported flags "${flags}" (allowed: i, m, s, u)` };
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return { ok: false, reason: `invalid regular expression: ${(e as Error).message}` };
  }
  try {
    const parser = new Parser(pattern, flags.includes('u'), flags.includes('i'), /\(\?<[^=!]/.test(pattern));
    const ast = parser.parse();
    const describe = (from: number, to: number): string => `\`${parser.slice(from, to)}\``;
    new Glushkov(describe).build(ast);
    checkLookarounds(ast, describe);
    return { ok: true };
  } catch (e) {
    if (e instanceof Unsafe) return { ok: false, reason: e.message };
    // RegExp accepted it but this parser did not: refuse rather than guess.
    return { ok: false, reason: `unsupported regular expression syntax: ${(e as Error).message}` };
  }
}

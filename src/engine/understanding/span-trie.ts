/**
 * The lexicon's spans (./lexicon) as a trie the analyser scans text with: built once for the
 * built-in lexicon, and copied with an operator's terms added for a config version that has some.
 */
import type { Span } from './lexicon';

/**
 * The spans as a trie over UTF-16 code units, so the scan finds the longest span at a position in
 * one walk: node 0 is the root, `first[c]` the node after code unit c (0: none), and childOf the
 * node after any other; `spans[n]` is the span that ends at node n, `depth[n]` its length.
 * Below the root, each node is kept once in an open-addressing table (`slots`, 0: empty) at the
 * hash of its parent and code unit: typed arrays, where a Map keyed by node × 65536 + c ran past
 * small integers at 16,384 nodes and cost a Map look-up per character of every text scanned.
 */
export interface SpanTrie {
  first: Int32Array;
  slots: Int32Array;
  /** Bits of the table's size: a slot index is a hash's top bits. */
  bits: number;
  parent: Int32Array;
  unit: Uint16Array;
  spans: (Span | undefined)[];
  depth: number[];
}

const slotOf = (trie: SpanTrie, node: number, c: number) => Math.imul(Math.imul(node, 0x9e3779b1) ^ c, 0x85ebca6b) >>> (32 - trie.bits);

/** The node after `node` on code unit c below the root, or 0 when there is none. */
export function childOf(trie: SpanTrie, node: number, c: number): number {
  const mask = trie.slots.length - 1;
  for (let slot = slotOf(trie, node, c); ; slot = (slot + 1) & mask) {
    const child = trie.slots[slot]!;
    if (child === 0 || (trie.parent[child] === node && trie.unit[child] === c)) return child;
  }
}

/** A trie with room for `units` code units of spans (at most one node each; a table at least twice that keeps probes short). */
function emptyTrie(units: number): SpanTrie {
  const bits = Math.max(1, Math.ceil(Math.log2(2 * units + 1)));
  return { first: new Int32Array(65536), slots: new Int32Array(2 ** bits), bits, parent: new Int32Array(units + 1), unit: new Uint16Array(units + 1), spans: [undefined], depth: [0] };
}

/** Puts a node below the root into the table at its parent and code unit. */
function place(trie: SpanTrie, node: number): void {
  let slot = slotOf(trie, trie.parent[node]!, trie.unit[node]!);
  while (trie.slots[slot] !== 0) slot = (slot + 1) & (trie.slots.length - 1);
  trie.slots[slot] = node;
}

/**
 * Adds a span, or puts it in place of the one its text had. The trie's arrays in locals and the
 * probe inline, a new node taking the empty slot its probe ended on (where place would put it):
 * the built-in lexicon's ~40,000 code units go through here once per isolate, mostly before it
 * is optimised, where each property read and call costs.
 */
function addSpan(trie: SpanTrie, k: string, span: Span): void {
  const { first, slots, parent, unit, spans, depth } = trie;
  const mask = slots.length - 1;
  let node = 0;
  for (let j = 0; j < k.length; j++) {
    const c = k.charCodeAt(j);
    let next = 0;
    let slot = 0;
    if (j === 0) next = first[c]!;
    else
      for (slot = slotOf(trie, node, c); ; slot = (slot + 1) & mask) {
        next = slots[slot]!;
        if (next === 0 || (parent[next] === node && unit[next] === c)) break;
      }
    if (next === 0) {
      next = spans.length;
      spans.push(undefined);
      depth.push(j + 1);
      parent[next] = node;
      unit[next] = c;
      if (j === 0) first[c] = next;
      else slots[slot] = next;
    }
    node = next;
  }
  if (node !== 0) spans[node] = span;
}

export function spanTrie(spans: ReadonlyMap<string, Span>): SpanTrie {
  let units = 0;
  for (const k of spans.keys()) units += k.length;
  const trie = emptyTrie(units);
  // forEach, not a for-of over entries: no pair allocated per span.
  spans.forEach((span, k) => addSpan(trie, k, span));
  return trie;
}

/** A copy of a trie with more spans added (or put in place of the ones their texts had): its arrays copied, not its spans walked again. */
export function extendedTrie(base: SpanTrie, added: readonly (readonly [string, Span])[]): SpanTrie {
  let units = base.parent.length - 1;
  for (const [k] of added) units += k.length;
  const trie = emptyTrie(units);
  trie.first.set(base.first);
  trie.parent.set(base.parent);
  trie.unit.set(base.unit);
  trie.spans = base.spans.slice();
  trie.depth = base.depth.slice();
  if (trie.bits === base.bits) trie.slots.set(base.slots);
  else for (let node = 1; node < trie.spans.length; node++) if (trie.depth[node]! > 1) place(trie, node);
  for (const [k, span] of added) addSpan(trie, k, span);
  return trie;
}

/**
 * The span of the term `lead` + text[from, to) (a verb and the thing after it: 改|地址, 退|合约),
 * walked without building the string; undefined when the lexicon has no such term.
 */
export function joinedSpan(trie: SpanTrie, lead: string, text: string, from: number, to: number): Span | undefined {
  let node = trie.first[lead.charCodeAt(0)]!;
  for (let i = 1; i < lead.length && node !== 0; i++) node = childOf(trie, node, lead.charCodeAt(i));
  for (let i = from; i < to && node !== 0; i++) node = childOf(trie, node, text.charCodeAt(i));
  return node === 0 ? undefined : trie.spans[node];
}

/** The trie node where the longest lexicon span starting at `i` ends, or 0 when none starts there. */
export function longestSpan(trie: SpanTrie, text: string, i: number): number {
  let node = trie.first[text.charCodeAt(i)]!;
  let found = 0;
  for (let j = i + 1; node !== 0; j++) {
    if (trie.spans[node] !== undefined) found = node;
    if (j === text.length) break;
    node = childOf(trie, node, text.charCodeAt(j));
  }
  return found;
}

/**
 * The term that starts inside the term at [i, i + len) of the text and reaches past it (not past
 * `limit`), and is another class of the same family (券用不了 inside 优惠券用不了, the coupon's trouble
 * against the coupon), with where it ends; undefined when there is none. The customer named the
 * thing and its trouble in one breath: the thing's term would otherwise cut the trouble's (用不了
 * alone is any fault).
 */
export function facetAcross(trie: SpanTrie, families: ReadonlyMap<string, string>, text: string, i: number, len: number, concept: string, limit: number): { node: number; end: number } | undefined {
  const family = families.get(concept);
  if (family === undefined) return undefined;
  for (let j = i + 1; j < i + len; j++) {
    const node = trie.first[text.charCodeAt(j)] === 0 ? 0 : longestSpan(trie, text, j);
    if (node === 0) continue;
    const span = trie.spans[node]!;
    const end = j + trie.depth[node]!;
    if (span.kind === 'concept' && end > i + len && end <= limit && span.concept !== concept && families.get(span.concept) === family) return { node, end };
  }
  return undefined;
}

/**
 * What a question asks about: its focus, the words its question word attaches to. 快递员的工号是多少
 * asks about 工号 (the word before 是多少), 优惠活动什么时候结束 about 结束 (the word after
 * 什么时候), 能覆盖到我们小区吗 about 覆盖 (the verb after the modal; 小区 is only where). An entry
 * that explains the focus answers the question, and the customer's other words are its context
 * (the object, place or occasion of what is asked); an entry that leaves the focus unexplained is
 * a near miss however much else it shares (the near-miss veto, policy.ts `coverage`).
 *
 * Read from the shape of the sentence only, never from a business's words:
 * - a question word followed by content in its clause (怎么注销, 几点关门, 能不能退, 有没有发票)
 *   asks about what follows it;
 * - one ending its clause (吗, 不, 是多少, 在哪) asks about the verb after the clause's last modal
 *   (能补吗, 可以邮寄吗, 会伤牙吗) or, without a modal, about the word before it (积分还有吗);
 * - "A 还是 B" asks about both sides; a term holding the question word (在哪点菜) is asked itself.
 * Light verbs (做, 弄) are taken with the word after them, and story words, people and feelings
 * are never the focus.
 */
import { CLAUSE_BREAK } from './clauses';
import { LIGHT_WORDS, NARRATIVE_WORDS } from './function-words';
import { GOODS_ROOT, isGoodsKind } from './lexicon/goods-kinds';
import type { Analysis, Unit } from './analyze';
import { questionWords } from './question-type';

/** Modals and auxiliaries a yes/no question's verb follows (能补吗, 可以改吗, 会掉色吗, 要提前说吗, 还有吗). */
const MODAL = /能够|可以|需要|[能会要可得有]/gu;

/** The clause number of each code unit of a text. */
function clauses(text: string): Uint16Array {
  const of = new Uint16Array(text.length + 1);
  let clause = 0;
  let last = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    of.fill(clause, last, m.index);
    clause += 1;
    of.fill(clause, m.index, m.index + m[0].length);
    last = m.index + m[0].length;
  }
  of.fill(clause, last);
  return of;
}

const isGoods = (concept: string) => concept === GOODS_ROOT || isGoodsKind(concept);

/** Never the focus: story words, people and feelings, and the rest of a story word the segmenter cut (你们|家 is 你们家, the business). */
const candidate = (text: string, u: Unit) =>
  !u.narrative && u.aside !== true && !NARRATIVE_WORDS.has(text.slice(Math.max(0, u.at! - 2), u.at! + u.text.length)) && !NARRATIVE_WORDS.has(text.slice(Math.max(0, u.at! - 1), u.at! + u.text.length));

/**
 * The units that are the focus of the message's questions (a set that is empty when it asks
 * nothing: a statement, 汤洒了). `units` are sorted by where they start.
 */
export function focusOf(analysis: Analysis): ReadonlySet<Unit> {
  const focus = new Set<Unit>();
  const { text } = analysis;
  const { ranges } = questionWords(text);
  if (ranges.length === 0) return focus;
  const units = analysis.units.filter((u) => u.at !== undefined).sort((a, b) => a.at! - b.at!);
  const clause = clauses(text);
  const asked = new Uint8Array(text.length);
  for (let r = 0; r < ranges.length; r += 2) asked.fill(1, ranges[r]!, ranges[r + 1]!);
  const covered = new Uint8Array(text.length);
  for (const u of units) covered.fill(1, u.at!, u.at! + u.text.length);
  // From unit k on in one direction, within the clause and up to another question word, to the
  // first word or term that is not goods: it and the characters met on the way, or when there is
  // none, the light verbs too (发票怎么开 asks about 开).
  let found: Unit[] = [];
  const take = (k: number, step: 1 | -1, inClause: number): boolean => {
    const light: Unit[] = [];
    for (; k >= 0 && k < units.length; k += step) {
      const u = units[k]!;
      if (clause[u.at!] !== inClause) break;
      if (!candidate(text, u)) continue;
      if (LIGHT_WORDS.has(u.text) || u.weight < 0.5) {
        light.push(u);
        continue;
      }
      found.push(u);
      // A kind of goods is what the predicate is about (写商品名), not the predicate: go on.
      if (u.weight >= 1 && (u.concept === undefined || !isGoods(u.concept))) return true;
    }
    found.push(...light);
    return false;
  };
  for (let r = 0; r < ranges.length; r += 2) {
    const from = ranges[r]!;
    const to = ranges[r + 1]!;
    const inClause = clause[from]!;
    found = [];
    // A term holding the question word is asked itself (在哪点菜, 大不大).
    for (const u of units) if (u.at! < to && u.at! + u.text.length > from && candidate(text, u)) found.push(u);
    let next = units.findIndex((u) => u.at! >= to);
    if (next < 0) next = units.length;
    const before = units.findLastIndex((u) => u.at! + u.text.length <= from);
    const following = next < units.length && clause[units[next]!.at!] === inClause && !asked.subarray(to, units[next]!.at!).includes(1) && take(next, 1, inClause);
    const modal = lastModal(text, from, clause, covered, asked);
    const verb = modal >= 0 && take(after(modal, units), 1, inClause);
    if ((!following && !verb) || text.slice(from, to) === '还是') take(before, -1, inClause);
    // What the asked predicate is said of, before it in the clause (停车场 of 停车场几点关门), is
    // asked too; where it happens (在手机上, 袋子里) is an aside (./narrative), not a candidate.
    const first = Math.min(from, ...found.map((u) => u.at!));
    for (const u of units) if (u.at! < first && clause[u.at!] === inClause && candidate(text, u)) found.push(u);
    for (const u of found) focus.add(u);
  }
  return focus;
}

/** Where the last modal of the clause before `from` ends (not inside a word or a question word), or -1. */
function lastModal(text: string, from: number, clause: Uint16Array, covered: Uint8Array, asked: Uint8Array): number {
  let end = -1;
  for (const m of text.slice(0, from).matchAll(MODAL)) {
    if (clause[m.index] !== clause[from] || covered[m.index] === 1 || asked[m.index] === 1) continue;
    end = m.index + m[0].length;
  }
  return end;
}

/** The index of the first unit starting at or after `at`, or units.length when none does (or `at` is -1: no modal). */
function after(at: number, units: readonly Unit[]): number {
  if (at < 0) return units.length;
  const k = units.findIndex((u) => u.at! >= at);
  return k < 0 ? units.length : k;
}

/**
 * The focus units of the two sides of each "A 还是 B" (its clause before 还是 and after it): an entry
 * that meets the side named first says whether it holds (是到时候抵扣还是另外收 of 订金可以抵扣吗), and
 * the other side's words are only the alternative it rules out.
 */
export function choiceSidesOf(analysis: Analysis, focus: ReadonlySet<Unit>): [Unit[], Unit[]][] {
  const { text } = analysis;
  const clause = clauses(text);
  const sides: [Unit[], Unit[]][] = [];
  for (let at = text.indexOf(CHOICE); at >= 0; at = text.indexOf(CHOICE, at + CHOICE.length)) {
    const inClause = clause[at]!;
    const of = (before: boolean) => [...focus].filter((u) => u.at !== undefined && clause[u.at] === inClause && (before ? u.at < at : u.at >= at + CHOICE.length));
    sides.push([of(true), of(false)]);
  }
  return sides;
}
const CHOICE = '还是';

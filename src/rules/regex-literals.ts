import type { AST } from '@eslint-community/regexpp';

/**
 * Literals of which every match contains at least one, as a prefilter: a message that has none of
 * them cannot match, so the regex need not run (the tag and intent engines find them with their
 * keyword matcher, which keeps the cost flat however many patterns there are). Null when the
 * pattern has no such literal: then it always runs.
 *
 * Under the `i` flag only caseless characters and ASCII letters (answered lower-case) count, so
 * that a lower-cased text contains the literal whenever the regex could match.
 */
export function literalsOf(pattern: AST.Pattern, ignoreCase: boolean): string[] | null {
  const found = ofAlternatives(pattern.alternatives, ignoreCase);
  return found && found.every((l) => l.length > 0) ? found : null;
}

/** The single character a node stands for (ASCII letters folded under `i`), or null. */
function literalChar(node: AST.Element, ignoreCase: boolean): string | null {
  if (node.type === 'CharacterClass' && !node.negate && node.elements.length === 1) return literalChar(node.elements[0] as AST.Element, ignoreCase);
  if (node.type !== 'Character') return null;
  const ch = String.fromCodePoint(node.value);
  if (!ignoreCase || (ch.toLowerCase() === ch && ch.toUpperCase() === ch)) return ch;
  return node.value < 0x80 ? ch.toLowerCase() : null;
}

/** Elements of a sequence with one-alternative groups opened up (their characters stay adjacent). */
function flatten(elements: readonly AST.Element[]): AST.Element[] {
  return elements.flatMap((el) => ((el.type === 'Group' && !el.modifiers) || el.type === 'CapturingGroup') && el.alternatives.length === 1 ? flatten(el.alternatives[0]!.elements) : [el]);
}

function groupIgnoreCase(group: AST.Group | AST.CapturingGroup, outer: boolean): boolean {
  if (group.type === 'CapturingGroup' || !group.modifiers) return outer;
  return group.modifiers.add.ignoreCase || (outer && !group.modifiers.remove?.ignoreCase);
}

function ofAlternatives(alts: readonly AST.Alternative[], ignoreCase: boolean): string[] | null {
  const parts = alts.map((a) => ofSequence(a.elements, ignoreCase));
  return parts.every((p) => p !== null) ? parts.flat() : null;
}

function ofSequence(elements: readonly AST.Element[], ignoreCase: boolean): string[] | null {
  // The best of: each run of consecutive literal characters, each mandatory group's own literals.
  let best: string[] | null = null;
  const consider = (candidate: string[] | null): void => {
    // Longer literals filter better; at equal length, fewer of them.
    const shortest = (list: string[]): number => Math.min(...list.map((l) => l.length));
    if (!candidate || candidate.length === 0) return;
    if (best === null || shortest(candidate) > shortest(best) || (shortest(candidate) === shortest(best) && candidate.length < best.length)) best = candidate;
  };
  let run = '';
  for (const item of flatten(elements)) {
    const c = literalChar(item, ignoreCase);
    if (c !== null) {
      run += c;
      continue;
    }
    if (item.type === 'Assertion') continue; // zero-width: the characters around stay adjacent
    consider(run ? [run] : null);
    run = '';
    if (item.type === 'Group' || item.type === 'CapturingGroup') consider(ofAlternatives(item.alternatives, groupIgnoreCase(item, ignoreCase)));
    else if (item.type === 'Quantifier' && item.min >= 1) consider(ofSequence([item.element], ignoreCase));
  }
  consider(run ? [run] : null);
  return best;
}

/**
 * `npx tsx scripts/prune-lexicon.ts [--write]`: the concept-lexicon terms the engine does without
 * (scripts/lexicon-pruning.ts says which), counted with the bytes they cost; with --write, taken
 * out of the files under src/engine/understanding/lexicon/concepts, one class per line as before.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CONCEPTS } from '../src/engine/understanding/lexicon/concepts';
import { pruneLexicon, type PrunedTerm } from './lexicon-pruning';

const DIR = new URL('../src/engine/understanding/lexicon/concepts/', import.meta.url);
/** A class as the concept files write it: `  { id: 'topic.name', terms: ['…', '…'] },`. */
const CLASS_LINE = /^(\s*\{ id: '([^']+)', terms: \[)([^\]]*)(\] \},?)$/;
const TERM = /'([^'\\]*)'/g;

/** The file's text without the pruned terms, and the terms it took out. */
export function rewrite(text: string, pruned: ReadonlyMap<string, ReadonlySet<string>>): { text: string; removed: number } {
  let removed = 0;
  const lines = text.split('\n').map((line) => {
    const m = CLASS_LINE.exec(line);
    const drop = m === null ? undefined : pruned.get(m[2]!);
    if (m === null || drop === undefined) return line;
    const terms = [...m[3]!.matchAll(TERM)].map((t) => t[1]!);
    const kept = terms.filter((t) => !drop.has(t));
    if (kept.length === terms.length) return line;
    removed += terms.length - kept.length;
    return `${m[1]}${kept.map((t) => `'${t}'`).join(', ')}${m[4]}`;
  });
  return { text: lines.join('\n'), removed };
}

/** What a term costs in the bundle: esbuild writes each non-ASCII code unit as \uXXXX, and quotes and a comma around it. */
const bundled = (term: string): number => 3 + Array.from(term).reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 ? 1 : 6 * ch.length), 0);

function main(write: boolean): void {
  const started = performance.now();
  const { pruned } = pruneLexicon(CONCEPTS);
  const byConcept = new Map<string, Set<string>>();
  for (const p of pruned) {
    let set = byConcept.get(p.concept);
    if (set === undefined) byConcept.set(p.concept, (set = new Set()));
    set.add(p.term);
  }
  const reasons = new Map<PrunedTerm['reason'], number>();
  for (const p of pruned) reasons.set(p.reason, (reasons.get(p.reason) ?? 0) + 1);
  const terms = CONCEPTS.reduce((n, c) => n + c.terms.length, 0);
  console.log(`${pruned.length} of ${terms} terms the engine does without (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')}), judged in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${pruned.reduce((n, p) => n + Buffer.byteLength(p.term) + 4, 0)} bytes of source, ~${pruned.reduce((n, p) => n + bundled(p.term), 0)} of the bundle before gzip`);
  if (process.argv.includes('--list')) for (const p of pruned) console.log(`  ${p.reason}\t${p.concept}\t${p.term}`);
  if (!write) return;
  let written = 0;
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
    const file = new URL(name, DIR);
    const before = readFileSync(file, 'utf8');
    const { text, removed } = rewrite(before, byConcept);
    if (removed === 0) continue;
    writeFileSync(file, text);
    written += removed;
  }
  // Goods kinds are written as names in strings (goods.ts), not class lines: those terms stay.
  console.log(`${written} terms taken out of the concept files${written < pruned.length ? `; ${pruned.length - written} are not on a class line and stay` : ''}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.includes('--write'));

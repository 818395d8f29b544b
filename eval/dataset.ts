/**
 * The labelled understanding set under test/fixtures/understanding: five knowledge bases, a dev
 * split (tuned on), a frozen test split and a holdout split written blind in two businesses the
 * engine was never tuned on (food, telecom). Probes (`probe-*.json`) are questions written for a
 * business before their writer read the lexicon; once anyone tunes on them they are dev data,
 * and they may name any knowledge base file (kb-<name>.json), the trades' too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { KnowledgeSchema, type KnowledgeEntry } from '../src/rules/config';

export const BUSINESSES = ['ecommerce', 'presales', 'booking', 'food', 'telecom'] as const;
export type Business = (typeof BUSINESSES)[number];
export const SPLITS = ['dev', 'test', 'holdout', 'probe'] as const;
export type Split = (typeof SPLITS)[number];
/** Splits only ever scored in aggregate: their questions are never printed, so nobody tunes on them. */
export const BLIND_SPLITS: readonly Split[] = ['test', 'holdout'];

const ItemSchema = z.object({ text: z.string().min(1), expected: z.string().min(1), kb: z.string().regex(/^[a-z0-9-]+$/), class: z.string().min(1), context: z.array(z.string()).optional() });
export type Item = z.infer<typeof ItemSchema>;

const dir = new URL('../test/fixtures/understanding/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

export function knowledgeBase(b: string): KnowledgeEntry[] {
  return z.array(KnowledgeSchema).parse(read(`kb-${b}.json`));
}

/** `probe` reads every probe-*.json; `probe-<name>` one of them. */
export function split(s: string): Item[] {
  const files = s === 'probe' ? readdirSync(dir).filter((f) => /^probe-.+\.json$/.test(f)) : [`${s}.json`];
  if (files.length === 0 || !existsSync(new URL(files[0]!, dir))) throw new Error(`test/fixtures/understanding/${s}.json is not written yet: there is nothing to score`);
  return files.flatMap((f) => z.array(ItemSchema).parse(read(f)));
}

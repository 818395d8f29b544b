import { analyze, DEFAULT_CHANNELS } from '../../../src/engine/understanding/analyze';
import { compileLexicon } from '../../../src/engine/understanding/lexicon';

/** The built-in lexicon, and the concepts it reads in a text (no pinyin channel). */
export const lexicon = compileLexicon();
export const conceptsOf = (text: string) => analyze(text, lexicon, { channels: DEFAULT_CHANNELS, pinyin: false }).concepts;
const familyOf = (concept: string) => lexicon.families.get(concept) ?? concept;

/** The two texts meet when a concept of one is a concept of the other, or of its family. */
export const meet = (a: string, b: string) => {
  const fb = new Set([...conceptsOf(b)].flatMap((c) => [c, familyOf(c)]));
  return [...conceptsOf(a)].some((c) => fb.has(c) || fb.has(familyOf(c)));
};

/**
 * The English terms of a message's Latin words (./analyze): an inflected word read as the
 * lexicon's (refunds, shipped, cancelled), and a phrase found as typed or with the articles and
 * possessives a sentence puts inside it (change my plan is the term change plan, book a table
 * book table).
 */
import { NARRATIVE_WORDS, STOP_WORDS } from './function-words';
import type { Lexicon } from './lexicon';

/** The lexicon's word an inflected English word is (refunds → refund, shipped → ship, charging → charge, damage → damaged), or the word itself; a word of the story (ordered, bought) stays itself. */
export function englishForm(word: string, lexicon: Lexicon): string {
  if (word.length < 4 || lexicon.english.has(word) || STOP_WORDS.has(word) || NARRATIVE_WORDS.has(word) || DIGIT.test(word)) return word;
  let forms = formsOf.get(lexicon);
  if (forms === undefined) formsOf.set(lexicon, (forms = new Map()));
  let form = forms.get(word);
  if (form === undefined) {
    form = inflected(word, lexicon);
    if (forms.size >= 10_000) forms.clear();
    forms.set(word, form);
  }
  return form;
}
const DIGIT = /\d/;
/** Per lexicon, the forms found so far: answers repeat their Latin words. */
const formsOf = new WeakMap<Lexicon, Map<string, string>>();

function inflected(word: string, lexicon: Lexicon): string {
  const stems: string[] = [];
  const undoubled = (stem: string) => (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2] ? stem.slice(0, -1) : stem);
  if (word.endsWith('ies')) stems.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) stems.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) stems.push(word.slice(0, -1));
  if (word.endsWith('ed')) stems.push(word.slice(0, -2), word.slice(0, -1), undoubled(word.slice(0, -2)), `${word.slice(0, -3)}y`);
  if (word.endsWith('ing')) stems.push(word.slice(0, -3), `${word.slice(0, -3)}e`, undoubled(word.slice(0, -3)));
  // A base form whose inflection is the lexicon's (damage → damaged, wait → waiting).
  stems.push(`${word}d`, `${word}ed`, `${word}ing`, `${word}s`);
  // A form that is a term alone first; then the word itself, or a form, inside a phrase.
  const term = stems.find((stem) => stem.length >= 3 && lexicon.english.has(stem));
  if (term !== undefined || lexicon.englishWords.has(word)) return term ?? word;
  return stems.find((stem) => stem.length >= 3 && lexicon.englishWords.has(stem)) ?? word;
}

/** Words a phrase is also found without: change my plan, cancel the order, send it back, internet is down, wifi is very slow. */
const INSIDE_A_PHRASE: ReadonlySet<string> = new Set(['the', 'a', 'an', 'my', 'your', 'our', 'this', 'that', 'these', 'those', 'some', 'any', 'his', 'her', 'their', 'it', 'is', 'are', 'was', 'were', 'very', 'so', 'really']);

/**
 * The longest English term starting at the i-th Latin word (`typed` as typed, `latin` as
 * englishForm read them), with how many words it takes, or undefined. A phrase as typed first: a
 * word of it may read as another term's form (credit card is not credits card); one with its
 * articles and possessives left out where it reaches further (internet is down is internet down,
 * not internet); a single word last.
 */
export function englishTermAt(typed: readonly string[], latin: readonly string[], i: number, lexicon: Lexicon): { phrase: string; concept: string; words: number } | undefined {
  // Every word of an English term is in englishWords: a word that is not starts no term.
  if (!lexicon.englishWords.has(latin[i]!) && !lexicon.englishWords.has(typed[i]!)) return undefined;
  let found: { phrase: string; concept: string; words: number } | undefined;
  for (let n = Math.min(lexicon.longestEnglish, latin.length - i); n >= 2 && found === undefined; n--) {
    const asTyped = typed.slice(i, i + n).join(' ');
    const phrase = lexicon.english.has(asTyped) ? asTyped : latin.slice(i, i + n).join(' ');
    const concept = lexicon.english.get(phrase);
    if (concept !== undefined) found = { phrase, concept, words: n };
  }
  // The words after it without articles and possessives (their places: the term's words end at the last).
  const at: number[] = [i];
  for (let j = i + 1; j < latin.length && at.length < lexicon.longestEnglish; j++) if (!INSIDE_A_PHRASE.has(latin[j]!)) at.push(j);
  for (let n = at.length; n >= 2 && at[n - 1]! - i + 1 > n && at[n - 1]! - i + 1 > (found?.words ?? 0); n--) {
    const asTyped = at.slice(0, n).map((j) => typed[j]).join(' ');
    const phrase = lexicon.english.has(asTyped) ? asTyped : at.slice(0, n).map((j) => latin[j]).join(' ');
    const concept = lexicon.english.get(phrase);
    if (concept !== undefined) return { phrase, concept, words: at[n - 1]! - i + 1 };
  }
  const concept = found === undefined ? lexicon.english.get(latin[i]!) : undefined;
  return found ?? (concept === undefined ? undefined : { phrase: latin[i]!, concept, words: 1 });
}

/**
 * The customer's language, guessed from what they write, for choosing templates.
 * Scripts decide CJK languages (kana → ja, Hangul → ko, Han alone → zh); Latin text counts as
 * English only when it contains common English words, because brand names and "ok" are not English.
 * The guess is sticky on the profile: a short message may not flip it (a Chinese customer who
 * writes "ok thanks" keeps Chinese templates).
 */

export type DetectedLanguage = 'zh' | 'en' | 'ja' | 'ko' | 'und';
export interface LanguageGuess {
  language: DetectedLanguage;
  /** 0..1: share of the message in that script × how much text there was. */
  confidence: number;
}

/** A known language changes only for a guess this sure. */
export const STICKY_CONFIDENCE = 0.6;
/** With no language on the profile yet, a weaker guess is enough (a first "hello" → English). */
export const FIRST_GUESS_CONFIDENCE = 0.25;
/** Units (CJK characters, Latin words) for full confidence: fewer means a weaker guess. */
const FULL_LENGTH = 4;

const ENGLISH = new Set(
  `a an the is are am was were be been i you he she we they it me my your our this that these those what which who how
  where when why can could would will should do does did have has had to for of in on at with from and or but not no
  yes please thanks thank hello hi hey want need help there here much many any some order price buy get about`.split(/\s+/),
);

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN_WORD = /\p{Script=Latin}+(?:'\p{Script=Latin}+)?/gu;

export function detectLanguage(text: string): LanguageGuess {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  for (const ch of text) {
    if (HAN.test(ch)) han++;
    else if (KANA.test(ch)) kana++;
    else if (HANGUL.test(ch)) hangul++;
  }
  const words = (text.match(LATIN_WORD) ?? []).map((w) => w.toLowerCase());
  // A single kana in Chinese marketing text (我の店) is not Japanese.
  const japanese = kana > 0 && kana / (kana + han) >= 0.2;
  const groups: [DetectedLanguage, number][] = [
    ['zh', japanese ? 0 : han],
    ['ja', japanese ? kana + han : 0],
    ['ko', hangul],
    ['en', words.length],
  ];
  const total = han + kana + hangul + words.length;
  if (total === 0) return { language: 'und', confidence: 0 };
  const [language, units] = groups.reduce((best, g) => (g[1] > best[1] ? g : best));
  let confidence = (units / total) * Math.min(1, units / FULL_LENGTH);
  if (language === 'en') {
    const hits = words.filter((w) => ENGLISH.has(w)).length;
    if (hits === 0) return { language: 'und', confidence: 0 };
    confidence *= Math.min(1, 0.5 + hits / words.length);
  }
  return { language, confidence: Math.round(confidence * 100) / 100 };
}

/** The profile's language after a message: changes only on a confident guess. */
export function stickyLanguage(current: string | undefined, guess: LanguageGuess): string | undefined {
  if (guess.language === 'und' || guess.language === current) return current;
  const needed = current === undefined ? FIRST_GUESS_CONFIDENCE : STICKY_CONFIDENCE;
  return guess.confidence >= needed ? guess.language : current;
}

/**
 * Intents from the config document: regex `patterns` and plain `keywords` (seed 2.2: "使用正则表达式
 * 处理简单意图匹配"). Compiled once per config version.
 *
 * Which intent wins when several match: the first in config order, not the "strongest" match.
 * Operators already read the document top-down (routing is first-match too), so putting a specific
 * intent above a general one is the whole tuning story; a strength heuristic would let a keyword
 * added to one intent silently steal messages from another. Answering and naming are separate:
 * the first matching intent names the message (tags, routing, last intent), and the first
 * matching intent WITH an answer answers it, so an answerless intent above never hides an answer.
 *
 * Matching runs on the shared normalisation (../rules/normalize: NFKC and lower case, so full-width
 * ＶＩＰ is vip), keywords likewise; patterns get INTENT_REGEX_FLAGS, the flags config validation
 * checked them with, and see at most REGEX_TEXT_LIMIT characters (the bound regex-safety assumes).
 */
import { INTENT_REGEX_FLAGS } from '../rules/config-validate';
import type { Intent } from '../rules/config';
import { normalizeText } from '../rules/normalize';
import { REGEX_TEXT_LIMIT } from '../rules/tags';

export interface CompiledIntent {
  intent: Intent;
  patterns: RegExp[];
  keywords: string[];
}
export interface CompiledIntents {
  list: readonly CompiledIntent[];
  byName: ReadonlyMap<string, Intent>;
}

/** Throws on a pattern the regex engine refuses (config validation refuses it first). */
export function compileIntents(intents: readonly Intent[]): CompiledIntents {
  const list = intents.map((intent) => ({
    intent,
    patterns: intent.patterns.map((p) => {
      try {
        return new RegExp(p, INTENT_REGEX_FLAGS);
      } catch (e) {
        throw new Error(`intent "${intent.name}": invalid pattern ${JSON.stringify(p)}: ${(e as Error).message}`);
      }
    }),
    keywords: intent.keywords.map(normalizeText),
  }));
  return { list, byName: new Map(intents.map((i) => [i.name, i])) };
}

export interface IntentMatch {
  intent: Intent;
  /** The text that matched (a keyword, or what the pattern matched). */
  matched: string;
}
export interface Understanding {
  /** The first matching intent in config order: the message's intent. */
  intent?: IntentMatch;
  /** The first matching intent that has an answer (may be the same). */
  answer?: IntentMatch;
}

function matchOne(c: CompiledIntent, text: string, capped: string): string | undefined {
  for (const k of c.keywords) if (text.includes(k)) return k;
  for (const p of c.patterns) {
    const m = p.exec(capped);
    if (m) return m[0];
  }
  return undefined;
}

export function understand(compiled: CompiledIntents, text: string): Understanding {
  const normalized = normalizeText(text);
  const capped = normalized.slice(0, REGEX_TEXT_LIMIT);
  const out: Understanding = {};
  for (const c of compiled.list) {
    const matched = matchOne(c, normalized, capped);
    if (matched === undefined) continue;
    out.intent ??= { intent: c.intent, matched };
    if (c.intent.answer) {
      out.answer = { intent: c.intent, matched };
      break;
    }
  }
  return out;
}

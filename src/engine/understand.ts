/**
 * Intents from the config document: regex `patterns` and plain `keywords` ("使用正则表达式
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
 * ＶＩＰ is vip), keywords likewise; patterns run on the linear-time engine (../rules/operator-regex)
 * with INTENT_REGEX_FLAGS, the flags config validation checked them with. A pattern with required
 * literals (`订单.*\d+号` needs 订单) runs only on a message that contains one: all intents' literals
 * are in one keyword matcher, as the tag engine does for its regex rules.
 */
import { INTENT_REGEX_FLAGS } from '../rules/config-validate';
import type { Intent } from '../rules/config';
import { compileKeywords, type KeywordMatcher } from '../rules/keywords';
import { compact, normalizeText } from '../rules/normalize';
import { compileOperatorRegex, type OperatorRegex } from '../rules/operator-regex';
import { prefilterLiterals } from '../rules/tags';

interface CompiledPattern {
  /** Index in the prefilter's payloads. */
  id: number;
  re: OperatorRegex;
  prefiltered: boolean;
}
export interface CompiledIntent {
  intent: Intent;
  patterns: CompiledPattern[];
  keywords: string[];
}
export interface CompiledIntents {
  list: readonly CompiledIntent[];
  byName: ReadonlyMap<string, Intent>;
  /** Required literals of every prefiltered pattern; payload = the pattern's id. */
  prefilter: KeywordMatcher<number>;
  /** Patterns that never run, and why (a version stored before a check existed may hold one). */
  problems: { intent: string; pattern: string; reason: string }[];
}

export function compileIntents(intents: readonly Intent[]): CompiledIntents {
  const literals: { keyword: string; payload: number }[] = [];
  const problems: CompiledIntents['problems'] = [];
  let nextId = 0;
  const list = intents.map((intent) => ({
    intent,
    patterns: intent.patterns.flatMap((pattern) => {
      const compiled = compileOperatorRegex(pattern, INTENT_REGEX_FLAGS);
      if (!compiled.ok) {
        problems.push({ intent: intent.name, pattern, reason: compiled.reason });
        return [];
      }
      const id = nextId++;
      const required = prefilterLiterals(compiled.regex);
      if (required) for (const keyword of required) literals.push({ keyword, payload: id });
      return [{ id, re: compiled.regex, prefiltered: required !== null }];
    }),
    keywords: intent.keywords.map(normalizeText),
  }));
  return { list, byName: new Map(intents.map((i) => [i.name, i])), prefilter: compileKeywords(literals), problems };
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

function matchOne(c: CompiledIntent, text: string, literalHits: ReadonlySet<number>): string | undefined {
  for (const k of c.keywords) if (text.includes(k)) return k;
  for (const p of c.patterns) {
    if (p.prefiltered && !literalHits.has(p.id)) continue;
    const m = p.re.match(text);
    if (m !== null) return m;
  }
  return undefined;
}

export function understand(compiled: CompiledIntents, text: string): Understanding {
  const normalized = normalizeText(text);
  const literalHits = new Set(compiled.prefilter.findCompact(compact(normalized)).map((hit) => hit.payload));
  const out: Understanding = {};
  for (const c of compiled.list) {
    const matched = matchOne(c, normalized, literalHits);
    if (matched === undefined) continue;
    out.intent ??= { intent: c.intent, matched };
    if (c.intent.answer) {
      out.answer = { intent: c.intent, matched };
      break;
    }
  }
  return out;
}

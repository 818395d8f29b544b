import type { Channel, TagRule } from './config';
import { compileKeywords, type KeywordMatcher } from './keywords';
import { compact, compactKey } from './normalize';
import { compileOperatorRegex, type OperatorRegex } from './operator-regex';

/**
 * Tag automation: which tags a customer message, a behaviour event or a channel entry adds or
 * removes. Compiled once per config version: every `message_keyword` keyword of every rule in ONE
 * matcher, every `message_regex` compiled once on the linear-time engine (./operator-regex), behaviour
 * and channel rules indexed by event and code. A regex with required literals (`订单号?\d{6}` needs
 * 订单) has them in the same matcher and runs only on messages that contain one, so the cost of a
 * message stays flat however many rules there are. Evaluation is pure; making the result idempotent
 * (a tag added twice is one tag with its first provenance) is the storage's job.
 */

export type TagInput =
  | { kind: 'message'; text: string }
  /** `ref`: the link id, menu id or campaign name the event is about. */
  | { kind: 'behavior'; event: string; ref?: string | null }
  /** `code`: the channel code (the kf link's scene) the customer entered through. */
  | { kind: 'channel'; code: string };

export interface TagAction {
  action: 'add_tag' | 'remove_tag';
  tag: string;
  /** The tag rule's name, or `channel:<code>` for a channel's auto_tag. */
  rule_name: string;
  source: 'rule' | 'behavior' | 'channel';
}

interface IndexedRule {
  index: number;
  rule: TagRule;
}

export interface TagEngine {
  rules: readonly TagRule[];
  /** Keywords of message_keyword rules and required literals of message_regex rules; payload = rule index. */
  keywords: KeywordMatcher<number>;
  /** `prefiltered`: runs only when the matcher found one of its literals. */
  regexes: { index: number; re: OperatorRegex; prefiltered: boolean }[];
  behavior: Map<string, IndexedRule[]>;
  channel: Map<string, IndexedRule[]>;
  /** Auto tags of the config's channels by code. */
  channelAutoTags: Map<string, string[]>;
  /** Rules that will never fire, and why (an unsafe or invalid regex, a keyword of punctuation only). */
  problems: { rule_name: string; reason: string }[];
}

const sourceOf = (rule: TagRule): TagAction['source'] =>
  rule.trigger_type === 'behavior' ? 'behavior' : rule.trigger_type === 'channel' ? 'channel' : 'rule';

function pushIndexed(map: Map<string, IndexedRule[]>, key: string, item: IndexedRule): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * Compiles the `tag_rules` (and optionally the `channels`, whose `auto_tag` a channel entry adds).
 * Never throws on a rule: config validation refuses bad ones before storage, and a version stored
 * before a check existed must not stop message processing, so such a rule is skipped and listed
 * in `problems`.
 */
export function compileTagRules(rules: readonly TagRule[], channels: readonly Channel[] = []): TagEngine {
  const keywordEntries: { keyword: string; payload: number }[] = [];
  const engine: Omit<TagEngine, 'keywords'> = {
    rules,
    regexes: [],
    behavior: new Map(),
    channel: new Map(),
    channelAutoTags: new Map(channels.map((c) => [c.code, c.auto_tag])),
    problems: [],
  };
  rules.forEach((rule, index) => {
    if (rule.enabled === false) return;
    switch (rule.trigger_type) {
      case 'message_keyword':
        for (const keyword of rule.keywords) keywordEntries.push({ keyword, payload: index });
        return;
      case 'message_regex': {
        const compiled = compileOperatorRegex(rule.pattern, rule.flags ?? '');
        if (!compiled.ok) {
          engine.problems.push({ rule_name: rule.rule_name, reason: compiled.reason });
          return;
        }
        const literals = prefilterLiterals(compiled.regex);
        if (literals) for (const keyword of literals) keywordEntries.push({ keyword, payload: index });
        engine.regexes.push({ index, re: compiled.regex, prefiltered: literals !== null });
        return;
      }
      case 'behavior':
        pushIndexed(engine.behavior, rule.event, { index, rule });
        return;
      case 'channel':
        pushIndexed(engine.channel, rule.channel_code, { index, rule });
        return;
    }
  });
  const keywords = compileKeywords(keywordEntries);
  for (const keyword of keywords.unmatchable) {
    const rule = rules[keywordEntries.find((e) => e.keyword === keyword)!.payload]!;
    engine.problems.push({ rule_name: rule.rule_name, reason: `keyword "${keyword}" has no letters or digits and can never match` });
  }
  return { ...engine, keywords };
}

/**
 * A regex's required literals in the keyword matcher's compact form, or null when it must always
 * run: literals must survive compaction to be found (one of punctuation only cannot).
 */
export function prefilterLiterals(re: OperatorRegex): string[] | null {
  const literals = re.literals?.map(compactKey) ?? null;
  return literals !== null && literals.every((l) => l !== '') ? literals : null;
}

/**
 * The tag actions an input triggers, in rule order (a channel's auto_tag first), one per rule and
 * tag. When rules disagree (one adds, a later one removes), both are returned in that order and
 * the caller applies them in order, so the later rule wins.
 */
export function evaluate(engine: TagEngine, input: TagInput): TagAction[] {
  const fired = new Set<number>();
  const out: TagAction[] = [];
  switch (input.kind) {
    case 'message': {
      // Regexes read NFKC text (full-width digits and letters as ASCII) but keep case: flags say `i`.
      // The matcher reads the compact form of that same text, so a regex's literals are found
      // wherever the regex could match.
      const nfkc = input.text.normalize('NFKC');
      const literalHits = new Set<number>();
      for (const hit of engine.keywords.findCompact(compact(nfkc))) {
        if (engine.rules[hit.payload]!.trigger_type === 'message_keyword') fired.add(hit.payload);
        else literalHits.add(hit.payload);
      }
      for (const { index, re, prefiltered } of engine.regexes) {
        if ((!prefiltered || literalHits.has(index)) && re.test(nfkc)) fired.add(index);
      }
      break;
    }
    case 'behavior':
      for (const { index, rule } of engine.behavior.get(input.event) ?? []) {
        if (rule.trigger_type === 'behavior' && (rule.match === undefined || rule.match === input.ref)) fired.add(index);
      }
      break;
    case 'channel':
      for (const tag of engine.channelAutoTags.get(input.code) ?? []) {
        out.push({ action: 'add_tag', tag, rule_name: `channel:${input.code}`, source: 'channel' });
      }
      for (const { index } of engine.channel.get(input.code) ?? []) fired.add(index);
      break;
  }
  return dedupe([...out, ...[...fired].sort((a, b) => a - b).map((index) => actionOf(engine, index))]);
}

function actionOf(engine: TagEngine, index: number): TagAction {
  const rule = engine.rules[index]!;
  return { action: rule.action, tag: rule.tag_name, rule_name: rule.rule_name, source: sourceOf(rule) };
}

function dedupe(actions: TagAction[]): TagAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.action}\u0000${a.tag}\u0000${a.rule_name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

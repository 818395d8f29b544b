/**
 * The understanding engine for one config version: compile once, then decide per message.
 * README "How the bot understands" describes the whole path.
 */
import type { KnowledgeEntry } from '../../rules/config';
import { DEFAULT_CHANNELS, type AnalyzeOptions } from './analyze';
import { compileLexicon, type LexiconExtension } from './lexicon';
import { decideKnowledge, DEFAULT_POLICY, type KnowledgeDecision, type PolicySettings } from './policy';
import { compileIndex, type KnowledgeIndex } from './knowledge-index';

export type { KnowledgeDecision, PolicySettings };
export type { KnowledgeIndex };

export interface UnderstandingOptions {
  lexicon?: readonly LexiconExtension[];
  policy?: Partial<PolicySettings>;
  /** For ablations: switch off the built-in concepts, the English lexicon or the pinyin channel, or reweigh channels. */
  builtins?: { concepts?: boolean; english?: boolean };
  analyze?: Partial<AnalyzeOptions>;
}

export interface Understanding {
  readonly index: KnowledgeIndex;
  readonly policy: PolicySettings;
}

export function compileUnderstanding(entries: readonly KnowledgeEntry[], options: UnderstandingOptions = {}): Understanding {
  const lexicon = compileLexicon(options.lexicon ?? [], options.builtins ?? {});
  const analyzeOptions: AnalyzeOptions = { channels: DEFAULT_CHANNELS, pinyin: true, ...options.analyze };
  return { index: compileIndex(entries, lexicon, analyzeOptions), policy: { ...DEFAULT_POLICY, ...options.policy } };
}

/** The decision for one customer message, with the topics active in the conversation. */
export function understandMessage(u: Understanding, text: string, topics: ReadonlySet<string> = new Set()): KnowledgeDecision {
  return decideKnowledge(u.index, text, topics, u.policy);
}

/** An entry by id (a menu click whose id names an entry answers it directly). */
export function entryById(u: Understanding, id: string): KnowledgeEntry | undefined {
  const i = u.index.byId.get(id);
  return i === undefined ? undefined : u.index.entries[i]!.entry;
}

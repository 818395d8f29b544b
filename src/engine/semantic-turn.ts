/**
 * The semantic path for a turn (engine/understanding/semantic): asked after `decide`, when the
 * bot would clarify or fall back, for the turn's messages read together. When it answers, the
 * caller decides again with its hint (`DecideInput.semantic`); otherwise the first decision stands.
 */
import { expire } from './context';
import type { Decision, DecideInput } from './decide';
import { understandMessage } from './understanding';
import { askSemantic, type SemanticDeps, type SemanticOutcome } from './understanding/semantic/path';

/** The bot would ask "您是想问" or give the fallback reply (or hand over after too many misses). */
export function semanticMayHelp(decision: Pick<Decision, 'events' | 'handoff' | 'answered'>): boolean {
  if (decision.answered) return false;
  return decision.events.some((e) => e.type === 'clarify' || e.type === 'fallback') || decision.handoff?.reason === 'misses';
}

export function askSemanticForTurn(deps: SemanticDeps, input: DecideInput): Promise<SemanticOutcome> {
  const text = input.messages.map((m) => m.text).join(' ');
  const topics = new Set(Object.keys(expire(input.snapshot.context, input.now).context));
  const understanding = input.engines.understanding;
  return askSemantic(deps, {
    understanding,
    entries: input.config.knowledge,
    text,
    topics,
    decision: understandMessage(understanding, text, topics),
    settings: input.config.understanding.semantic,
  });
}

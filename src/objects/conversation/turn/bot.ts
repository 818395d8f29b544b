import type { Reply } from '../../../engine/budget';
import { decide, missed, type Decision, type DecideInput } from '../../../engine/decide';
import { classifyWithin } from '../../../engine/nlp';
import { askSemanticForTurn, semanticMayHelp } from '../../../engine/semantic-turn';
import { systemText } from '../../../engine/templates';
import type { Config, Link } from '../../../rules/config';
import { loadVersionVectors } from '../../../storage/semantic-vectors';
import { errorText, type BotFailureNote, type BotPorts } from './types';

/**
 * The bot's decision: decide, then the semantic path when the knowledge matcher doubted, then
 * the NLP adapter when nothing understood the turn. A failure is noted in `failures` and never
 * leaves the customer without an answer: a semantic or NLP failure keeps the first decision, a
 * failure of decide itself hands the turn to people.
 */
export async function botDecision(ports: BotPorts, input: DecideInput, failures: BotFailureNote[], version: number | null): Promise<Decision> {
  if (input.forceHandoff) return decide(input);
  let decision: Decision;
  try {
    decision = decide(input);
  } catch (e) {
    failures.push({ stage: 'decide', cause: errorText(e) });
    return decide({ ...input, forceHandoff: 'bot_error' });
  }
  const semantic = input.config.understanding.semantic;
  const bindings = semantic.enabled && semanticMayHelp(decision) ? ports.semantic() : null;
  if (bindings?.AI && version !== null) {
    try {
      const vectors = () => loadVersionVectors(bindings, version, semantic.embedding_model);
      const outcome = await askSemanticForTurn({ ai: bindings.AI, vectors }, input);
      if (outcome.kind === 'answer') decision = decide({ ...input, semantic: { entryId: outcome.entry.id, confidence: outcome.score } });
    } catch (e) {
      failures.push({ stage: 'semantic', cause: errorText(e) });
    }
  }
  const settings = input.config.bot.nlp;
  const adapter = settings.enabled && input.config.intents.length > 0 && missed(decision) ? ports.nlpFor(settings.model) : null;
  if (!adapter) return decision;
  try {
    const text = input.messages.map((m) => m.text).join('\n');
    const r = await classifyWithin(adapter, text, input.config.intents.map((i) => i.name), settings.timeout_ms);
    if (r.intent === null || r.confidence < settings.min_confidence) return decision;
    return decide({ ...input, nlp: { intent: r.intent, confidence: r.confidence } });
  } catch (e) {
    failures.push({ stage: 'nlp', cause: errorText(e) });
    return decision;
  }
}

/**
 * While the bot is down, a link with a backup kf account (`backup_open_kfid`) offers its kf link
 * in the handoff notice. The notice goes out without it when WeCom will not give the link: the
 * handoff must not wait on the API that may be what is failing.
 */
export async function offerBackup(ports: BotPorts, replies: Reply[], config: Config, link: Link | undefined, locale: string | undefined): Promise<Reply[]> {
  const last = replies.at(-1);
  if (!link?.backup_open_kfid || !last || !('text' in last)) return replies;
  try {
    const url = await ports.kfLinkUrl(link.backup_open_kfid);
    return [...replies.slice(0, -1), { text: `${last.text}\n${systemText(config, 'backup_link', { locale, link, vars: { url } })}` }];
  } catch (e) {
    console.warn('conversation: no backup kf link for the notice', String(e));
    return replies;
  }
}

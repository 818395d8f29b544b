import { composeOutcome, type TurnOutcome } from './commit';
import { decideTurn } from './decide';
import { readFacts } from './facts';
import { guardReplies } from './guard';
import { reportToBreaker } from './report';
import { routeHandoff } from './route';
import { screenBurst } from './screen';
import { shadowDecide } from './shadow';
import type { TurnInput, TurnPorts } from './types';
import { applyTags, runWrite, runWrites } from './writes';

export type { TurnOutcome } from './commit';
export type { TurnInput, TurnPorts } from './types';

/**
 * One turn: everything new since the last one (and a due escalation), as phases that each return
 * a typed result, put together by one commit. The phases read and write idempotently outside the
 * object (D1, Reception); nothing reaches the object's own storage before the caller writes the
 * outcome in one transaction, so a turn that fails half-way is simply run again and replays to
 * the same msgids, tags and assignments.
 */
export async function runTurn(input: TurnInput, ports: TurnPorts): Promise<TurnOutcome> {
  const facts = readFacts(input, ports.sentItem);
  const screened = screenBurst(input, facts.burst);
  const decided = await decideTurn(input, facts, screened, ports);
  const shadow = await shadowDecide(input, screened, decided, ports);
  const breaker = await reportToBreaker(input, decided, ports.breaker);
  const tagged = await applyTags(input, [...facts.tagActions, ...screened.tagActions], ports);
  await runWrites(input, decided.language, [...facts.writes, ...screened.writes, ...decided.writes], ports);
  const guarded = guardReplies(input, facts.burst, decided);
  for (const write of guarded.writes) await runWrite(write, input.identity.key, ports);
  const routed = await routeHandoff(input, facts, decided, tagged, guarded, ports.reception);
  return composeOutcome(input, { facts, screened, shadow, breaker, tagged, guarded, routed });
}

/**
 * The full per-message decision at shop scale: 5,000 knowledge entries, 20 intents, 1,000 tag
 * rules and 20 routing rules. Two figures: `decide` alone (intents + knowledge base + the turn's
 * rules), and the pipeline the Conversation object runs per message: tags → decide → routing
 * (route + servicer choice) on a handoff. Target: at most 1 ms CPU per
 * message, median.
 *
 * Measured in Node: `decide` is synchronous and touches no I/O, so the wall time of one call is
 * its CPU time (workerd freezes its clocks while JavaScript runs, so it cannot time itself).
 */
import { NO_WINDOW, openWindow } from '../src/engine/budget';
import { EMPTY_CONTEXT } from '../src/engine/context';
import { compileEngines, decide, type ConversationSnapshot, type TurnMessage } from '../src/engine/decide';
import { ConfigSchema, type ConfigInput } from '../src/rules/config';
import { candidatesFor, chooseServicer, matchRoute } from '../src/rules/routing';
import { compileTagRules, evaluate } from '../src/rules/tags';
import { FAQ_HELDOUT, FAQ_KNOWLEDGE } from '../test/fixtures/faq-eval';
import { prng, summarise, syntheticKnowledge } from './synthetic';

const MESSAGES = 3000;
const TARGET_MS = 1;
const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

function document(): ConfigInput {
  // The labelled FAQ plus a synthetic catalogue: 5,000 entries in all.
  const kb = syntheticKnowledge(5000 - FAQ_KNOWLEDGE.length);
  const groups = Array.from({ length: 10 }, (_, g) => ({ id: `group_${g}`, name: `客服组${g}`, servicers: [`s${g}a`, `s${g}b`] }));
  return {
    knowledge: [...FAQ_KNOWLEDGE, ...kb.entries],
    intents: Array.from({ length: 20 }, (_, i) => ({
      name: `intent_${i}`,
      patterns: [`(退|换)货${i}号`, `订单.{0,6}问题${i}`],
      keywords: [`关键词${i}`],
      ...(i % 2 === 0 ? { answer: `意图 ${i} 的回答` } : {}),
    })),
    groups,
    routing: [
      ...Array.from({ length: 19 }, (_, i) => (i % 2 === 0 ? { when: { tag: `标签${i}` }, group: `group_${i % 10}` } : { when: { intent: `intent_${i}` }, group: `group_${i % 10}` })),
      { default: true as const, strategy: 'least_busy' as const },
    ],
    tag_rules: Array.from({ length: 1000 }, (_, i) =>
      i % 4 === 0
        ? { rule_name: `规则${i}`, trigger_type: 'message_regex' as const, pattern: `型号${i}[a-z]?`, action: 'add_tag' as const, tag_name: `标签${i % 50}` }
        : { rule_name: `规则${i}`, trigger_type: 'message_keyword' as const, keywords: [`词${i}`, `商品${i}`], action: 'add_tag' as const, tag_name: `标签${i % 50}` },
    ),
    fallback: { reply: '抱歉没听懂', escalate_after_seconds: 300 },
    handoff: { keywords: ['人工', '转人工'], after_misses: 3, message: '正在转人工' },
    templates: { en: { fallback: 'Sorry?' } },
  };
}

/** Customer messages as a shop sees them: catalogue questions, FAQ phrasings, chit-chat, handoffs, English. */
function traffic(): TurnMessage[][] {
  const random = prng(42);
  const catalogue = syntheticKnowledge(5000 - FAQ_KNOWLEDGE.length).messages.map((m) => m.text);
  const faq = FAQ_HELDOUT.map((h) => h.text);
  const other = ['转人工', '我要找人工客服', 'Where is my order? It has not arrived yet.', '关键词3 怎么办', '订单有点问题7', '好的', '？？'];
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: MESSAGES }, (_, i) => {
    const r = random();
    const text = r < 0.5 ? pick(catalogue) : r < 0.85 ? pick(faq) : pick(other);
    const message = { msgid: `b${i}`, text, sentAt: T0 + i };
    // One turn in ten is a burst of two messages answered together.
    return random() < 0.1 ? [message, { msgid: `b${i}x`, text: pick(faq), sentAt: T0 + i + 1 }] : [message];
  });
}

export default async function (): Promise<void> {
  const config = ConfigSchema.parse(document());
  let t = performance.now();
  const engines = compileEngines(config);
  const tagEngine = compileTagRules(config.tag_rules, config.channels);
  const compileMs = performance.now() - t;
  const turns = traffic();
  const snapshot: ConversationSnapshot = { state: 'bot', context: EMPTY_CONTEXT, misses: 0, budget: openWindow(NO_WINDOW, T0), language: 'zh' };
  const onDuty = new Set(config.groups.flatMap((g) => g.servicers));
  const decideOnly = (messages: TurnMessage[], i: number) =>
    decide({ snapshot: { ...snapshot, context: i % 3 === 0 ? { price: T0 + 600_000 } : EMPTY_CONTEXT }, config, engines, messages, now: T0 + i, hours: { isOpen: true } });
  const pipeline = (messages: TurnMessage[], i: number) => {
    const tags = messages.flatMap((m) => evaluate(tagEngine, { kind: 'message', text: m.text })).map((a) => a.tag);
    const d = decideOnly(messages, i);
    if (d.handoff) {
      const route = matchRoute(config.routing, { tags, intent: d.handoff.intent ?? null });
      chooseServicer({ candidates: candidatesFor(config.groups, route.group), loads: {}, onDuty, maxConcurrent: 5, strategy: route.strategy });
    }
    return d;
  };

  const rows: Record<string, string | number>[] = [];
  const outcomes = { answered: 0, handoff: 0, fallback: 0 };
  for (const [name, run] of [['decide (intents + knowledge + rules)', decideOnly], ['tags → decide → routing', pipeline]] as const) {
    for (const [i, turn] of turns.slice(0, 300).entries()) run(turn, i); // JIT warm-up
    const samples: number[] = [];
    for (const [i, turn] of turns.entries()) {
      t = performance.now();
      const d = run(turn, i);
      samples.push(performance.now() - t);
      if (run !== decideOnly) continue;
      if (d.handoff) outcomes.handoff++;
      else if (d.answered) outcomes.answered++;
      else outcomes.fallback++;
    }
    const s = summarise(samples);
    rows.push({ 'per message': name, 'median (ms)': s.median.toFixed(3), 'p95 (ms)': s.p95.toFixed(3), 'mean (ms)': s.mean.toFixed(3), 'median / 1 ms target': (s.median / TARGET_MS).toFixed(2) });
    if (s.median > TARGET_MS) throw new Error(`${name}: median ${s.median.toFixed(3)} ms is over the ${TARGET_MS} ms target`);
  }
  console.log(
    `decide: 5,000 knowledge entries, 20 intents, 1,000 tag rules, 20 routing rules; ${MESSAGES} turns ` +
      `(${outcomes.answered} answered, ${outcomes.fallback} fallback, ${outcomes.handoff} handoff); ` +
      `compiling the engines once per config version: ${compileMs.toFixed(0)} ms`,
  );
  console.table(rows);
}

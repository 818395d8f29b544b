/**
 * The adaptive merge window (src/engine/merge-window.ts): its CPU per customer message, which the
 * Conversation pays on every ingest and alarm (target: at most 0.05 ms median, negligible beside
 * the 1 ms of `decide`), and what it means for the wait: how the held-out FAQ phrasings (real
 * customer questions) and a set of openings split between "answer now", "half the window" and
 * "the whole window", and the mean wait with the default 1.5 s window against the fixed one.
 *
 * Measured in Node: the policy is synchronous and touches no I/O, so wall time is CPU time.
 */
import { answerDueAt, readMessage, type Completeness, type PendingMessage } from '../src/engine/merge-window';
import { FAQ_HELDOUT } from '../test/fixtures/faq-eval';
import { summarise } from './synthetic';

const TARGET_MS = 0.05;
const WINDOW_MS = 1500;
/** How customers open before they ask: these should wait. */
const OPENINGS = ['你好', '在吗', '亲，在不在', '我想问一下', '我的订单号是：', '123456789012', '我买的那个锅，', '昨天下单了然后', 'hello', '请问'];

export default async function (): Promise<void> {
  const questions = FAQ_HELDOUT.map((h) => h.text);
  const texts = [...questions, ...OPENINGS];
  // Each sample is a burst as the Conversation sees it: an opening, then the message being read.
  const bursts: PendingMessage[][] = texts.map((text, i) => [
    { msgtype: 'text', text: OPENINGS[i % OPENINGS.length]!, at: 0 },
    { msgtype: 'text', text, at: 200 },
  ]);
  const settings = { windowMs: WINDOW_MS, adaptive: true };
  for (let round = 0; round < 3; round++) for (const burst of bursts) answerDueAt(burst, settings); // JIT warm-up
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const burst of bursts) {
      const t = performance.now();
      answerDueAt(burst, settings);
      samples.push(performance.now() - t);
    }
  }
  const s = summarise(samples);

  const split = (list: string[]) => {
    const counts: Record<Completeness, number> = { complete: 0, statement: 0, fragment: 0 };
    for (const text of list) counts[readMessage({ msgtype: 'text', text }).completeness]++;
    const meanWait = (counts.statement * WINDOW_MS) / 2 / list.length + (counts.fragment * WINDOW_MS) / list.length;
    return { messages: list.length, 'answered at once': counts.complete, 'half window': counts.statement, 'whole window': counts.fragment, 'mean wait (ms)': Math.round(meanWait), 'fixed window (ms)': WINDOW_MS };
  };
  console.log(`merge window: ${samples.length} bursts read; median ${(s.median * 1000).toFixed(1)} µs, p95 ${(s.p95 * 1000).toFixed(1)} µs per burst (target ${TARGET_MS * 1000} µs)`);
  console.table({ 'held-out FAQ questions': split(questions), 'openings': split(OPENINGS) });
  if (s.median > TARGET_MS) throw new Error(`merge window: median ${s.median.toFixed(4)} ms is over the ${TARGET_MS} ms target`);
}

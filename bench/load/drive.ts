import type { Simulator } from '../../src/simulator';
import type { SimCallback } from '../../src/simulator/types';
import { BARE_KF, BARE_SERVICER, LOAD_KF } from './system';
import type { Ledger } from './ledger';

/** Questions the demo config answers with one message each (knowledge entries and intents with answers). */
const QUESTIONS = ['多少钱', '尺码怎么选', '营业时间', '发票怎么开', '什么时候发货', '有什么优惠活动'];

async function simAction(sim: Simulator, path: string, body: unknown): Promise<SimCallback[]> {
  const response = await sim.handle(new Request(`http://sim.local${path}`, { method: 'POST', body: JSON.stringify(body) }));
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { callbacks: SimCallback[] }).callbacks;
}

/** POSTs a callback as WeCom would; answers its latency (ms), throwing on anything but 200 "success". */
async function post(url: URL, callback: SimCallback): Promise<number> {
  const started = performance.now();
  const response = await fetch(new URL(callback.path_and_query, url), { method: 'POST', body: callback.body, headers: { 'content-type': 'text/xml' } });
  const text = await response.text();
  if (response.status !== 200 || text !== 'success') throw new Error(`callback answered ${response.status} ${text.slice(0, 200)}`);
  return performance.now() - started;
}

export interface Driver {
  sim: Simulator;
  url: URL;
  ledger: Ledger;
  timeoutMs: number;
}

/** One customer message: the simulator writes it, the harness posts its callback, then waits for the answer (or the timeout). */
export async function say(d: Driver, customer: string, n: number): Promise<void> {
  const [callback] = await simAction(d.sim, '/_sim/customer/say', { open_kfid: LOAD_KF, external_userid: customer, text: QUESTIONS[n % QUESTIONS.length] });
  const { sent, answered } = d.ledger.send(customer);
  sent.callbackMs = await post(d.url, callback!);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([answered, new Promise<void>((r) => (timer = setTimeout(r, d.timeoutMs)))]);
  clearTimeout(timer);
  if (!d.ledger.idle(customer)) d.ledger.giveUp(customer);
}

export const customerName = (prefix: string, i: number) => `wmLoad${prefix}${String(i).padStart(6, '0')}`;

/** Closed loop: every customer sends its next message only after the previous one was answered. */
export async function closedLoop(d: Driver, prefix: string, customers: number, messages: number, firstMessage = 0): Promise<void> {
  await Promise.all(
    Array.from({ length: customers }, async (_, i) => {
      // Spread the starts over a second instead of one thundering instant.
      await new Promise((r) => setTimeout(r, (i / customers) * 1000));
      for (let m = firstMessage; m < firstMessage + messages; m++) await say(d, customerName(prefix, i), m);
    }),
  );
}

/**
 * Open loop: a message every 1/rate seconds for `ms`, whatever the answers do, from the first
 * customer not waiting for an answer (a new one when all wait). Resolves when every message is
 * answered or timed out.
 */
export async function openLoop(d: Driver, prefix: string, rate: number, ms: number, onTick?: () => void): Promise<void> {
  const pending: Promise<void>[] = [];
  const pool: string[] = [];
  const started = performance.now();
  for (let k = 0; ; k++) {
    const due = started + (k * 1000) / rate;
    if (due - started >= ms) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    onTick?.();
    let customer = pool.find((c) => d.ledger.idle(c));
    if (!customer) pool.push((customer = customerName(prefix, pool.length)));
    pending.push(say(d, customer, k));
  }
  await Promise.all(pending);
}

/**
 * Callbacks whose Token leads to no new message, for the bare figure: servicer status changes on
 * an account of their own, generated up front; one is posted and its pull drained first, so every
 * later pull finds nothing new. Measured as bench/callback.bench.ts does: 16 clients, closed loop.
 */
export async function bareCallbacks(sim: Simulator, url: URL, count: number, drained: () => Promise<void>): Promise<{ measure: (ms: number) => Promise<number> }> {
  const callbacks: SimCallback[] = [];
  for (let i = 0; callbacks.length < count; i++) callbacks.push(...(await simAction(sim, '/_sim/servicer/status', { servicer_userid: BARE_SERVICER, status: i % 2 === 0 ? 2 : 1, open_kfid: BARE_KF })));
  await post(url, callbacks.at(-1)!);
  await drained();
  let next = 0;
  return {
    async measure(ms: number): Promise<number> {
      const end = performance.now() + ms;
      let served = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (performance.now() < end) {
            if (next >= callbacks.length - 1) throw new Error('ran out of bare callbacks: generate more');
            await post(url, callbacks[next++]!);
            served += 1;
          }
        }),
      );
      return served / ((performance.now() - started) / 1000);
    },
  };
}

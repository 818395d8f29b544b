import type { Simulator } from '../../src/simulator';
import type { SimCallback } from '../../src/simulator/types';
import { createWecomCrypto } from '../../src/wecom/crypto';
import { buildCallback } from '../../src/simulator/callback';
import { CALLBACK_PATH } from '../../src/simulator/defaults';
import { BARE_KF, BARE_SERVICER, IDENTITY, LOAD_KF } from './system';
import type { Ledger } from './ledger';

/** Questions the demo config answers with one message each (knowledge entries and intents with answers). */
const QUESTIONS = ['多少钱', '尺码怎么选', '营业时间', '发票怎么开', '什么时候发货', '有什么优惠活动'];

async function simAction(sim: Simulator, path: string, body: unknown): Promise<SimCallback[]> {
  const response = await sim.handle(new Request(`http://sim.local${path}`, { method: 'POST', body: JSON.stringify(body) }));
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { callbacks: SimCallback[] }).callbacks;
}

/** POSTs a callback as WeCom would; answers its latency (ms), throwing on anything but 200 "success". */
export async function postCallback(url: URL, callback: SimCallback): Promise<number> {
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
  sent.callbackMs = await postCallback(d.url, callback!);
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
export async function openLoop(d: Driver, prefix: string, rate: number, ms: number): Promise<void> {
  const pending: Promise<void>[] = [];
  const pool: string[] = [];
  // Marked at once: the ledger learns of a message only after the simulator wrote it, and a
  // customer picked twice meanwhile would have two messages answered as one burst.
  const busy = new Set<string>();
  const started = performance.now();
  for (let k = 0; ; k++) {
    const due = started + (k * 1000) / rate;
    if (due - started >= ms) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    let customer = pool.find((c) => !busy.has(c));
    if (!customer) pool.push((customer = customerName(prefix, pool.length)));
    const chosen = customer;
    busy.add(chosen);
    pending.push(say(d, chosen, k).finally(() => busy.delete(chosen)));
  }
  await Promise.all(pending);
}

/**
 * Callbacks whose Token leads to no new message, for the bare figure, on an account of their own:
 * one servicer status change gives a fresh Token; its callback is posted and its pull drained;
 * then every callback `next()` builds carries that Token again, signed anew (a Token is valid 10
 * minutes and may be used again), so each is a callback never served before whose pull finds nothing new.
 */
export async function bareCallbacks(sim: Simulator, url: URL, drained: () => Promise<void>): Promise<() => SimCallback> {
  const [fresh] = await simAction(sim, '/_sim/servicer/status', { servicer_userid: BARE_SERVICER, status: 1, open_kfid: BARE_KF });
  const wait = drained();
  await postCallback(url, fresh!);
  await wait;
  // The page it read is handed on after sync_msg answers: let that finish too.
  await new Promise((r) => setTimeout(r, 500));
  const crypto = createWecomCrypto({ token: IDENTITY.token, encodingAesKey: IDENTITY.encodingAesKey, receiveId: IDENTITY.corpId });
  return () => buildCallback(crypto, { corpId: IDENTITY.corpId, path: CALLBACK_PATH, token: fresh!.token, openKfid: BARE_KF, createTime: Math.floor(Date.now() / 1000), timestamp: Math.floor(Date.now() / 1000) });
}

/** Bare callbacks per second, measured as bench/callback.bench.ts does: 16 clients, closed loop. */
export async function measureBare(url: URL, ms: number, next: () => SimCallback): Promise<number> {
  const end = performance.now() + ms;
  let served = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        await postCallback(url, next());
        served += 1;
      }
    }),
  );
  return served / ((performance.now() - started) / 1000);
}

/**
 * Probes beside the load, one of each every `everyMs`: `GET /healthz` (the Worker alone, no
 * Durable Object) and a bare callback (the Worker and the bare account's own Inbox, which the
 * customers' pulls never touch). If they wait as long as the customers' callbacks, the wait is the
 * runtime's (one thread for the Worker and every object), not the customers' Inbox.
 */
export function probe(url: URL, next: () => SimCallback, everyMs: number): { stop(): Promise<{ healthz: number[]; bare: number[] }> } {
  const healthz: number[] = [];
  const bare: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const timer = setInterval(() => {
    track(
      (async () => {
        const started = performance.now();
        const response = await fetch(new URL('/healthz', url));
        await response.arrayBuffer();
        healthz.push(performance.now() - started);
      })(),
    );
    track(postCallback(url, next()).then((ms) => void bare.push(ms)));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { healthz, bare };
    },
  };
}

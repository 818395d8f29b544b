import { env, listDurableObjectIds, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import type { Conversation } from '../../../src/objects/conversation';
import type { SerialRunner } from '../../../src/runtime/serial-runner';
import type { Action, SentMessage, SimCallback } from '../../../src/simulator';
import { TEST_CLOCK } from './clock';
import { sim } from './sim';

/**
 * Driving the system like time passing, without sleeping: deliver WeCom's callbacks to the real
 * Worker, then run the pulls and the alarms that are due until nothing is left to do.
 */

/** POSTs WeCom's callback(s) to the Worker (SELF) and insists on 200 `success`. */
export async function deliver(what: SimCallback | Action): Promise<void> {
  const callbacks = 'callbacks' in what ? what.callbacks : [what];
  for (const cb of callbacks) {
    const r = await SELF.fetch(`http://edge.test${cb.path_and_query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: cb.body });
    const text = await r.text();
    if (r.status !== 200 || text.trim() !== 'success') throw new Error(`the callback for ${cb.open_kfid} answered ${r.status} ${JSON.stringify(text.slice(0, 200))}, not 200 "success"`);
  }
}

/**
 * When the object's alarm is set for (ms), or null: the time it stands for, not the later one
 * the test clock holds workerd's alarm back to (support/clock.ts).
 */
export async function alarmAt(stub: DurableObjectStub): Promise<number | null> {
  const held = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
  return held === null ? null : held - TEST_CLOCK.holdAlarmsMs;
}

/**
 * The object's alarm if it is due within `ms` (default an hour), else null: "nothing left to do
 * soon". A conversation keeps one far alarm for its session's 48-hour expiry.
 */
export async function alarmWithin(stub: DurableObjectStub, ms = 3_600_000): Promise<number | null> {
  const at = await alarmAt(stub);
  return at !== null && at <= Date.now() + ms ? at : null;
}

/** Runs the object's alarm now, however far ahead it is set (time jumps to it); false if none. */
export function fireAlarm(stub: DurableObjectStub): Promise<boolean> {
  return runDurableObjectAlarm(stub);
}

export interface SettleOptions {
  /** Alarms due within this many ms from now count as due (merge windows, first retries). */
  slackMs?: number;
  maxPasses?: number;
}

/**
 * Drives the system until idle: every Inbox pulls (pullNow resolves when its loop is idle), then
 * every Inbox, Conversation and Reception alarm due within `slackMs` runs; repeated until a whole
 * pass runs no alarm. Alarms further ahead (the 300 s escalation, long backoffs) are left alone:
 * use fireAlarm for those. Answers how many alarms ran.
 */
export async function settle({ slackMs = 5_000, maxPasses = 50 }: SettleOptions = {}): Promise<number> {
  let total = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    for (const id of await listDurableObjectIds(env.INBOX)) await env.INBOX.get(id).pullNow();
    const ran = (await runDue(env.INBOX, slackMs)) + (await runDue(env.CONVERSATION, slackMs)) + (await runDue(env.RECEPTION, slackMs)) + (await finishRuns());
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error(`settle: alarms were still due after ${maxPasses} passes (a loop re-arming itself?)`);
}

/** Runs the alarms of a namespace's objects that are due within `slackMs`; answers how many ran. */
async function runDue<T extends Rpc.DurableObjectBranded | undefined>(ns: DurableObjectNamespace<T>, slackMs: number): Promise<number> {
  let ran = 0;
  for (const id of await listDurableObjectIds(ns)) {
    const stub = ns.get(id);
    const at = await alarmAt(stub);
    if (at !== null && at <= Date.now() + slackMs && (await runDurableObjectAlarm(stub))) ran += 1;
  }
  return ran;
}

/**
 * Waits for the Conversation runs already under way: an alarm due at once (a complete question)
 * fires by itself, and its turn may still await D1, WeCom or a model when settle looks. Joining
 * the run makes the object run its (idempotent) work once more. Answers how many it waited for.
 */
async function finishRuns(): Promise<number> {
  let waited = 0;
  for (const id of await listDurableObjectIds(env.CONVERSATION)) {
    waited += await runInDurableObject(env.CONVERSATION.get(id), async (instance: Conversation) => {
      const runner = (instance as unknown as { runner: SerialRunner<void> }).runner;
      if (!runner.busy) return 0;
      await runner.run();
      return 1;
    });
  }
  return waited;
}

/** Delivers an action's callbacks, settles, and answers what customers received meanwhile. */
export async function deliverAndSettle(action: Action, options?: SettleOptions): Promise<SentMessage[]> {
  const before = (await sim.sent()).at(-1)?.seq ?? 0;
  await deliver(action);
  await settle(options);
  return sim.sent({ since: before });
}

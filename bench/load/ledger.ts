import type { CallRecord } from '../../src/simulator/types';

/**
 * Every customer message the harness sent and what the simulator's outbound log says came of it.
 * A customer has at most one message waiting: it writes again only after the answer (closed loop)
 * or is skipped by the open loop while it waits. So the first send_msg (or a transfer to people)
 * for that customer after the message answers it; a send_msg with nothing waiting is a second
 * answer to the last message (doubled), or the late answer of one given up on.
 */
export interface Sent {
  customer: string;
  /** performance.now() just before the callback POST. */
  at: number;
  callbackMs?: number;
  answeredAt?: number;
  answers: number;
  handedOver: boolean;
}

interface CustomerState {
  waiting: Sent | null;
  last: Sent | null;
  resolve: (() => void) | null;
}

export class Ledger {
  readonly messages: Sent[] = [];
  private readonly customers = new Map<string, CustomerState>();

  private state(customer: string): CustomerState {
    let s = this.customers.get(customer);
    if (!s) this.customers.set(customer, (s = { waiting: null, last: null, resolve: null }));
    return s;
  }

  idle(customer: string): boolean {
    return this.state(customer).waiting === null;
  }

  /** Records a message about to be posted; resolves when it is answered or after `timeoutMs`. */
  send(customer: string): { sent: Sent; answered: Promise<void> } {
    const s = this.state(customer);
    const sent: Sent = { customer, at: performance.now(), answers: 0, handedOver: false };
    this.messages.push(sent);
    s.waiting = sent;
    s.last = sent;
    const answered = new Promise<void>((resolve) => (s.resolve = resolve));
    return { sent, answered };
  }

  /** The customer stops waiting (timed out); a later answer still counts, as late. */
  giveUp(customer: string): void {
    const s = this.state(customer);
    s.waiting = null;
    s.resolve?.();
    s.resolve = null;
  }

  /** The simulator's hook: every kf API call once answered. */
  onCall(call: CallRecord): void {
    const ok = call.status === 200 && (call.answer as { errcode?: number } | undefined)?.errcode === 0;
    if (!ok) return;
    const body = (call.body ?? {}) as { touser?: string; external_userid?: string };
    const isSend = call.path === '/cgi-bin/kf/send_msg';
    const isTransfer = call.path === '/cgi-bin/kf/service_state/trans';
    const customer = isSend ? body.touser : isTransfer ? body.external_userid : undefined;
    if (!customer) return;
    const s = this.customers.get(customer);
    if (!s) return;
    const now = performance.now();
    const target = s.waiting ?? s.last;
    if (!target) return;
    // A transfer after the handoff notice belongs to the same turn: only one with nothing said before answers.
    if (isTransfer) {
      if (s.waiting) target.handedOver = true;
      else return;
    }
    target.answers += 1;
    target.answeredAt ??= now;
    if (s.waiting) {
      s.waiting = null;
      s.resolve?.();
      s.resolve = null;
    }
  }
}

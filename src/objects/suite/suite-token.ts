import { WecomApiError, type WecomApiFailure } from '../../wecom/errors';
import { getSuiteToken, SUITE_TICKET_INVALID, SUITE_TOKEN_REFUSED, type SuiteCall } from '../../wecom/suite-api';
import type { SuiteSettings } from '../../wecom/suite-settings';
import type { TokenResult } from '../access-token';
import type { KeyValueStore } from './store';
import type { TokenSlots } from './token-slots';

/**
 * The suite_ticket WeCom pushes every 10 minutes (valid 30 minutes, the newest one counts:
 * https://developer.work.weixin.qq.com/document/path/90628) and the suite_access_token made from it
 * (https://developer.work.weixin.qq.com/document/path/97162), single-flight through TokenSlots.
 */

export const TICKET_VALID_MS = 30 * 60_000;
const TICKET = 'suite-ticket';
const SUITE_TOKEN = 'suite-token';

interface StoredTicket {
  ticket: string;
  /** The instruction's TimeStamp (s): an older push arriving late never replaces a newer ticket. */
  timestamp: number;
  receivedAt: number;
}

export interface TicketView {
  received_at: number;
  fresh: boolean;
}

export class SuiteToken {
  constructor(
    private readonly store: KeyValueStore,
    private readonly slots: TokenSlots,
    private readonly settings: SuiteSettings,
    private readonly call: SuiteCall,
    private readonly now: () => number,
  ) {}

  /** Keeps `ticket` unless a newer one is stored already; true when it was kept. */
  async takeTicket(ticket: string, timestamp: number): Promise<boolean> {
    const stored = await this.store.get<StoredTicket>(TICKET);
    if (stored && stored.timestamp > timestamp) return false;
    await this.store.put<StoredTicket>(TICKET, { ticket, timestamp, receivedAt: this.now() });
    return true;
  }

  async ticketView(): Promise<TicketView | null> {
    const stored = await this.store.get<StoredTicket>(TICKET);
    return stored ? { received_at: stored.receivedAt, fresh: this.now() - stored.receivedAt < TICKET_VALID_MS } : null;
  }

  token(): Promise<TokenResult> {
    return this.slots.get(SUITE_TOKEN, () => this.fetch());
  }

  /**
   * Runs `use` with the suite token; a 42009 (expired) or 40082 (invalid) answer replaces the token
   * once and runs it again. Throws WecomApiError.
   */
  with<T>(use: (token: string) => Promise<T>): Promise<T> {
    return this.slots.with(SUITE_TOKEN, () => this.fetch(), SUITE_TOKEN_REFUSED, use);
  }

  private async fetch(): Promise<{ token: string; expiresIn: number }> {
    const stored = await this.store.get<StoredTicket>(TICKET);
    // Without a ticket WeCom answers 40085; saying so here names the fix and spares the call.
    if (!stored || this.now() - stored.receivedAt >= TICKET_VALID_MS) {
      throw new WecomApiError(SUITE_TICKET_INVALID, 'no suite_ticket received in the last 30 minutes: check the suite callback URL (WeCom pushes one every 10 minutes, or on 刷新Ticket)', '/cgi-bin/service/get_suite_token', true, 'errcode');
    }
    const answer = await getSuiteToken(this.call, { suite_id: this.settings.suiteId, suite_secret: this.settings.suiteSecret, suite_ticket: stored.ticket });
    return { token: answer.suite_access_token, expiresIn: answer.expires_in };
  }
}

/** The plain fields of a WecomApiError (Durable Object RPC loses classes); anything else is rethrown. */
export function failureOf(e: unknown): WecomApiFailure {
  if (e instanceof WecomApiError) return e.toJSON();
  throw e;
}

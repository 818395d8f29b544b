import { env } from 'cloudflare:test';
import { forgetAccessTokens } from '../../../src/wecom/api';
import type {
  AccountView,
  Action,
  CallsAnswer,
  ClickRequest,
  CorpRequest,
  CorpView,
  EndRequest,
  EnterAction,
  EnterRequest,
  FaultRequest,
  InCorp,
  ReplyRequest,
  ResetRequest,
  SayRequest,
  SendFailRequest,
  SentMessage,
  StateAnswer,
  StatusRequest,
  SyncItem,
  TakeRequest,
} from '../../../src/simulator';

/**
 * Typed client of the WeCom simulator's control API (src/simulator/control.ts documents it;
 * `corp` names a suite corp's world, the own corp's without it). The
 * test's fetch to http://wecom.test reaches this file's simulator (each test file's runtime has
 * one of its own, in Node) through vitest's `miniflare.outboundService`, like every WeCom API call
 * the Worker makes.
 */

const BASE = 'http://wecom.test/_sim/';

async function control<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const r = await fetch(BASE + path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`simulator ${method} /_sim/${path} answered ${r.status}: ${text}`);
  return JSON.parse(text) as T;
}

const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const sim = {
  reset: (body: ResetRequest = {}) => control<{ ok: true }>('POST', 'reset', body),

  /** The customer opens the chat (enter_session; a welcome_code when the platform gives one). */
  enter: (body: EnterRequest & InCorp) => control<EnterAction>('POST', 'customer/enter', body),
  /** The customer writes `text`, or `texts` in a burst behind one callback. */
  say: (body: SayRequest & InCorp) => control<Action>('POST', 'customer/say', body),
  /** The customer clicks an item of the last msgmenu they received. */
  click: (body: ClickRequest & InCorp) => control<Action>('POST', 'customer/click', body),

  take: (body: TakeRequest & InCorp) => control<Action>('POST', 'servicer/take', body),
  /** The servicer holding the session hands it to `servicer_userid` (change_type 2). */
  transfer: (body: TakeRequest & InCorp) => control<Action>('POST', 'servicer/transfer', body),
  reply: (body: ReplyRequest & InCorp) => control<Action>('POST', 'servicer/reply', body),
  end: (body: EndRequest & InCorp) => control<Action>('POST', 'servicer/end', body),
  /** status 1 接待中, 2 停止接待. */
  status: (body: StatusRequest & InCorp) => control<Action>('POST', 'servicer/status', body),
  /** WeCom reports a delivered message as not delivered after all (msg_send_fail). */
  sendFail: (body: SendFailRequest & InCorp) => control<Action>('POST', 'platform/send_fail', body),

  /** The next `count` (default 1) calls to `path` fail as described. */
  fault: (body: FaultRequest) => control<{ faults: unknown[] }>('POST', 'faults', body),
  clearFaults: () => control<{ faults: [] }>('DELETE', 'faults'),
  /** Lets hung calls finish. */
  release: () => control<{ released: number }>('POST', 'faults/release', {}),
  /** Moves the simulator's clock (platform rules only; the Worker's clock is workerd's). */
  advance: (seconds: number) => control<{ now: number }>('POST', 'clock/advance', { seconds }),
  /** The current access token answers 42001 from now on (40014 with invalid). */
  expireToken: (invalid = false) => control<{ ok: true }>('POST', 'token/expire', { invalid }),

  /** Messages delivered to customers, oldest first; `since` is a seq (exclusive). */
  sent: async (filter: { open_kfid?: string; external_userid?: string; since?: number } & InCorp = {}) => (await control<{ items: SentMessage[] }>('GET', `sent${query(filter)}`)).items,
  /** kf API calls with their bodies and answers, and the highest concurrency seen per path. */
  calls: (filter: { path?: string; since?: number } = {}) => control<CallsAnswer>('GET', `calls${query(filter)}`),
  state: () => control<StateAnswer>('GET', 'state'),
  /** The corp's switches (verified, the kf API switch) and address book (members, departments). */
  corp: (body: CorpRequest) => control<CorpView>('POST', 'corp', body),
  /** Every kf account as the platform holds it: name, avatar, servicers, departments. */
  kfAccounts: async () => (await control<{ accounts: AccountView[] }>('GET', 'kf/accounts')).accounts,
  /** What kf/sync_msg serves (all accounts, or one). */
  log: async (open_kfid?: string, corp?: string) => (await control<{ items: SyncItem[] }>('GET', `log${query({ open_kfid, corp })}`)).items,
};

/** A fresh simulator speaking the test env's identity (corp id, Token, EncodingAESKey, secret). */
export function resetSim(overrides: ResetRequest = {}) {
  // The fresh simulator knows none of the old tokens: the Worker's isolate must not reuse one.
  forgetAccessTokens();
  return sim.reset({
    corpId: env.WECOM_CORP_ID,
    token: env.WECOM_TOKEN,
    encodingAesKey: env.WECOM_ENCODING_AES_KEY,
    kfSecret: env.WECOM_KF_SECRET,
    callbackUrl: null,
    ...overrides,
  });
}

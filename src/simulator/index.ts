import { createWecomCrypto, type WecomCrypto } from '../wecom/crypto';
import { answerApi } from './api';
import { buildCallback, postCallback, type DeliveryOptions } from './callback';
import { createClock } from './clock';
import { answerControl, type Action, type ControlContext } from './control';
import { CALLBACK_PATH } from './defaults';
import { ControlError } from './errcodes';
import { Faults, type Fault } from './faults';
import { readMultipart } from './media';
import { answerServiceApi, isServiceApi } from './suite/api';
import { answerSuiteControl } from './suite/control';
import { answerInstallPage } from './suite/install-page';
import { corpKfEvent } from './suite/instructions';
import type { SuiteProvider } from './suite/provider';
import type { CallRecord, DeliveryRecord, SimCallback, SyncItem } from './types';
import { answerWebLogin } from './web-login';
import { World } from './world';
import type { SimIdentity, WorldOptions } from './world-options';

/**
 * A faithful WeCom 微信客服 simulator: the kf API under /cgi-bin with the platform's rules and
 * errcodes, actors (customer, servicer) that write messages and produce the encrypted callbacks
 * WeCom would POST, fault injection and a simulated clock, all behind `handle(request)`.
 *
 * Used as vitest's `miniflare.outboundService` (every fetch of the Worker and the tests to
 * http://wecom.test lands here, in Node) and behind node:http for `npm start` (./http.ts).
 * The control API is documented in ./control.ts, the errcodes in ./errcodes.ts.
 */

export interface SimulatorOptions {
  identity?: Partial<SimIdentity>;
  accounts?: WorldOptions['accounts'];
  servicers?: WorldOptions['servicers'];
  syncConcurrencyLimit?: number;
  /** The base clock (ms); the simulator's clock is this plus what `/_sim/clock/advance` added. */
  now?: () => number;
  /** Server mode callback delivery (timeout, retries). */
  delivery?: DeliveryOptions;
  /** Told about every kf API call once answered (npm start prints them). */
  onCall?: (call: CallRecord) => void;
}

export interface Simulator {
  handle(request: Request): Promise<Response>;
  /** The identity in force (after the last reset). */
  identity(): SimIdentity;
  /** Lets hung calls finish, so a server can shut down. */
  releaseAll(): number;
}

/** A complete stand-in identity; tests and `npm start` pass their own. */
export const DEFAULT_IDENTITY: SimIdentity = {
  corpId: 'wwsimulatorcorp0001',
  token: 'simtoken',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  kfSecret: 'sim-kf-secret',
};

const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

async function readBody(request: Request): Promise<unknown> {
  if (/^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')) return readMultipart(request).catch(() => undefined);
  const raw = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const clock = createClock(options.now);
  const faults = new Faults();
  /** The own corp's world (the identity's corpId). */
  let world!: World;
  /** Each authorized corp of the suite has a world of its own: its kf accounts, customers, sessions and log. */
  let corpWorlds = new Map<string, World>();
  let crypto!: WecomCrypto;
  let calls: CallRecord[] = [];
  let deliveries: DeliveryRecord[] = [];
  let inflight = new Map<string, number>();
  let maxConcurrent = new Map<string, number>();
  /** The 服务商 suite, once set up (POST /_sim/suite/setup); a reset forgets it. */
  let suite: SuiteProvider | null = null;
  const initialSeeds = definedOnly({ accounts: options.accounts, servicers: options.servicers, syncConcurrencyLimit: options.syncConcurrencyLimit });

  /** A fresh world as created, with these overrides: nothing of an earlier test leaks into the next. */
  function reset(identity: Partial<SimIdentity>, seeds: Omit<WorldOptions, 'identity'>) {
    const merged: SimIdentity = { ...DEFAULT_IDENTITY, ...options.identity, ...identity };
    world = new World({ identity: merged, ...initialSeeds, ...seeds }, clock);
    crypto = createWecomCrypto({ token: merged.token, encodingAesKey: merged.encodingAesKey, receiveId: merged.corpId });
    faults.clear();
    faults.releaseAll();
    clock.rewind();
    calls = [];
    deliveries = [];
    inflight = new Map();
    maxConcurrent = new Map();
    suite = null;
    corpWorlds = new Map();
  }
  reset({}, {});

  /**
   * The world of a corp: the own corp's for no corp or its id; a suite corp's, created on first
   * use, for another (404 unless the set-up suite has that corp). As on WeCom, a corp's token
   * reaches its own kf accounts only, and two corps may have accounts with the same open_kfid.
   */
  function worldOf(corp: string | undefined): World {
    if (corp === undefined || corp === world.identity.corpId) return world;
    if (!suite?.setup.corps.some((c) => c.corp_id === corp)) throw new ControlError(404, `no corp ${corp} in the simulated suite: POST /_sim/suite/setup with it first`);
    let w = corpWorlds.get(corp);
    if (!w) corpWorlds.set(corp, (w = new World({ identity: { ...world.identity, corpId: corp } }, clock)));
    return w;
  }

  /** The callbacks for log entries just written in `w`: the own corp's with its key, another corp's as the suite's data URL gets them. */
  function announce(items: SyncItem[], w: World): Action {
    const kfs = [...new Set(items.map((i) => i.open_kfid))];
    const { corpId } = w.identity;
    const { callbackUrl } = world.identity;
    const path = callbackUrl ? new URL(callbackUrl).pathname : CALLBACK_PATH;
    const callbacks: SimCallback[] = kfs.map((openKfid) => {
      const event = { corpId, token: w.messages.newSyncToken(openKfid), openKfid, createTime: clock.nowSeconds(), timestamp: Math.floor(Date.now() / 1000) };
      return w === world ? buildCallback(crypto, { ...event, path }) : corpKfEvent(suite!.setup, event);
    });
    if (callbackUrl) {
      const target = world;
      for (const cb of callbacks) {
        void postCallback(callbackUrl, cb, options.delivery).then((d) => {
          if (world === target) deliveries.push(d);
        });
      }
    }
    return { items, callback: callbacks[0] as SimCallback, callbacks };
  }

  const control: ControlContext = {
    world: worldOf,
    announce,
    reset,
    faults,
    advance(seconds) {
      clock.advance(seconds);
      return clock.now();
    },
    calls: () => calls,
    maxConcurrent: () => Object.fromEntries(maxConcurrent),
    deliveries: () => deliveries,
    now: () => clock.now(),
  };

  const suiteControl = {
    provider: () => suite,
    setProvider(p: SuiteProvider) {
      // A fresh provider: its corps start with fresh worlds.
      suite = p;
      corpWorlds = new Map();
    },
    clock,
    syncToken: (corpId: string, openKfid: string) => worldOf(corpId).messages.newSyncToken(openKfid),
  };

  async function handleApi(request: Request, url: URL): Promise<Response> {
    const path = url.pathname;
    const body = await readBody(request);
    const record: CallRecord = {
      seq: calls.length + 1,
      at: clock.now(),
      method: request.method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      answer: undefined,
    };
    const corp = suite?.isCorpToken(record.query.access_token);
    if (corp) record.corp = corp;
    calls.push(record);
    const now = (inflight.get(path) ?? 0) + 1;
    inflight.set(path, now);
    maxConcurrent.set(path, Math.max(maxConcurrent.get(path) ?? 0, now));
    const fault = faults.take(path);
    if (fault) record.fault = fault.kind;
    try {
      const { status, answer } = await respond(path, fault, now, () =>
        isServiceApi(path)
          ? answerServiceApi(suite, path, record.query, body)
          : answerApi(worldOf(corp ?? undefined), { method: request.method, path, query: record.query, body, emptyPage: fault?.kind === 'empty_page' }, suite),
      );
      record.status = status;
      record.answer = answer;
      options.onCall?.(record);
      return typeof answer === 'string' ? new Response(answer, { status }) : json(status, answer);
    } finally {
      inflight.set(path, (inflight.get(path) ?? 1) - 1);
    }
  }

  /** Applies the fault (if any) around the real answer. */
  async function respond(path: string, fault: Fault | undefined, concurrent: number, real: () => { status: number; json: unknown }): Promise<{ status: number; answer: unknown }> {
    const answer = () => {
      // 45033: the platform limits concurrent sync_msg calls (https://developer.work.weixin.qq.com/document/path/94670).
      if (path === '/cgi-bin/kf/sync_msg' && concurrent > world.syncConcurrencyLimit) {
        return { status: 200, answer: { errcode: 45033, errmsg: `api concurrent out of limit: more than ${world.syncConcurrencyLimit} concurrent kf/sync_msg calls` } };
      }
      const r = real();
      return { status: r.status, answer: r.json };
    };
    switch (fault?.kind) {
      case 'http':
        return { status: fault.status, answer: `simulated HTTP ${fault.status}` };
      case 'errcode':
        return { status: 200, answer: { errcode: fault.errcode, errmsg: fault.errmsg } };
      case 'delay':
        await new Promise((r) => setTimeout(r, fault.ms));
        return answer();
      case 'hang':
        if (fault.phase === 'before') {
          await faults.hang(fault.ms);
          return { status: 504, answer: 'simulated hang: the call was never processed' };
        } else {
          const a = answer();
          await faults.hang(fault.ms);
          return a;
        }
      default:
        return answer();
    }
  }

  return {
    async handle(request) {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/3rdapp/')) return answerInstallPage(suite, clock, request, url);
      if (url.pathname.startsWith('/_sim/')) {
        try {
          if (url.pathname.startsWith('/_sim/suite/')) {
            return json(200, answerSuiteControl(suiteControl, request.method, url.pathname, await readBody(request)));
          }
          return json(200, answerControl(control, request.method, url.pathname, url.searchParams, await readBody(request)));
        } catch (e) {
          if (e instanceof ControlError) return json(e.status, { error: e.message });
          throw e;
        }
      }
      if (url.pathname.startsWith('/cgi-bin/')) return handleApi(request, url);
      // WeCom's web-login page (login.work.weixin.qq.com), a browser's navigation.
      if (url.pathname.startsWith('/wwlogin/sso/')) return suite?.login.handles(url.searchParams) ? suite.login.answer(url) : answerWebLogin(world.webLogin, url);
      return json(404, { error: `the simulator serves /cgi-bin/…, /wwlogin/sso/… and /_sim/…, not ${url.pathname}` });
    },
    identity: () => world.identity,
    releaseAll: () => faults.releaseAll(),
  };
}

/** Drops undefined fields (exactOptionalPropertyTypes-friendly spreading). */
function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export type { AccountView, CorpView } from './kf-admin';
export type { Action, CallsAnswer, ClickRequest, CorpRequest, EndRequest, EnterAction, EnterRequest, InCorp, ReplyRequest, ResetRequest, SayRequest, SendFailRequest, StateAnswer, StatusRequest, TakeRequest } from './control';
export type { FaultRequest } from './faults';
export type { AuthorizeAnswer, SuiteSetupRequest } from './suite/control';
export type { SimInstruction } from './suite/instructions';
export type { SimIdentity } from './world-options';
export * from './types';

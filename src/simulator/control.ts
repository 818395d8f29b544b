import { z } from 'zod';
import { ControlError } from './errcodes';
import { FaultRequestSchema, normalizePath } from './faults';
import type { CallRecord, DeliveryRecord, SentMessage, SessionView, SimCallback, SyncItem } from './types';
import type { AccountView } from './kf-admin';
import type { World } from './world';
import type { AccountSeed, ServicerSeed, SimIdentity } from './world-options';

/**
 * The control API under /_sim/ (JSON in, JSON out). Errors: 400 bad input, 404 unknown
 * customer/account/route, 409 an action the session's state does not allow; body `{error}`.
 *
 *   POST /_sim/reset            {corpId?, token?, encodingAesKey?, kfSecret?, callbackUrl?,
 *                                accounts?: [{open_kfid, name?}], servicers?: [{userid, open_kfids?, on_duty?}],
 *                                syncConcurrencyLimit?}  → {ok}; forgets everything, clock back to now
 *   POST /_sim/customer/enter   {open_kfid, external_userid, scene?, scene_param?, nickname?} → Action + {welcome_code?}
 *   POST /_sim/customer/say     {open_kfid, external_userid, text | texts: [..], send_time?} → Action (one callback)
 *   POST /_sim/customer/click   {open_kfid, external_userid, menu_id, text?}   (text defaults to the item's content
 *                                in the last msgmenu delivered to the customer) → Action
 *   POST /_sim/servicer/take    {open_kfid, external_userid, servicer_userid}   2 → 3, change_type 1 + msg_code
 *   POST /_sim/servicer/transfer {open_kfid, external_userid, servicer_userid}  3 → 3 to another servicer, change_type 2
 *   POST /_sim/servicer/reply   {open_kfid, external_userid, text, servicer_userid?}  origin 5 (re-enters a state-4 session)
 *   POST /_sim/servicer/end     {open_kfid, external_userid}                    3 → 4, change_type 3 + msg_code
 *   POST /_sim/servicer/status  {servicer_userid, status: 1 接待中 | 2 停止接待, open_kfid?}
 *   POST /_sim/platform/send_fail {open_kfid, external_userid, fail_msgid, fail_type?=0}  msg_send_fail for a message
 *                                the platform had accepted and then failed to deliver (404 unless it was delivered)
 *   POST /_sim/faults           {path, count?=1, kind: http{status?} | errcode{errcode, errmsg?} | delay{ms}
 *                                | hang{phase?: before|after, ms?} | empty_page}; GET lists; DELETE clears
 *   POST /_sim/faults/release   lets hung calls finish → {released}
 *   POST /_sim/clock/advance    {seconds} → {now}
 *   POST /_sim/token/expire     {invalid?} the current access token answers 42001 (or 40014 when invalid)
 *   GET  /_sim/sent?open_kfid=&external_userid=&since=   → {items: SentMessage[]} (since: seq, exclusive)
 *   GET  /_sim/calls?path=&since=                        → {items: CallRecord[], max_concurrent: {path: n}}
 *   GET  /_sim/state                                     → {now, sessions, accounts, corpId, callbackUrl}
 *   GET  /_sim/log?open_kfid=                            → {items: SyncItem[]} (what sync_msg serves)
 *   GET  /_sim/deliveries                                → {items: DeliveryRecord[]} (server mode)
 *   POST /_sim/corp             {verified?, api_enabled?, members?: [userid], departments?: [id]} → CorpView:
 *                                an unverified corp may create 10 kf accounts; api_enabled false makes
 *                                every kf/* call answer 95017; members and departments join the address
 *                                book kf/servicer/add checks (seeded servicers are members); GET reads it
 *   GET  /_sim/kf/accounts                               → {accounts: AccountView[]} (name, avatar, servicers, departments)
 *   /_sim/suite/…                                        a 服务商 suite and its corps: ./suite/control.ts (a reset forgets it)
 *
 * Every customer, servicer and platform action, `GET sent|state|log|corp|kf/accounts` and `POST
 * /_sim/corp` act on the own corp's world, or with `corp` (in the body, or the query of a GET) on
 * that corp of the set-up suite: its own kf accounts, customers, sessions, log and switches
 * (404 for a corp the suite does not have; 400 on routes that are not a corp's).
 *
 * Action = {items: SyncItem[], callback: SimCallback, callbacks: SimCallback[]}: the log entries
 * the action wrote and the callback(s) WeCom would POST (one per kf account touched; `callback`
 * is the first; a suite corp's as the suite's data URL gets them). With a callbackUrl the
 * simulator also POSTs them itself.
 */

const id = z.string().min(1);
const who = { open_kfid: id, external_userid: id };

export const ResetSchema = z.strictObject({
  corpId: id.optional(),
  token: id.optional(),
  encodingAesKey: z.string().length(43).optional(),
  kfSecret: id.optional(),
  callbackUrl: z.url().nullable().optional(),
  accounts: z.array(z.strictObject({ open_kfid: id, name: z.string().optional() })).optional(),
  servicers: z.array(z.strictObject({ userid: id, open_kfids: z.array(id).optional(), on_duty: z.boolean().optional() })).optional(),
  syncConcurrencyLimit: z.number().int().min(1).optional(),
});
export const EnterSchema = z.strictObject({ ...who, scene: z.string().optional(), scene_param: z.string().optional(), nickname: z.string().optional() });
export const SaySchema = z
  .strictObject({ ...who, text: z.string().min(1).optional(), texts: z.array(z.string().min(1)).min(1).max(10_000).optional(), send_time: z.number().int().optional() })
  .refine((b) => (b.text === undefined) !== (b.texts === undefined), { error: 'give text or texts' });
export const ClickSchema = z.strictObject({ ...who, menu_id: id, text: z.string().min(1).optional() });
export const TakeSchema = z.strictObject({ ...who, servicer_userid: id });
export const ReplySchema = z.strictObject({ ...who, text: z.string().min(1), servicer_userid: id.optional() });
export const EndSchema = z.strictObject(who);
export const StatusSchema = z.strictObject({ servicer_userid: id, status: z.union([z.literal(1), z.literal(2)]), open_kfid: id.optional() });
export const SendFailSchema = z.strictObject({ ...who, fail_msgid: id, fail_type: z.number().int().min(0).max(99).default(0) });
const AdvanceSchema = z.strictObject({ seconds: z.number().min(0) });
const ExpireSchema = z.strictObject({ invalid: z.boolean().optional() });
export const CorpSchema = z.strictObject({
  verified: z.boolean().optional(),
  api_enabled: z.boolean().optional(),
  members: z.array(id).optional(),
  departments: z.array(z.number().int().positive()).optional(),
});

export type ResetRequest = z.input<typeof ResetSchema>;
export type EnterRequest = z.input<typeof EnterSchema>;
export type SayRequest = z.input<typeof SaySchema>;
export type ClickRequest = z.input<typeof ClickSchema>;
export type TakeRequest = z.input<typeof TakeSchema>;
export type ReplyRequest = z.input<typeof ReplySchema>;
export type EndRequest = z.input<typeof EndSchema>;
export type StatusRequest = z.input<typeof StatusSchema>;
export type SendFailRequest = z.input<typeof SendFailSchema>;
export type CorpRequest = z.input<typeof CorpSchema>;
/** Names the corp of the suite whose world an action or read is for (absent: the own corp). */
export type InCorp = { corp?: string };

export interface Action {
  items: SyncItem[];
  callback: SimCallback;
  callbacks: SimCallback[];
}
export interface EnterAction extends Action {
  welcome_code?: string;
}
export interface CallsAnswer {
  items: CallRecord[];
  max_concurrent: Record<string, number>;
}
export interface StateAnswer {
  now: number;
  corpId: string;
  callbackUrl: string | null;
  sessions: SessionView[];
  accounts: AccountView[];
}

/** What the control API needs from the simulator around the world. */
export interface ControlContext {
  /** The own corp's world, or the named corp's (ControlError 404 for a corp the suite does not have). */
  world(corp?: string): World;
  /** Builds (and in server mode POSTs) the callbacks for log entries just written in `world`. */
  announce(items: SyncItem[], world: World): Action;
  reset(identity: Partial<SimIdentity>, seeds: { accounts?: AccountSeed[]; servicers?: ServicerSeed[]; syncConcurrencyLimit?: number }): void;
  faults: { add(f: z.infer<typeof FaultRequestSchema>): void; list(): unknown[]; clear(): void; releaseAll(): number };
  advance(seconds: number): number;
  calls(): CallRecord[];
  maxConcurrent(): Record<string, number>;
  deliveries(): DeliveryRecord[];
  now(): number;
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new ControlError(400, z.prettifyError(r.error));
  return r.data;
}

const since = (q: URLSearchParams) => Number(q.get('since') ?? 0);

/** The routes that act on or read one corp's world. */
const CORP_ROUTES = new Set(
  ['customer/enter', 'customer/say', 'customer/click', 'servicer/take', 'servicer/transfer', 'servicer/reply', 'servicer/end', 'servicer/status', 'platform/send_fail', 'corp']
    .map((p) => `POST /_sim/${p}`)
    .concat(['sent', 'state', 'log', 'corp', 'kf/accounts'].map((p) => `GET /_sim/${p}`)),
);

/** Takes `corp` out of the body (or a GET's query), so each route's own schema reads the rest. */
function takeCorp(route: string, query: URLSearchParams, body: unknown): { corp: string | undefined; rest: unknown } {
  let corp: unknown = query.get('corp') ?? undefined;
  let rest = body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'corp' in body) {
    const { corp: named, ...others } = body as Record<string, unknown>;
    corp = named;
    rest = others;
  }
  if (corp === undefined) return { corp, rest };
  if (typeof corp !== 'string' || corp === '') throw new ControlError(400, 'corp must be a corp id');
  if (!CORP_ROUTES.has(route)) throw new ControlError(400, `${route} is not a corp's: it takes no corp`);
  return { corp, rest };
}

export function answerControl(ctx: ControlContext, method: string, path: string, query: URLSearchParams, wholeBody: unknown): unknown {
  const route = `${method} ${path}`;
  const { corp, rest: body } = takeCorp(route, query, wholeBody);
  const w = ctx.world(corp);
  const announce = (items: SyncItem[]) => ctx.announce(items, w);
  switch (route) {
    case 'POST /_sim/reset': {
      const { accounts, servicers, syncConcurrencyLimit, callbackUrl, ...identity } = parse(ResetSchema, body);
      ctx.reset({ ...identity, ...(callbackUrl !== undefined ? { callbackUrl: callbackUrl ?? undefined } : {}) }, {
        ...(accounts ? { accounts } : {}),
        ...(servicers ? { servicers } : {}),
        ...(syncConcurrencyLimit ? { syncConcurrencyLimit } : {}),
      });
      return { ok: true };
    }
    case 'POST /_sim/customer/enter': {
      const item = w.customerEnter(parse(EnterSchema, body));
      const welcome = item.msgtype === 'event' && item.event.event_type === 'enter_session' ? item.event.welcome_code : undefined;
      return { ...announce([item]), ...(welcome ? { welcome_code: welcome } : {}) } satisfies EnterAction;
    }
    case 'POST /_sim/customer/say': {
      const { texts, text, ...rest } = parse(SaySchema, body);
      return announce((texts ?? [text as string]).map((t) => w.customerSay({ ...rest, text: t })));
    }
    case 'POST /_sim/customer/click': {
      const b = parse(ClickSchema, body);
      const text = b.text ?? w.menuChoice(b.open_kfid, b.external_userid, b.menu_id).content;
      return announce([w.customerSay({ open_kfid: b.open_kfid, external_userid: b.external_userid, text, menu_id: b.menu_id })]);
    }
    case 'POST /_sim/servicer/take':
      return announce([w.servicerTake(parse(TakeSchema, body))]);
    case 'POST /_sim/servicer/transfer':
      return announce([w.servicerTransfer(parse(TakeSchema, body))]);
    case 'POST /_sim/servicer/reply':
      return announce(w.servicerReply(parse(ReplySchema, body)));
    case 'POST /_sim/servicer/end':
      return announce([w.servicerEnd(parse(EndSchema, body))]);
    case 'POST /_sim/servicer/status':
      return announce(w.servicerStatus(parse(StatusSchema, body)));
    case 'POST /_sim/platform/send_fail':
      return announce([w.sendFail(parse(SendFailSchema, body))]);
    case 'POST /_sim/faults': {
      const f = parse(FaultRequestSchema, body);
      ctx.faults.add({ ...f, path: normalizePath(f.path) });
      return { faults: ctx.faults.list() };
    }
    case 'GET /_sim/faults':
      return { faults: ctx.faults.list() };
    case 'DELETE /_sim/faults':
      ctx.faults.clear();
      return { faults: [] };
    case 'POST /_sim/faults/release':
      return { released: ctx.faults.releaseAll() };
    case 'POST /_sim/clock/advance':
      return { now: ctx.advance(parse(AdvanceSchema, body).seconds) };
    case 'POST /_sim/token/expire':
      w.tokens.expire(parse(ExpireSchema, body ?? {}).invalid ?? false);
      return { ok: true };
    case 'GET /_sim/sent': {
      const kf = query.get('open_kfid');
      const user = query.get('external_userid');
      const items: SentMessage[] = w.outbound.sent.filter((m) => m.seq > since(query) && (!kf || m.open_kfid === kf) && (!user || m.external_userid === user));
      return { items };
    }
    case 'GET /_sim/calls': {
      const p = query.get('path');
      const items = ctx.calls().filter((c) => c.seq > since(query) && (!p || c.path === normalizePath(p)));
      return { items, max_concurrent: ctx.maxConcurrent() } satisfies CallsAnswer;
    }
    case 'GET /_sim/state':
      return {
        now: ctx.now(),
        corpId: w.identity.corpId,
        callbackUrl: w.identity.callbackUrl ?? null,
        sessions: w.sessions.views(),
        accounts: w.kf.views(),
      } satisfies StateAnswer;
    case 'GET /_sim/log':
      return { items: w.messages.items(query.get('open_kfid') ?? undefined) };
    case 'GET /_sim/deliveries':
      return { items: ctx.deliveries() };
    case 'POST /_sim/corp':
      return w.kf.configure(parse(CorpSchema, body));
    case 'GET /_sim/corp':
      return w.kf.corpView();
    case 'GET /_sim/kf/accounts':
      return { accounts: w.kf.views() };
    default:
      throw new ControlError(404, `no control route ${route}`);
  }
}

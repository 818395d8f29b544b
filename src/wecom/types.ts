import { z } from 'zod';

/**
 * Shapes of what the WeCom kf API answers. Objects are loose: WeCom
 * adds fields over time and an unknown field must never make us drop a customer's message.
 */

/** Every answer carries these; errcode 0 is success. */
export const BaseAnswerSchema = z.looseObject({
  errcode: z.number().int().default(0),
  errmsg: z.string().default(''),
});
export type BaseAnswer = z.infer<typeof BaseAnswerSchema>;

export const GetTokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});
export type GetTokenAnswer = z.infer<typeof GetTokenAnswerSchema>;

/**
 * auth/getuserinfo for a web-login code (https://developer.work.weixin.qq.com/document/path/98176):
 * a member of the corp gets `userid`; anyone else `openid` (and maybe `external_userid`).
 */
export const AuthUserInfoAnswerSchema = z.looseObject({
  userid: z.string().min(1).optional(),
  openid: z.string().optional(),
});
export type AuthUserInfoAnswer = z.infer<typeof AuthUserInfoAnswerSchema>;

// ── sync_msg items ─────────────────────────────────────────────────────────────

/** origin: 3 the WeChat customer, 4 a system event, 5 a servicer writing from the WeCom client. */
export const Origin = { customer: 3, system: 4, servicer: 5 } as const;

/**
 * The `event` of a `msgtype: "event"` item. One loose object rather than a union per
 * event_type, so that an event type WeCom adds tomorrow still parses and is recorded.
 */
export const KfEventSchema = z.looseObject({
  event_type: z.string().min(1),
  open_kfid: z.string().optional(),
  external_userid: z.string().optional(),
  servicer_userid: z.string().optional(),
  /** enter_session */
  scene: z.string().optional(),
  scene_param: z.string().optional(),
  welcome_code: z.string().optional(),
  /** msg_send_fail */
  fail_msgid: z.string().optional(),
  fail_type: z.number().int().optional(),
  /** servicer_status_change: 1 接待中, 2 停止接待 */
  status: z.number().int().optional(),
  /** session_status_change: 1 taken from pool, 2 transferred, 3 ended, 4 re-entered */
  change_type: z.number().int().optional(),
  old_servicer_userid: z.string().optional(),
  new_servicer_userid: z.string().optional(),
  msg_code: z.string().optional(),
  /** user_recall_msg / servicer_recall_msg */
  recall_msgid: z.string().optional(),
});
export type KfEvent = z.infer<typeof KfEventSchema>;

export const SyncMsgItemSchema = z.looseObject({
  msgid: z.string().min(1),
  open_kfid: z.string().optional(),
  external_userid: z.string().optional(),
  send_time: z.number().int(),
  origin: z.number().int(),
  servicer_userid: z.string().optional(),
  msgtype: z.string().min(1),
  text: z.looseObject({ content: z.string(), menu_id: z.string().optional() }).optional(),
  event: KfEventSchema.optional(),
});
/** One message or event from kf/sync_msg; its payload field is named after its msgtype. */
export type SyncMsgItem = z.infer<typeof SyncMsgItemSchema>;

/**
 * The page itself. Items stay `unknown` here and are parsed one by one (parseSyncMsgItems), so a
 * single malformed item is set aside with its reason instead of failing the page, which would
 * stall the cursor forever.
 */
export const SyncMsgAnswerSchema = z.looseObject({
  next_cursor: z.string().default(''),
  has_more: z.union([z.number(), z.boolean()]).transform((v) => v === 1 || v === true),
  msg_list: z.array(z.unknown()).default([]),
});
export type SyncMsgAnswer = z.infer<typeof SyncMsgAnswerSchema>;

export interface RejectedItem {
  raw: unknown;
  reason: string;
}

export function parseSyncMsgItems(list: readonly unknown[]): { items: SyncMsgItem[]; rejected: RejectedItem[] } {
  const items: SyncMsgItem[] = [];
  const rejected: RejectedItem[] = [];
  for (const raw of list) {
    const r = SyncMsgItemSchema.safeParse(raw);
    if (r.success) items.push(r.data);
    else rejected.push({ raw, reason: z.prettifyError(r.error) });
  }
  return { items, rejected };
}

/** sync_msg reaches back 3 days; a msgid older than that plus a day of margin cannot come again. */
export const SEEN_RETENTION_MS = 4 * 24 * 3600_000;

/** The customer a sync_msg item belongs to; events carry it inside `event`. Absent for kf-wide events. */
export function itemCustomer(item: SyncMsgItem): string | undefined {
  return item.external_userid || item.event?.external_userid || undefined;
}

// ── sending ────────────────────────────────────────────────────────────────────

export const MenuEntrySchema = z.union([
  z.strictObject({ type: z.literal('click'), click: z.strictObject({ id: z.string().min(1).max(64), content: z.string().min(1) }) }),
  z.strictObject({ type: z.literal('view'), view: z.strictObject({ url: z.string().min(1), content: z.string().min(1) }) }),
  z.strictObject({
    type: z.literal('miniprogram'),
    miniprogram: z.strictObject({ appid: z.string().min(1), pagepath: z.string().min(1), content: z.string().min(1) }),
  }),
]);

/** The messages we send: text, and msgmenu for choices and the satisfaction survey. */
export const OutboundMessageSchema = z.discriminatedUnion('msgtype', [
  z.strictObject({ msgtype: z.literal('text'), text: z.strictObject({ content: z.string().min(1) }) }),
  z.strictObject({
    msgtype: z.literal('msgmenu'),
    msgmenu: z.strictObject({
      head_content: z.string().optional(),
      list: z.array(MenuEntrySchema).min(1).max(10),
      tail_content: z.string().optional(),
    }),
  }),
]);
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;

export const SendMsgAnswerSchema = z.looseObject({ msgid: z.string().optional() });
export type SendMsgAnswer = z.infer<typeof SendMsgAnswerSchema>;

// ── session state, customers, accounts ─────────────────────────────────────────

export const ServiceStateGetAnswerSchema = z.looseObject({
  service_state: z.number().int().min(0).max(4),
  servicer_userid: z.string().optional(),
});
export type ServiceStateGetAnswer = z.infer<typeof ServiceStateGetAnswerSchema>;

export const ServiceStateTransAnswerSchema = z.looseObject({ msg_code: z.string().optional() });
export type ServiceStateTransAnswer = z.infer<typeof ServiceStateTransAnswerSchema>;

export const CustomerSchema = z.looseObject({
  external_userid: z.string(),
  nickname: z.string().optional(),
  avatar: z.string().optional(),
  gender: z.number().int().optional(),
  unionid: z.string().optional(),
  enter_session_context: z
    .looseObject({
      scene: z.string().optional(),
      scene_param: z.string().optional(),
      wechat_channels: z.looseObject({ nickname: z.string().optional(), scene: z.number().optional() }).optional(),
    })
    .optional(),
});
export const CustomerBatchgetAnswerSchema = z.looseObject({
  customer_list: z.array(CustomerSchema).default([]),
  invalid_external_userid: z.array(z.string()).default([]),
});
export type CustomerBatchgetAnswer = z.infer<typeof CustomerBatchgetAnswerSchema>;

export const AccountListAnswerSchema = z.looseObject({
  account_list: z
    .array(z.looseObject({ open_kfid: z.string(), name: z.string().optional(), avatar: z.string().optional(), manage_privilege: z.boolean().optional() }))
    .default([]),
});
export type AccountListAnswer = z.infer<typeof AccountListAnswerSchema>;

export const AddContactWayAnswerSchema = z.looseObject({ url: z.string().min(1) });
export type AddContactWayAnswer = z.infer<typeof AddContactWayAnswerSchema>;

export const ServicerListAnswerSchema = z.looseObject({
  servicer_list: z
    .array(
      z.looseObject({
        userid: z.string().optional(),
        department_id: z.number().optional(),
        /** 0 接待中, 1 停止接待 (users only). */
        status: z.number().int().optional(),
        /** With status 1: 0 停止接待, 1 暂时挂起. */
        stop_type: z.number().int().optional(),
      }),
    )
    .default([]),
});
export type ServicerListAnswer = z.infer<typeof ServicerListAnswerSchema>;

// ── managing accounts and servicers ───────────────────────────────────────────

/** media/upload: a temporary media_id, valid 3 days. */
export const MediaUploadAnswerSchema = z.looseObject({ media_id: z.string().min(1), type: z.string().optional(), created_at: z.union([z.string(), z.number()]).optional() });
export type MediaUploadAnswer = z.infer<typeof MediaUploadAnswerSchema>;

export const AccountAddAnswerSchema = z.looseObject({ open_kfid: z.string().min(1) });
export type AccountAddAnswer = z.infer<typeof AccountAddAnswerSchema>;

/** kf/servicer/add and del: the call succeeds as a whole and reports each userid or department. */
export const ServicerResultAnswerSchema = z.looseObject({
  result_list: z
    .array(z.looseObject({ userid: z.string().optional(), department_id: z.number().optional(), errcode: z.number().int().default(0), errmsg: z.string().default('') }))
    .default([]),
});
export type ServicerResultAnswer = z.infer<typeof ServicerResultAnswerSchema>;

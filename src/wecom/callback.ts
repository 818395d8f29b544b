import { z } from 'zod';

/**
 * What a decrypted WeCom callback carries, after the strict XML reader (./xml) has flattened it.
 * See ../../README.md#wecom-protocol and https://developer.work.weixin.qq.com/document/path/94670.
 */

const unixSeconds = z.string().regex(/^\d{1,12}$/, { error: 'CreateTime must be unix seconds' });

/**
 * 微信客服's only callback: "there are new messages for OpenKfId, pull them with this Token".
 * The message content never travels here (doc 94670); kf/sync_msg fetches it.
 * OpenKfId is optional: the 2021 format had none.
 */
/** A kf account id as WeCom writes them (wk…, 32 characters today); longer is not WeCom's. */
export const OpenKfIdSchema = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, { error: 'OpenKfId must be 1 to 64 of [0-9A-Za-z_-]' });
/** A sync_msg Token (ENC…, under 64 characters today). */
export const SyncTokenSchema = z
  .string({ error: 'kf_msg_or_event without a Token' })
  .min(1, { error: 'kf_msg_or_event without a Token' })
  .max(128, { error: 'Token is longer than 128 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'Token must be printable ASCII' });

export const KfMsgOrEventSchema = z.object({
  ToUserName: z.string().optional(),
  CreateTime: unixSeconds.optional(),
  MsgType: z.literal('event'),
  Event: z.literal('kf_msg_or_event'),
  Token: SyncTokenSchema,
  OpenKfId: OpenKfIdSchema.optional(),
});
export type KfMsgOrEvent = z.infer<typeof KfMsgOrEventSchema>;

export type CallbackEvent =
  | { kind: 'kf'; event: KfMsgOrEvent }
  /** Another app event reaching the same callback URL: acknowledged, not handled. */
  | { kind: 'other'; msgType: string; event: string };

export class CallbackEventError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(`malformed kf_msg_or_event: ${issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`);
    this.name = 'CallbackEventError';
  }
}

/** Classifies a decrypted callback. Throws CallbackEventError when a kf event is malformed. */
export function classifyCallbackEvent(fields: Record<string, string>): CallbackEvent {
  if (fields.Event !== 'kf_msg_or_event') {
    return { kind: 'other', msgType: fields.MsgType ?? '', event: fields.Event ?? '' };
  }
  const parsed = KfMsgOrEventSchema.safeParse(fields);
  if (!parsed.success) throw new CallbackEventError(parsed.error.issues);
  return { kind: 'kf', event: parsed.data };
}

/** WECOM_REPLAY_WINDOW_S when unset: a callback older than 5 minutes is a replay. */
export const DEFAULT_REPLAY_WINDOW_S = 300;

/**
 * The replay window from WECOM_REPLAY_WINDOW_S: unset or empty means the default, "0" turns the
 * check off. A value that is not a whole number is a deployment mistake; the default keeps the
 * check on rather than silently dropping it.
 */
export function replayWindowSeconds(setting: string | undefined): number {
  if (setting === undefined || !/^\d+$/.test(setting.trim())) return DEFAULT_REPLAY_WINDOW_S;
  return Number(setting.trim());
}

/**
 * True when `timestamp` (unix seconds) is at most `windowS` away from now, either side. Only the
 * timestamp counts: WeCom's retries reuse the nonce, and a retry must still be taken.
 */
export function withinReplayWindow(timestampS: number, nowMs: number, windowS: number): boolean {
  return windowS === 0 || Math.abs(Math.floor(nowMs / 1000) - timestampS) <= windowS;
}

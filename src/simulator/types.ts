/**
 * The simulator's public shapes, shared with the worker-test harness (type-only imports, so
 * nothing Node-side is bundled into workerd).
 */

/** 0 未处理, 1 由智能助手接待, 2 待接入池排队中, 3 由人工接待, 4 已结束/未开始 (https://developer.work.weixin.qq.com/document/path/94669). */
export type ServiceState = 0 | 1 | 2 | 3 | 4;

/** An event inside a sync_msg item (`msgtype: "event"`). */
export type SyncEvent =
  | { event_type: 'enter_session'; open_kfid: string; external_userid: string; scene: string; scene_param: string; welcome_code?: string }
  | {
      event_type: 'session_status_change';
      open_kfid: string;
      external_userid: string;
      /** 1 taken from the pool, 2 transferred, 3 ended, 4 re-entered an ended session. */
      change_type: 1 | 2 | 3 | 4;
      old_servicer_userid?: string;
      new_servicer_userid?: string;
      msg_code?: string;
    }
  /** status 1 接待中, 2 停止接待. Belongs to no customer, so the item has no external_userid. */
  | { event_type: 'servicer_status_change'; open_kfid: string; servicer_userid: string; status: 1 | 2 }
  /** The platform did not deliver a message it had accepted; fail_type as in https://developer.work.weixin.qq.com/document/path/94670 (4 session expired, 6 over the limit, …). */
  | { event_type: 'msg_send_fail'; open_kfid: string; external_userid: string; fail_msgid: string; fail_type: number };

interface SyncItemBase {
  msgid: string;
  open_kfid: string;
  external_userid?: string;
  /** Unix seconds on the simulator clock. */
  send_time: number;
  servicer_userid?: string;
}

/** One kf/sync_msg `msg_list` entry. origin 3 customer, 4 system event, 5 servicer (WeCom client). */
export type SyncItem =
  | (SyncItemBase & { origin: 3 | 5; msgtype: 'text'; text: { content: string; menu_id?: string } })
  | (SyncItemBase & { origin: 4; msgtype: 'event'; event: SyncEvent });

/** The encrypted callback WeCom POSTs for an action: post `body` to `path_and_query`. */
export interface SimCallback {
  /** e.g. `/wecom/callback?msg_signature=…&timestamp=…&nonce=…` */
  path_and_query: string;
  /** The XML envelope `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
  body: string;
  open_kfid: string;
  /** The Token inside (valid 10 minutes for kf/sync_msg). */
  token: string;
}

/** How a message reached the customer: which send_msg slot (1..5) or which event code. */
export type SendSlot = { via: 'send_msg'; n: number } | { via: 'send_msg_on_event'; code: 'welcome' | 'queue' | 'taken' | 'end' };

/** A menu entry a customer can click (msgmenu `click` items). */
export interface MenuChoice {
  id: string;
  content: string;
}

/** A message the platform accepted for a customer (kf/send_msg or kf/send_msg_on_event). */
export interface SentMessage {
  seq: number;
  msgid: string;
  open_kfid: string;
  external_userid: string;
  msgtype: string;
  /** Readable text: the text content, or a msgmenu rendered as head / `[id] content` lines / tail. */
  content: string;
  /** The msgmenu's click items (empty for other types). */
  menu: MenuChoice[];
  /** The request's message payload (`text`, `msgmenu`, …) as sent. */
  payload: unknown;
  /** Unix seconds on the simulator clock. */
  time: number;
  slot: SendSlot;
}

/** One kf API call as the simulator saw and answered it. */
export interface CallRecord {
  seq: number;
  /** Simulator clock, ms. */
  at: number;
  method: string;
  /** e.g. `/cgi-bin/kf/send_msg` */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** HTTP status answered (0 while a hung call has not been answered yet). */
  status: number;
  /** The JSON answered (or the text of a 5xx). */
  answer: unknown;
  /** The fault injected into this call, if any. */
  fault?: string;
  /** The authorized corp whose token (from the suite) the call carried; absent for the own corp's token. */
  corp?: string;
}

export interface SessionView {
  open_kfid: string;
  external_userid: string;
  state: ServiceState;
  servicer_userid: string;
  /** Unix seconds of the customer's last message (the 48-hour window), or null. */
  last_customer_msg_at: number | null;
  /** send_msg messages used since that message (at most 5). */
  sent_since_customer_msg: number;
}

/** One attempt chain of POSTing a callback to the configured URL (server mode). */
export interface DeliveryRecord {
  token: string;
  open_kfid: string;
  url: string;
  /** Status per attempt; 0 for a timeout or network failure. */
  attempts: number[];
  delivered: boolean;
}

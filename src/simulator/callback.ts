import { randomInt } from 'node:crypto';
import type { WecomCrypto } from '../wecom/crypto';
import type { DeliveryRecord, SimCallback } from './types';

/**
 * The encrypted `kf_msg_or_event` callback WeCom POSTs after new messages (https://developer.work.weixin.qq.com/document/path/94670):
 * a decrypted body of ToUserName/CreateTime/MsgType/Event/Token/OpenKfId, AES-encrypted for the
 * corp id, in the XML envelope, signed over the Encrypt value.
 */

const cdata = (tag: string, v: string) => `<${tag}><![CDATA[${v}]]></${tag}>`;

export function kfEventXml(corpId: string, token: string, openKfid: string, createTime: number): string {
  return `<xml>${cdata('ToUserName', corpId)}<CreateTime>${createTime}</CreateTime>${cdata('MsgType', 'event')}${cdata('Event', 'kf_msg_or_event')}${cdata('Token', token)}${cdata('OpenKfId', openKfid)}</xml>`;
}

export function buildCallback(
  crypto: WecomCrypto,
  a: { corpId: string; path: string; token: string; openKfid: string; createTime: number; timestamp: number },
): SimCallback {
  const encrypted = crypto.encrypt(kfEventXml(a.corpId, a.token, a.openKfid, a.createTime));
  const timestamp = String(a.timestamp);
  const nonce = String(randomInt(1_000_000_000, 9_999_999_999));
  const signature = crypto.sign(timestamp, nonce, encrypted);
  return {
    path_and_query: `${a.path}?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml>${cdata('ToUserName', a.corpId)}${cdata('Encrypt', encrypted)}${cdata('AgentID', '')}</xml>`,
    open_kfid: a.openKfid,
    token: a.token,
  };
}

export interface DeliveryOptions {
  /** WeCom drops the connection after 5 s… */
  timeoutMs?: number;
  /** …and retries, three times in all (https://developer.work.weixin.qq.com/document/path/90238). */
  retries?: number;
  /** Pause between attempts. */
  backoffMs?: number;
}

/**
 * POSTs a callback like WeCom: anything but HTTP 200 within the timeout is retried with the same
 * query (same timestamp and nonce) and body.
 */
export async function postCallback(origin: string, cb: SimCallback, options: DeliveryOptions = {}): Promise<DeliveryRecord> {
  const { timeoutMs = 5000, retries = 3, backoffMs = 1000 } = options;
  const url = new URL(cb.path_and_query, origin).toString();
  const record: DeliveryRecord = { token: cb.token, open_kfid: cb.open_kfid, url, attempts: [], delivered: false };
  for (let attempt = 0; attempt <= retries && !record.delivered; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, backoffMs));
    try {
      const r = await fetch(url, { method: 'POST', body: cb.body, headers: { 'content-type': 'text/xml' }, signal: AbortSignal.timeout(timeoutMs) });
      await r.arrayBuffer();
      record.attempts.push(r.status);
      record.delivered = r.status === 200;
    } catch {
      record.attempts.push(0);
    }
  }
  return record;
}

import { randomInt } from 'node:crypto';
import { createWecomCrypto } from '../../wecom/crypto';
import { buildCallback } from '../callback';
import type { SimCallback } from '../types';
import type { SuiteSetup } from './provider';

/**
 * The encrypted callbacks the platform sends a suite: instructions to its instruction URL,
 * encrypted for the suite id (https://developer.work.weixin.qq.com/document/path/97172), and a
 * corp's kf_msg_or_event to its data URL, encrypted with the suite's key for that corp's id.
 */

export const SUITE_CALLBACK_PATH = '/wecom/suite/callback';
export const DATA_CALLBACK_PATH = '/wecom/callback';

export interface SimInstruction {
  info_type: string;
  /** e.g. `/wecom/suite/callback?msg_signature=…&timestamp=…&nonce=…` */
  path_and_query: string;
  body: string;
}

const cdata = (tag: string, v: string) => `<${tag}><![CDATA[${v}]]></${tag}>`;

export function instruction(setup: SuiteSetup, infoType: string, fields: Record<string, string>, timestamp: number): SimInstruction {
  const crypto = createWecomCrypto({ token: setup.token, encodingAesKey: setup.encoding_aes_key, receiveId: setup.suite_id });
  const inner = `<xml>${cdata('SuiteId', setup.suite_id)}${cdata('InfoType', infoType)}<TimeStamp>${timestamp}</TimeStamp>${Object.entries(fields)
    .map(([k, v]) => cdata(k, v))
    .join('')}</xml>`;
  const encrypted = crypto.encrypt(inner);
  const nonce = String(randomInt(1_000_000_000, 9_999_999_999));
  const signature = crypto.sign(String(timestamp), nonce, encrypted);
  return {
    info_type: infoType,
    path_and_query: `${SUITE_CALLBACK_PATH}?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml>${cdata('ToUserName', setup.suite_id)}${cdata('Encrypt', encrypted)}${cdata('AgentID', '')}</xml>`,
  };
}

/** A corp's kf_msg_or_event as the suite's data URL receives it. */
export function corpKfEvent(setup: SuiteSetup, a: { corpId: string; token: string; openKfid: string; createTime: number; timestamp: number }): SimCallback {
  const crypto = createWecomCrypto({ token: setup.token, encodingAesKey: setup.encoding_aes_key, receiveId: a.corpId });
  return buildCallback(crypto, { ...a, path: DATA_CALLBACK_PATH });
}

/** Server mode: the platform POSTs the instruction itself (fire and forget; tests deliver what they are given). */
export function push(url: string | undefined, instr: SimInstruction): void {
  if (!url) return;
  const target = new URL(instr.path_and_query, url);
  void fetch(target, { method: 'POST', body: instr.body, headers: { 'content-type': 'text/xml' } }).then((r) => r.arrayBuffer(), () => undefined);
}

import { ApiFailure, Errcode } from './errcodes';
import type { MenuChoice } from './types';

/**
 * Validation of outgoing messages (kf/send_msg, kf/send_msg_on_event) with WeCom's limits
 * (https://developer.work.weixin.qq.com/document/path/94677, /95122). Lengths are UTF-8 bytes, as the platform counts them.
 */

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const MSGID = /^[0-9a-zA-Z_-]{1,32}$/;

export interface Outbound {
  /** The caller's msgid, when given. */
  msgid: string | undefined;
  msgtype: string;
  payload: unknown;
  content: string;
  menu: MenuChoice[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (msg: string) => new ApiFailure(Errcode.invalidParameter, `invalid parameter: ${msg}`);

/** A string field with a byte limit; `required` fields must be non-empty. */
function text(obj: Obj, key: string, where: string, max: number, required: boolean): string {
  const v = obj[key];
  if (v === undefined && !required) return '';
  if (typeof v !== 'string') throw bad(`${where}.${key} must be a string`);
  if (required && v === '') throw bad(`${where}.${key} must not be empty`);
  if (bytes(v) > max) throw new ApiFailure(Errcode.contentTooLong, `content size out of limit: ${where}.${key} is ${bytes(v)} bytes, at most ${max}`);
  return v;
}

/** Required string fields of the media-like types, with their byte limits. */
const SIMPLE_TYPES: Record<string, Record<string, number>> = {
  image: { media_id: 128 },
  voice: { media_id: 128 },
  video: { media_id: 128 },
  file: { media_id: 128 },
  link: { title: 128, url: 2048, thumb_media_id: 128 },
  miniprogram: { appid: 64, title: 64, thumb_media_id: 128, pagepath: 1024 },
  location: { name: 1024, address: 1024 },
};

function menuEntry(entry: unknown, i: number): { line: string; click?: MenuChoice } {
  const where = `msgmenu.list[${i}]`;
  if (!isObj(entry) || typeof entry.type !== 'string') throw bad(`${where} needs a type`);
  const body = entry[entry.type];
  if (!isObj(body)) throw bad(`${where}.${entry.type} is missing`);
  const at = `${where}.${entry.type}`;
  switch (entry.type) {
    case 'click': {
      const id = text(body, 'id', at, 64, true);
      const content = text(body, 'content', at, 128, true);
      return { line: `[${id}] ${content}`, click: { id, content } };
    }
    case 'view': {
      const url = text(body, 'url', at, 2048, true);
      return { line: `${text(body, 'content', at, 1024, true)} <${url}>` };
    }
    case 'miniprogram':
      text(body, 'appid', at, 64, true);
      text(body, 'pagepath', at, 1024, true);
      return { line: text(body, 'content', at, 1024, true) };
    default:
      throw bad(`${where}.type must be click, view or miniprogram`);
  }
}

/**
 * Checks a send body; `allowed` are the msgtypes this call accepts. Throws ApiFailure with the
 * platform's errcode (40058 structure, 44004 empty text, 45002 too long).
 */
export function parseOutbound(body: Obj, allowed: readonly string[]): Outbound {
  const msgid = body.msgid;
  if (msgid !== undefined && msgid !== '' && (typeof msgid !== 'string' || !MSGID.test(msgid))) {
    throw bad('msgid must be at most 32 bytes of [0-9a-zA-Z_-]');
  }
  const msgtype = body.msgtype;
  if (typeof msgtype !== 'string' || !allowed.includes(msgtype)) throw bad(`msgtype must be one of ${allowed.join(', ')}`);
  const payload = body[msgtype];
  if (!isObj(payload)) throw bad(`${msgtype} is missing`);
  const base = { msgid: typeof msgid === 'string' && msgid !== '' ? msgid : undefined, msgtype, payload };

  if (msgtype === 'text') {
    if (typeof payload.content !== 'string' || payload.content === '') throw new ApiFailure(Errcode.emptyContent, 'empty content: text.content');
    return { ...base, content: text(payload, 'content', 'text', 2048, true), menu: [] };
  }
  if (msgtype === 'msgmenu') {
    const head = text(payload, 'head_content', 'msgmenu', 1024, false);
    const tail = text(payload, 'tail_content', 'msgmenu', 1024, false);
    const list = payload.list;
    if (!Array.isArray(list) || list.length === 0) throw bad('msgmenu.list must have 1 to 10 items');
    if (list.length > 10) throw bad(`msgmenu.list has ${list.length} items, at most 10`);
    const entries = list.map(menuEntry);
    const lines = [head, ...entries.map((e) => e.line), tail].filter((l) => l !== '');
    return { ...base, content: lines.join('\n'), menu: entries.flatMap((e) => (e.click ? [e.click] : [])) };
  }
  const fields = SIMPLE_TYPES[msgtype];
  if (!fields) throw bad(`msgtype ${msgtype} is not supported by the simulator`);
  for (const [key, max] of Object.entries(fields)) text(payload, key, msgtype, max, true);
  return { ...base, content: `[${msgtype}]`, menu: [] };
}

import type { OutboundMessage, SyncMsgItem } from './types';

/**
 * Protocol message helpers: the readable text of what WeCom delivers and of what we send, and
 * the engine's replies as kf/send_msg messages. Pure: no I/O.
 */

/** The readable text of a sync_msg item, for the timeline. */
export function messageText(item: SyncMsgItem): string {
  if (item.text) return item.text.content;
  // link and miniprogram items carry a title, location items a name (https://developer.work.weixin.qq.com/document/path/94670).
  const payload = item[item.msgtype] as Record<string, unknown> | undefined;
  const title = payload?.['title'] ?? payload?.['name'];
  return typeof title === 'string' ? `[${item.msgtype}] ${title}` : `[${item.msgtype}]`;
}

/** The readable text of a message we send: a menu reads as its head, its entries and its tail, a line each. */
export function outboundText(message: OutboundMessage): string {
  if (message.msgtype === 'text') return message.text.content;
  const m = message.msgmenu;
  const clicks = m.list.map((e) => (e.type === 'click' ? e.click.content : e.type === 'view' ? e.view.content : e.miniprogram.content));
  return [m.head_content, ...clicks, m.tail_content].filter((s) => s).join('\n');
}

/** A click menu (`msgmenu` with click items), as the satisfaction survey and welcome menus use. */
export interface MsgMenu {
  head_content?: string;
  list: { id: string; content: string }[];
  tail_content?: string;
}
/** What the bot says: a text, or a menu of click entries. */
export type Reply = { text: string } | { menu: MsgMenu };

/** An engine reply as the message kf/send_msg takes: text, or a msgmenu of click entries. */
export function toMessage(reply: Reply): OutboundMessage {
  if ('text' in reply) return { msgtype: 'text', text: { content: reply.text } };
  const { head_content, tail_content, list } = reply.menu;
  return {
    msgtype: 'msgmenu',
    msgmenu: {
      ...(head_content ? { head_content } : {}),
      list: list.map((i) => ({ type: 'click' as const, click: { id: i.id, content: i.content } })),
      ...(tail_content ? { tail_content } : {}),
    },
  };
}

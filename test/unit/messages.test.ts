import { describe, expect, it } from 'vitest';
import { messageText, outboundText, toMessage } from '../../src/wecom/messages';
import { OutboundMessageSchema, SyncMsgItemSchema } from '../../src/wecom/types';

const item = (fields: Record<string, unknown>) => SyncMsgItemSchema.parse({ msgid: 'm1', send_time: 1_700_000_000, origin: 3, ...fields });

describe('messageText (the timeline text of what WeCom delivers)', () => {
  it('is the content of a text message', () => {
    expect(messageText(item({ msgtype: 'text', text: { content: '你好' } }))).toBe('你好');
  });

  it('names a link or miniprogram by its title and a location by its name', () => {
    expect(messageText(item({ msgtype: 'link', link: { title: '订单详情', url: 'https://example.com' } }))).toBe('[link] 订单详情');
    expect(messageText(item({ msgtype: 'miniprogram', miniprogram: { title: '商城', appid: 'wx1' } }))).toBe('[miniprogram] 商城');
    expect(messageText(item({ msgtype: 'location', location: { name: '人民广场', latitude: 31.2, longitude: 121.4 } }))).toBe('[location] 人民广场');
  });

  it('is the message type alone when there is nothing readable', () => {
    expect(messageText(item({ msgtype: 'image', image: { media_id: 'x' } }))).toBe('[image]');
    expect(messageText(item({ msgtype: 'voice' }))).toBe('[voice]');
  });
});

describe('toMessage and outboundText (what we send, and how it reads)', () => {
  it('sends a text reply as a text message', () => {
    const message = toMessage({ text: '您好' });
    expect(message).toEqual({ msgtype: 'text', text: { content: '您好' } });
    expect(outboundText(message)).toBe('您好');
  });

  it('sends a menu as click entries, leaving out an empty head or tail, and reads it a line per part', () => {
    const message = toMessage({ menu: { head_content: '请评价', list: [{ id: '5', content: '满意' }, { id: '1', content: '不满意' }], tail_content: '' } });
    expect(message).toEqual({
      msgtype: 'msgmenu',
      msgmenu: { head_content: '请评价', list: [{ type: 'click', click: { id: '5', content: '满意' } }, { type: 'click', click: { id: '1', content: '不满意' } }] },
    });
    expect(OutboundMessageSchema.safeParse(message).success).toBe(true);
    expect(outboundText(message)).toBe('请评价\n满意\n不满意');
  });

  it('reads view and miniprogram entries of a menu by their content', () => {
    const text = outboundText({
      msgtype: 'msgmenu',
      msgmenu: {
        list: [
          { type: 'view', view: { url: 'https://example.com', content: '查看' } },
          { type: 'miniprogram', miniprogram: { appid: 'wx1', pagepath: 'p', content: '打开' } },
        ],
        tail_content: '谢谢',
      },
    });
    expect(text).toBe('查看\n打开\n谢谢');
  });
});

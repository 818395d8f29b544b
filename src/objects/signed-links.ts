import { signTrackedLinks, trackedLinkIds } from '../rules/link-proof';
import { tenantDb, type TenantEnv } from '../storage/tenant';
import { knownTrackedLinkIds } from '../storage/links';
import type { SendMsgOnEventRequest, SendMsgRequest, WecomApi } from '../wecom/api';
import type { OutboundMessage } from '../wecom/types';

/**
 * The WeCom client a conversation sends through: every tracked link (`https://…/l/<id>`) in a
 * text it sends to its customer carries that customer's proof (../rules/link-proof), signed at
 * the moment of sending, so only the links the bot handed out credit clicks. Ids that are not
 * tracked links are left as written: a customer's id is never appended to a stranger's URL.
 * The outbox and the timeline keep the text unsigned.
 */
export function withSignedLinks(api: WecomApi, env: TenantEnv, customer: () => string, now: () => number): WecomApi {
  const sign = async <M extends OutboundMessage>(message: M): Promise<M> => {
    const texts = message.msgtype === 'text' ? [message.text.content] : [message.msgmenu.head_content ?? '', message.msgmenu.tail_content ?? ''];
    const ids = texts.flatMap(trackedLinkIds);
    if (ids.length === 0) return message;
    const known = await knownTrackedLinkIds(tenantDb(env), ids);
    const signed = (text: string): string => signTrackedLinks(text, known, env.WECOM_ENCODING_AES_KEY, customer(), now());
    if (message.msgtype === 'text') return { ...message, text: { content: signed(message.text.content) } } as M;
    const { head_content, tail_content } = message.msgmenu;
    return { ...message, msgmenu: { ...message.msgmenu, ...(head_content !== undefined && { head_content: signed(head_content) }), ...(tail_content !== undefined && { tail_content: signed(tail_content) }) } } as M;
  };
  return {
    ...api,
    sendMsg: async (req: SendMsgRequest) => api.sendMsg(await sign(req)),
    sendMsgOnEvent: async (req: SendMsgOnEventRequest) => api.sendMsgOnEvent(await sign(req)),
  };
}

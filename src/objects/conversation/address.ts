import type { Env } from '../../env';
import type { Conversation } from './index';

/**
 * A conversation's name, `${open_kfid}:${external_userid}`: its Durable Object's name, its place
 * in Reception's assignments and queue, and the seed of its outbound msgids.
 */
export function conversationKey(openKfid: string, externalUserid: string): string {
  return `${openKfid}:${externalUserid}`;
}

/** The Durable Object of the conversation with this key. */
export function conversationStub(env: Env, key: string): DurableObjectStub<Conversation> {
  return env.CONVERSATION.get(env.CONVERSATION.idFromName(key));
}

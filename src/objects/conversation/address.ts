import type { TenantEnv } from '../../storage/tenant';
import { tenantScoped } from '../../wecom/corp';
import type { Conversation } from './index';

/**
 * A conversation's name, `${open_kfid}:${external_userid}`: its Durable Object's name, its place
 * in Reception's assignments and queue, and the seed of its outbound msgids.
 */
export function conversationKey(openKfid: string, externalUserid: string): string {
  return `${openKfid}:${externalUserid}`;
}

/** The Durable Object of the conversation with this key, in the env's tenant (the same key in two corps is two conversations). */
export function conversationStub(env: TenantEnv, key: string): DurableObjectStub<Conversation> {
  return env.CONVERSATION.get(env.CONVERSATION.idFromName(tenantScoped(env.TENANT, key)));
}

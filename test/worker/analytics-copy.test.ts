import { env, runInDurableObject } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/objects/conversation';
import type { AnalyticsCopy } from '../../src/objects/conversation/analytics-copy';
import { conversationKey, conversationStub } from '../../src/objects/conversation/address';
import type { ConversationMemo } from '../../src/objects/conversation/memory';
import type { Timeline } from '../../src/objects/conversation/timeline';
import { runBatch } from '../../src/storage/bound';
import { listConversationEvents } from '../../src/storage/conversation-events';
import { tenantDb, tenantEnv } from '../../src/storage/tenant';
import { OWN_TENANT } from '../../src/wecom/corp';
import { migrate, resetStorage } from './support/admin';

/** The deployment's own corp. */
const own = tenantEnv(env, OWN_TENANT);
const KF = 'wkCopyRide000001';
const USER = 'wmCopyRide';

/** The collaborators of a Conversation instance this test reaches into. */
interface Inside {
  copy: AnalyticsCopy;
  timeline: Timeline;
  memo: ConversationMemo;
}

beforeAll(migrate);
beforeEach(resetStorage);

describe('the timeline’s copy to D1 riding in a turn’s batch', () => {
  it('a batch failing with the copy runs again without it, and the events wait for the next copy, which lands them once', async () => {
    const stub = conversationStub(own, conversationKey(KF, USER));
    await runInDurableObject(stub, async (instance: Conversation) => {
      const c = instance as unknown as Inside;
      c.memo.adopt(KF, USER);
      c.timeline.record(Date.now(), 'message_in', { msgid: 'm1', text: '你好' });
      const db = tenantDb(own);
      let loads = 0;
      const answer = await c.copy.ride(db, async (alongside) => {
        loads++;
        if (((await alongside?.()) ?? []).length > 0) throw new Error('D1 refused the batch');
        return 'loaded';
      });
      expect([answer, loads]).toEqual(['loaded', 2]);
      expect(c.timeline.uncopied()).toHaveLength(1);

      await c.copy.ride(db, async (alongside) => runBatch(db, (await alongside?.()) ?? []));
      expect(c.timeline.uncopied()).toHaveLength(0);
      // Nothing waits: a work that asks finds nothing to carry.
      expect(await c.copy.ride(db, async (alongside) => (await alongside?.())?.length)).toBe(0);
    });
    const { events } = await listConversationEvents(tenantDb(own), { from: 0, to: Number.MAX_SAFE_INTEGER, limit: 10 });
    expect(events.map((e) => [e.type, e.external_userid])).toEqual([['message_in', USER]]);
  });
});

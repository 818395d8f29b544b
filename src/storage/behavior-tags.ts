import { evaluate } from '../rules/tags';
import type { BehaviorEvent } from './behavior';
import { getCustomer } from './customers';
import { tenantDb, type TenantEnv } from './tenant';
import { runtimeFor } from './runtime';
import { applyTagChanges, type AppliedTagChanges } from './tags';

/**
 * Behaviour tag rules (行为轨迹标签) for an event recorded outside a conversation: a
 * tracked link click, a campaign join posted by another system. The customer's own side of the
 * release decides which rules apply, as it does for their messages.
 */
export async function applyBehaviorTags(env: TenantEnv, event: BehaviorEvent): Promise<AppliedTagChanges> {
  const db = tenantDb(env);
  const customer = await getCustomer(db, event.external_userid);
  const { compiled } = await runtimeFor(env, { external_userid: event.external_userid, tags: customer?.tags ?? [] });
  const actions = evaluate(compiled.tags, { kind: 'behavior', event: event.type, ref: event.ref });
  if (actions.length === 0) return { added: [], removed: [] };
  return applyTagChanges(
    db,
    event.external_userid,
    {
      add: actions.filter((a) => a.action === 'add_tag').map((a) => ({ tag: a.tag, source: 'behavior' as const, source_ref: a.rule_name })),
      remove: actions.filter((a) => a.action === 'remove_tag').map((a) => a.tag),
    },
    event.at,
  );
}

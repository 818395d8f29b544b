import type { ConversationView } from '../objects/conversation';
import { conversationKey, conversationStub } from '../objects/conversation/address';
import { behaviorEventsOf } from '../storage/behavior';
import { loadStableConfig } from '../storage/config-store';
import { getCustomer, type CustomerProfile } from '../storage/customers';
import { eraseCustomerRows, kfAccountsOf, recordErasure, type ErasedRows } from '../storage/privacy';
import { uncertainQuestionsOf, type UncertainQuestionRow } from '../storage/uncertain-questions';
import { violationsOf, type Violation } from '../storage/violations';
import { sha256Hex } from './auth';
import { type TenantEnv, tenantDb } from '../storage/tenant';

/**
 * The customer's rights under PIPL (个人信息保护法): erasure (art. 47) and access (art. 45).
 * A customer's data lives in D1 (profile, tags, behaviour events, violations, the timeline's
 * analytics copy, the masked questions kept for suggestions) and in one Conversation object per kf account they talked to.
 */

export interface ErasedCounts extends ErasedRows {
  /** Conversation objects that held something of the customer (each is emptied). */
  conversations: number;
}

export interface ErasureAnswer {
  deleted: ErasedCounts;
  /** False when a table held more rows than one request erases: repeat the request. */
  complete: boolean;
  /** The audit line's id (table `erasures`). */
  erasure_id: string;
}

export interface CustomerExport {
  external_userid: string;
  exported_at: number;
  /** Null when there is no profile (only conversations or events remain). */
  profile: CustomerProfile | null;
  behavior_events: Awaited<ReturnType<typeof behaviorEventsOf>>;
  violations: Violation[];
  uncertain_questions: UncertainQuestionRow[];
  conversations: ConversationView[];
}

/**
 * The kf accounts whose Conversation object may hold the customer: those D1 knows of, and every
 * account of the stable config's links and channels (a conversation whose timeline has not been
 * copied to D1 yet leaves no trace there).
 */
async function kfAccounts(env: TenantEnv, externalUserid: string): Promise<string[]> {
  const [known, config] = await Promise.all([kfAccountsOf(tenantDb(env), externalUserid), loadStableConfig(env)]);
  const configured = [...(config?.links ?? []).map((l) => l.open_kfid), ...(config?.channels ?? []).flatMap((ch) => (ch.open_kfid ? [ch.open_kfid] : []))];
  return [...new Set([...known, ...configured])].sort();
}

const conversation = (env: TenantEnv, openKfid: string, externalUserid: string) => conversationStub(env, conversationKey(openKfid, externalUserid));

/**
 * Erases the customer everywhere. The conversations go first: a conversation copies its timeline
 * to D1 as it runs, so D1 is emptied only once no conversation can copy anything more. Every
 * request leaves an audit line, with the subject as the SHA-256 of their id. Idempotent: a repeat
 * answers zeros (and is audited too).
 */
export async function eraseCustomer(env: TenantEnv, externalUserid: string, requestedBy: string): Promise<ErasureAnswer> {
  const db = tenantDb(env);
  const accounts = await kfAccounts(env, externalUserid);
  const forgotten = await Promise.all(accounts.map((kf) => conversation(env, kf, externalUserid).forget()));
  const { rows, complete } = await eraseCustomerRows(db, externalUserid);
  const deleted = { ...rows, conversations: forgotten.filter((f) => f.forgotten).length };
  const audit = await recordErasure(db, { at: Date.now(), subject_hash: await sha256Hex(externalUserid), requested_by: requestedBy, counts: { ...deleted, complete } });
  return { deleted, complete, erasure_id: audit.id };
}

/** Everything stored about the customer as one document; null when nothing is. */
export async function exportCustomer(env: TenantEnv, externalUserid: string): Promise<CustomerExport | null> {
  const db = tenantDb(env);
  const [profile, behavior, violations, questions, accounts] = await Promise.all([
    getCustomer(db, externalUserid),
    behaviorEventsOf(db, externalUserid),
    violationsOf(db, externalUserid),
    uncertainQuestionsOf(db, externalUserid),
    kfAccounts(env, externalUserid),
  ]);
  const views = await Promise.all(accounts.map((kf) => conversation(env, kf, externalUserid).view()));
  // A conversation object that never heard of the customer knows no identity.
  const conversations = views.filter((v) => v.external_userid !== null);
  if (!profile && behavior.length === 0 && violations.length === 0 && questions.length === 0 && conversations.length === 0) return null;
  return { external_userid: externalUserid, exported_at: Date.now(), profile, behavior_events: behavior, violations, uncertain_questions: questions, conversations };
}

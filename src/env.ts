import type { AccessTokenCache } from './objects/access-token';
import type { Breaker } from './objects/breaker';
import type { Conversation } from './objects/conversation';
import type { Inbox } from './objects/inbox';
import type { Reception } from './objects/reception';
import type { Suite } from './objects/suite';

/** Bindings and settings of the Worker; names follow the outside contract. */
export interface Env {
  WECOM_CORP_ID: string;
  WECOM_TOKEN: string;
  WECOM_ENCODING_AES_KEY: string;
  WECOM_KF_SECRET: string;
  WECOM_API_BASE: string;
  WECOM_REPLAY_WINDOW_S: string;
  ADMIN_TOKEN: string;
  /** The self-built app's AgentId, for the console's WeCom QR sign-in (README "Signing in to the console"). */
  WECOM_AGENT_ID?: string;
  /** JSON allow-list of who may sign in to the console by QR and with which role (src/admin/signin/members.ts). */
  CONSOLE_MEMBERS?: string;
  /**
   * Many-corps mode (third-party / 代开发), off unless WECOM_SUITE_ID is set; src/wecom/suite-settings.ts
   * reads these five (and the optional WECOM_PROVIDER_SECRET). Vars in wrangler.toml (empty by default), secrets by `wrangler secret put`.
   */
  WECOM_PROVIDER_CORP_ID?: string;
  WECOM_SUITE_ID?: string;
  WECOM_SUITE_SECRET?: string;
  WECOM_SUITE_TOKEN?: string;
  WECOM_SUITE_ENCODING_AES_KEY?: string;
  /** Optional: the provider's Secret, for the provider token (代开发 QR link, licence checks). */
  WECOM_PROVIDER_SECRET?: string;
  /** "1": count every binding operation into the log (src/runtime/profile.ts); only `npm run load -- --profile` sets it. */
  LOAD_PROFILE?: string;
  /** "1": log each object run's phases and what started it (src/runtime/run-trace.ts); only `npm run load -- --runs` sets it. */
  LOAD_RUNS?: string;
  DB: D1Database;
  KV: KVNamespace;
  ACCESS_TOKEN: DurableObjectNamespace<AccessTokenCache>;
  INBOX: DurableObjectNamespace<Inbox>;
  CONVERSATION: DurableObjectNamespace<Conversation>;
  RECEPTION: DurableObjectNamespace<Reception>;
  BREAKER: DurableObjectNamespace<Breaker>;
  /** Many-corps mode: the suite's ticket, tokens and authorized corps (one instance per suite id). */
  SUITE: DurableObjectNamespace<Suite>;
  /**
   * Workers AI, for the optional NLP adapter (src/engine/nlp.ts; config `bot.nlp.enabled`) and the
   * semantic path (config `understanding.semantic.enabled`). Not
   * bound by default (it needs a Cloudflare account): add `[ai] binding = "AI"` to wrangler.toml.
   */
  AI?: Ai;
  /**
   * Optional Vectorize index for the semantic path's large knowledge bases (config
   * `understanding.semantic.store`; README "Semantic path (Workers AI)"): 1,024 dimensions, cosine.
   */
  VECTORIZE?: Vectorize;
  /** The console's static files (wrangler.toml [assets]), served before the Worker runs; tests read them through it. */
  ASSETS: Fetcher;
}

type WorkerEnv = Env;
declare global {
  namespace Cloudflare {
    // Lets `cloudflare:test`'s `env` and `cloudflare:workers` see our bindings.
    interface Env extends WorkerEnv {}
  }
}

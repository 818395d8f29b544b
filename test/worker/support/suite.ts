import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../../src/index';
import type { AuthorizeAnswer, SimCallback, SimInstruction, SuiteSetupRequest } from '../../../src/simulator';
import { freshSystem } from './fresh';
import { resetSim } from './sim';

/**
 * Many-corps mode in worker tests: the Worker run with the suite's settings added to the test env
 * (single-corp tests keep the env as it is), and the simulator's provider (src/simulator/suite/).
 */

export const SUITE = {
  providerCorpId: 'wwprovider00000001',
  suiteId: 'wwsuite00000000001',
  secret: 'suite-secret-0123456789abcdefghij',
  token: 'suitetoken',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  providerSecret: 'provider-secret-0123456789abcdef',
};
/** A 代开发 template's id. */
export const DK_SUITE = 'dk00000000000000a1';

export const CORP_A = 'wwcorpa00000000001';
export const CORP_B = 'wwcorpb00000000002';
export const CORPS = [
  { corp_id: env.WECOM_CORP_ID, name: '测试企业' },
  { corp_id: CORP_A, name: '甲公司' },
  { corp_id: CORP_B, name: '乙公司' },
];

/** The Worker's env in many-corps mode; `providerSecret: null` leaves WECOM_PROVIDER_SECRET unset. */
export function suiteEnv(suiteId = SUITE.suiteId, providerSecret: string | null = SUITE.providerSecret) {
  return {
    ...env,
    ...(providerSecret === null ? {} : { WECOM_PROVIDER_SECRET: providerSecret }),
    WECOM_PROVIDER_CORP_ID: SUITE.providerCorpId,
    WECOM_SUITE_ID: suiteId,
    WECOM_SUITE_SECRET: SUITE.secret,
    WECOM_SUITE_TOKEN: SUITE.token,
    WECOM_SUITE_ENCODING_AES_KEY: SUITE.encodingAesKey,
  };
}

/** A request to the Worker in many-corps mode; the work it leaves after answering (waitUntil) is finished before this returns. */
export async function suiteFetch(path: string, init: RequestInit = {}, suiteId = SUITE.suiteId, providerSecret: string | null = SUITE.providerSecret): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://edge.test${path}`, init), suiteEnv(suiteId, providerSecret), ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export const deliverSigned = (cb: SimInstruction | SimCallback, suiteId?: string) =>
  suiteFetch(cb.path_and_query, { method: 'POST', body: cb.body, headers: { 'content-type': 'text/xml' } }, suiteId);

/**
 * In the worker-suite project (its env is in many-corps mode already): POSTs a callback to the
 * Worker through SELF and insists on 200 `success`.
 */
export async function deliverSelf(cb: SimCallback | SimInstruction): Promise<void> {
  const r = await SELF.fetch(`http://edge.test${cb.path_and_query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: cb.body });
  const text = await r.text();
  if (r.status !== 200 || text !== 'success') throw new Error(`the callback answered ${r.status} ${text}`);
}

/** An empty system whose suite has a ticket and is installed in `corps` (the own corp, corp A and corp B unless told). */
export async function freshCorps(corps: string[] = [env.WECOM_CORP_ID, CORP_A, CORP_B]): Promise<void> {
  await freshSystem();
  await resetSim();
  await suiteSim.setup();
  await deliverSelf(await suiteSim.ticket());
  for (const corp of corps) await install(corp);
}

export const adminSuite = (path: string, init: RequestInit = {}) =>
  suiteFetch(`/admin/api${path}`, { ...init, headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const r = await fetch(`http://wecom.test/_sim/suite/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await r.text();
  if (!r.ok) throw new Error(`simulator ${method} /_sim/suite/${path} answered ${r.status}: ${text}`);
  return JSON.parse(text) as T;
}

export const suiteSim = {
  setup: (overrides: Partial<SuiteSetupRequest> = {}) =>
    control<{ ok: true }>('POST', 'setup', {
      suite_id: SUITE.suiteId,
      suite_secret: SUITE.secret,
      token: SUITE.token,
      encoding_aes_key: SUITE.encodingAesKey,
      provider_corp_id: SUITE.providerCorpId,
      provider_secret: SUITE.providerSecret,
      corps: CORPS,
      ...overrides,
    }),
  ticket: () => control<SimInstruction>('POST', 'ticket', {}),
  authorize: (body: { pre_auth_code: string; corp_id: string; userid?: string; redirect_uri?: string; state?: string }) => control<AuthorizeAnswer>('POST', 'authorize', body),
  cancel: (corp_id: string) => control<SimInstruction>('POST', 'cancel', { corp_id }),
  change: (corp_id: string, name?: string) => control<SimInstruction>('POST', 'change', { corp_id, ...(name ? { name } : {}) }),
  reset: (corp_id: string) => control<SimInstruction>('POST', 'reset', { corp_id }),
  expireToken: (invalid = false) => control<{ ok: true }>('POST', 'token/expire', { invalid }),
  expireProviderToken: (invalid = false) => control<{ ok: true }>('POST', 'provider-token/expire', { invalid }),
  scan: (body: { qrcode_url: string; corp_id: string; userid?: string }) => control<{ auth_code: string; state: string; callback: SimInstruction }>('POST', 'scan', body),
  license: (body: { corp_id: string; license_status: 0 | 1; trial_start?: number; trial_end?: number; check_time?: number }) => control<{ ok: true }>('POST', 'license', body),
  kfEvent: (corp_id: string, open_kfid: string) => control<SimCallback>('POST', 'kf-event', { corp_id, open_kfid }),
  state: () => control<{ suite_id: string; corps: { corp_id: string; name: string; authorized: boolean }[]; corp_tokens: string[] }>('GET', 'state'),
};

/** The Worker takes a fresh ticket, then an admin installs the suite in `corpId` through the install link and its redirect. */
export async function install(corpId: string): Promise<{ page: Response; authorize: AuthorizeAnswer }> {
  const link = await adminSuite('/corps/install-link', { method: 'POST' });
  if (link.status !== 200) throw new Error(`install-link answered ${link.status}: ${await link.text()}`);
  const url = new URL(((await link.json()) as { url: string }).url);
  const q = Object.fromEntries(url.searchParams);
  const authorize = await suiteSim.authorize({ pre_auth_code: q.pre_auth_code!, corp_id: corpId, redirect_uri: q.redirect_uri!, state: q.state! });
  const redirect = new URL(authorize.redirect!);
  return { page: await suiteFetch(`${redirect.pathname}${redirect.search}`), authorize };
}

/** A 代开发 template's QR link from the Worker, scanned by `corpId`'s admin, and the create_auth push delivered. */
export async function installCustomized(corpId: string, suiteId = DK_SUITE): Promise<{ url: string; state: string; delivered: Response }> {
  const link = await suiteFetch('/admin/api/corps/install-link', { method: 'POST', headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } }, suiteId);
  if (link.status !== 200) throw new Error(`install-link answered ${link.status}: ${await link.text()}`);
  const { url } = (await link.json()) as { url: string };
  const scanned = await suiteSim.scan({ qrcode_url: url, corp_id: corpId });
  return { url, state: scanned.state, delivered: await deliverSigned(scanned.callback, suiteId) };
}

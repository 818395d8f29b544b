import type { Http } from './http';
import type {
  AcceptAnswer,
  AcceptSuggestion,
  AuditPage,
  ChannelLink,
  ChannelSnippets,
  CompareAnswer,
  ConfigInput,
  ConversationView,
  CorpsAnswer,
  CreatedKfAccount,
  DiagnosticsAnswer,
  DismissAnswer,
  InstallLinkAnswer,
  KfAccountsAnswer,
  MetricsAnswer,
  PutConfigAnswer,
  MetricsQuery,
  RangeQuery,
  ReleaseAnswer,
  ReleaseRequest,
  ServicerChange,
  ServicerChangeAnswer,
  ServicersAnswer,
  SessionAnswer,
  SignOutAnswer,
  StoredVersion,
  SuggestionDetail,
  SuggestionPage,
  TryAnswer,
  User,
  UserPage,
  ValidateAnswer,
  VersionMeta,
} from './shapes';

/** Every admin API route the console calls, typed by the server's schemas (README "The admin API"). */
export type AdminApi = ReturnType<typeof adminApi>;

const seg = encodeURIComponent;
const query = (q: Record<string, string | number | undefined>): string => {
  const params = new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));
  return params.size ? `?${params}` : '';
};

export function adminApi(http: Http) {
  const get = <T>(path: string) => http.request<T>('GET', path);
  const post = <T>(path: string, json: unknown) => http.request<T>('POST', path, { json });
  return {
    release: () => get<ReleaseAnswer>('/release'),
    config: () => get<ConfigInput>('/config'),
    validate: (doc: ConfigInput) => post<ValidateAnswer>('/config/validate', doc),
    putConfig: (doc: ConfigInput, note?: string) => http.request<PutConfigAnswer>('PUT', `/config${query({ note })}`, { json: doc }),
    versions: () => get<{ items: VersionMeta[] }>('/config/versions'),
    version: (n: number) => get<StoredVersion>(`/config/versions/${n}`),
    releaseTo: (req: ReleaseRequest) => post<ReleaseAnswer>('/release', req),
    rollback: () => post<ReleaseAnswer>('/release/rollback', {}),
    compare: (range: RangeQuery) => get<CompareAnswer>(`/release/compare${query(range)}`),
    metrics: (q: MetricsQuery) => get<MetricsAnswer>(`/metrics${query(q)}`),
    tryText: (text: string) => post<TryAnswer>('/knowledge/try', { text }),
    suggestions: (cursor?: string) => get<SuggestionPage>(`/knowledge/suggestions${query({ cursor })}`),
    suggestion: (id: string) => get<SuggestionDetail>(`/knowledge/suggestions/${seg(id)}`),
    acceptSuggestion: (id: string, body: AcceptSuggestion) => post<AcceptAnswer>(`/knowledge/suggestions/${seg(id)}/accept`, body),
    dismissSuggestion: (id: string) => post<DismissAnswer>(`/knowledge/suggestions/${seg(id)}/dismiss`, {}),
    users: (tag: string, cursor?: string) => get<UserPage>(`/users${query({ tag, cursor, limit: 50 })}`),
    user: (id: string) => get<User>(`/users/${seg(id)}`),
    conversation: (openKfid: string, userid: string) => get<ConversationView>(`/conversations/${seg(openKfid)}/${seg(userid)}`),
    /** Reads the channel's link: 404 until it was made. */
    channelLink: (code: string) => get<ChannelLink>(`/channels/${seg(code)}/link`),
    /** Makes the channel's link (WeCom's add_contact_way, once; later calls answer the same link). */
    makeChannelLink: (code: string) => post<ChannelLink>(`/channels/${seg(code)}/link`, {}),
    channelQr: async (code: string) => (await http.raw('GET', `/channels/${seg(code)}/qr.svg`)).blob(),
    channelSnippets: (code: string) => get<ChannelSnippets>(`/channels/${seg(code)}/snippets`),
    accounts: () => get<KfAccountsAnswer>('/kf/accounts'),
    createAccount: (form: FormData) => http.request<CreatedKfAccount>('POST', '/kf/accounts', { form }),
    updateAccount: (openKfid: string, form: FormData) => http.request<CreatedKfAccount>('PATCH', `/kf/accounts/${seg(openKfid)}`, { form }),
    servicers: (openKfid: string) => get<ServicersAnswer>(`/kf/accounts/${seg(openKfid)}/servicers`),
    addServicers: (openKfid: string, change: ServicerChange) => post<ServicerChangeAnswer>(`/kf/accounts/${seg(openKfid)}/servicers`, change),
    removeServicers: (openKfid: string, change: ServicerChange) => http.request<ServicerChangeAnswer>('DELETE', `/kf/accounts/${seg(openKfid)}/servicers`, { json: change }),
    diagnostics: () => get<DiagnosticsAnswer>('/diagnostics'),
    /** Who is signed in (token or QR session) and the session's CSRF token. */
    session: () => get<SessionAnswer>('/session'),
    signOut: () => http.request<SignOutAnswer>('DELETE', '/session'),
    audit: (cursor?: string) => get<AuditPage>(`/audit${query({ cursor, limit: 50 })}`),
    /** Many-corps mode, the provider admin only. */
    corps: () => get<CorpsAnswer>('/corps'),
    installLink: (test: boolean) => post<InstallLinkAnswer>('/corps/install-link', { test }),
    installQr: async (url: string) => (await http.raw('GET', `/corps/install-link/qr.svg${query({ url })}`)).blob(),
  };
}

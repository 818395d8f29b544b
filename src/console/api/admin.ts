import type { Http } from './http';
import type {
  ChannelLink,
  CompareAnswer,
  ConfigInput,
  ConversationView,
  MetricsAnswer,
  PutConfigAnswer,
  RangeQuery,
  ReleaseAnswer,
  ReleaseRequest,
  StoredVersion,
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
    metrics: (range: RangeQuery) => get<MetricsAnswer>(`/metrics${query(range)}`),
    tryText: (text: string) => post<TryAnswer>('/knowledge/try', { text }),
    suggestions: () => get<unknown>('/knowledge/suggestions'),
    dismissSuggestion: (id: string) => post<unknown>(`/knowledge/suggestions/${seg(id)}/dismiss`, {}),
    users: (tag: string, cursor?: string) => get<UserPage>(`/users${query({ tag, cursor, limit: 50 })}`),
    user: (id: string) => get<User>(`/users/${seg(id)}`),
    conversation: (openKfid: string, userid: string) => get<ConversationView>(`/conversations/${seg(openKfid)}/${seg(userid)}`),
    channelLink: (code: string) => get<ChannelLink>(`/channels/${seg(code)}/link`),
    channelQr: async (code: string) => (await http.raw('GET', `/channels/${seg(code)}/qr.svg`)).blob(),
    accounts: () => get<unknown>('/kf/accounts'),
    createAccount: (form: FormData) => http.request<{ open_kfid: string }>('POST', '/kf/accounts', { form }),
    updateAccount: (openKfid: string, form: FormData) => http.request<unknown>('PATCH', `/kf/accounts/${seg(openKfid)}`, { form }),
    servicers: (openKfid: string) => get<unknown>(`/kf/accounts/${seg(openKfid)}/servicers`),
    addServicers: (openKfid: string, userids: string[]) => post<unknown>(`/kf/accounts/${seg(openKfid)}/servicers`, { userid_list: userids }),
    removeServicers: (openKfid: string, userids: string[]) => http.request<unknown>('DELETE', `/kf/accounts/${seg(openKfid)}/servicers`, { json: { userid_list: userids } }),
    diagnostics: () => get<unknown>('/diagnostics'),
  };
}

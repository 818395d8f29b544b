import { ApiError } from './api-error';
import type { ErrorBody } from './shapes';
import type { Session } from './session';

/** Messages an operator can act on, for the statuses that are about them rather than the request. */
const STATUS_TEXT: Record<number, string> = { 401: '令牌无效或已吊销（或登录已过期），请重新登录', 403: '权限不足', 429: '存储繁忙，请稍后重试' };

export type Body = { json: unknown } | { form: FormData };

export class Http {
  constructor(
    private readonly session: Session,
    private readonly onUnauthorized: () => void,
  ) {}

  async request<T>(method: string, path: string, body?: Body): Promise<T> {
    const response = await this.raw(method, path, body);
    return (await response.json()) as T;
  }

  /** The answer itself (for an SVG or a file), after the same checks. */
  async raw(method: string, path: string, body?: Body): Promise<Response> {
    const headers: Record<string, string> = { ...this.session.headers() };
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) payload = body.form;
    const response = await fetch(`/admin/api${path}`, { method, headers, body: payload ?? null, credentials: 'same-origin' });
    if (response.ok) return response;
    const error = await readError(response);
    if (response.status === 401) this.onUnauthorized();
    throw error;
  }
}

async function readError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  const e = body?.error;
  const message = STATUS_TEXT[response.status] ?? e?.message ?? `HTTP ${response.status}`;
  return new ApiError(response.status, e?.code ?? 'http_error', message, Array.isArray(e?.issues) ? e.issues : []);
}

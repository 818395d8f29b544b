import { ApiError } from '../api/api-error';

/** WeCom refusing a call the admin API made for the operator (502 `wecom_error`), as the operator reads it. */
export interface WecomRefusal {
  /** What happened, in Chinese. */
  message: string;
  /** WeCom's errcode; -1 when the call failed before WeCom answered. */
  errcode: number | null;
  /** What to do, in Chinese ('' when WeCom's table has nothing to add). */
  fix: string;
}

/**
 * The refusal in an error, or null for any other error. The server's message is the Chinese
 * sentence followed by the fix; `issues[0]` carries the errcode and the fix on their own, so the
 * fix is shown apart instead of twice.
 */
export function wecomRefusal(e: unknown): WecomRefusal | null {
  if (!(e instanceof ApiError) || e.code !== 'wecom_error') return null;
  const issue = e.issues[0];
  const fix = typeof issue?.['fix'] === 'string' ? issue['fix'] : '';
  const errcode = typeof issue?.['errcode'] === 'number' ? issue['errcode'] : null;
  const message = fix && e.message.endsWith(fix) ? e.message.slice(0, -fix.length).replace(/[。.\s]+$/, '') : e.message;
  return { message, errcode, fix };
}

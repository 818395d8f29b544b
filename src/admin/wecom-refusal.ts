import { failureHelp } from '../wecom/errcode-help';
import { WecomApiError } from '../wecom/errors';
import { ApiError } from './errors';

/**
 * WeCom refusing a call the admin API made for the operator: 502 `wecom_error`, the message in
 * Chinese saying what happened and what to do, and one issue carrying WeCom's errcode (-1 when the
 * transport failed before WeCom answered), its errmsg and the fix.
 */
export function wecomRefusal(e: WecomApiError): ApiError {
  const help = failureHelp(e);
  return new ApiError(502, 'wecom_error', `${help.message}。${help.fix}`, [
    { code: 'wecom_errcode', path: [], message: `${e.path}: ${e.errmsg || e.kind}`, errcode: e.errcode, fix: help.fix },
  ]);
}

/** Runs a WeCom call; its refusal becomes the 502 above, anything else passes through. */
export async function viaWecom<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof WecomApiError) throw wecomRefusal(e);
    throw e;
  }
}

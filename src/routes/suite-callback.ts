import { Hono } from 'hono';
import type { Env } from '../env';
import { forgetCorpActive } from '../objects/corp-api';
import { suiteStub } from '../objects/suite';
import { AUTH_CODE_INVALID } from '../wecom/suite-api';
import { InstructionError, readInstruction, type ReadInstruction } from '../wecom/suite-instructions';
import { suiteSettings, type SuiteSettings } from '../wecom/suite-settings';
import { refusalHandler, verifySuiteUrl } from './callback';
import { authenticate, cryptoOf, logAt, MAX_CALLBACK_BYTES, openEncrypted, readBoundedBody, readEnvelope, readQuery, readXml, Refusal } from './callback-envelope';
import { installPage } from './suite-pages';

/**
 * Many-corps mode's public routes under /wecom/suite (404 while WECOM_SUITE_ID is unset):
 *
 * - `GET|POST /callback`: the suite's instruction URL (指令回调). Signed and encrypted with the
 *   suite's Token and EncodingAESKey for the suite id (https://developer.work.weixin.qq.com/document/path/97172).
 *   Each instruction is stored in the Suite object before `success` is answered, and whatever needs
 *   a WeCom call (exchanging an AuthCode, re-reading a corp) runs after the answer: create_auth and
 *   reset_permanent_code must be answered within 1000 ms (https://developer.work.weixin.qq.com/document/path/90642).
 * - `GET /authorized?auth_code=&state=`: the install link's redirect_uri
 *   (https://developer.work.weixin.qq.com/document/path/90597).
 */

const log = (level: 'log' | 'warn' | 'error', fields: Record<string, unknown>) => logAt('wecom.suite', level, fields);

function settingsOf(env: Env): SuiteSettings {
  const suite = suiteSettings(env);
  if (!suite) throw new Refusal(404, 'suite_mode_off', 'many-corps mode is off (WECOM_SUITE_ID is not set)');
  return suite;
}

/** The instruction of a signed POST: decrypted for our suite id (or our provider corp id), naming our suite. */
export function openInstruction(suite: SuiteSettings, replayWindow: string | undefined, rawQuery: Record<string, string>, contentType: string | undefined, body: string, nowMs: number): ReadInstruction {
  const query = readQuery(rawQuery, ['msg_signature', 'timestamp', 'nonce']);
  const { encrypted } = readEnvelope(contentType, body);
  const crypto = authenticate(cryptoOf(suite.token, suite.encodingAesKey, ''), replayWindow, query, encrypted, nowMs);
  const { message, receiveId } = openEncrypted(crypto, encrypted);
  // The receiveid is the suite id; one developer saw the provider corp id on create_auth.
  if (receiveId !== suite.suiteId && receiveId !== suite.providerCorpId) throw new Refusal(401, 'wrong_receiveid', 'the instruction is not for this suite id');
  let read: ReadInstruction;
  try {
    read = readInstruction(readXml(message, 'decrypted instruction'));
  } catch (error) {
    if (error instanceof InstructionError) throw new Refusal(400, 'bad_instruction', error.message);
    throw error;
  }
  const suiteId = read.kind === 'known' ? read.instruction.SuiteId : read.suiteId;
  if (suiteId !== suite.suiteId) throw new Refusal(401, 'other_suite', `the instruction is for suite ${suiteId}, not this one`);
  return read;
}

export const suiteRoutes = new Hono<{ Bindings: Env }>();
suiteRoutes.onError(refusalHandler('wecom.suite'));

suiteRoutes.get('/callback', (c) => {
  const message = verifySuiteUrl(settingsOf(c.env), c.env.WECOM_REPLAY_WINDOW_S, c.req.query(), Date.now());
  log('log', { method: 'GET', status: 200, reason: 'url_verified' });
  return c.text(message);
});

suiteRoutes.post('/callback', async (c) => {
  const suite = settingsOf(c.env);
  const body = await readBoundedBody(c.req.raw, MAX_CALLBACK_BYTES);
  const read = openInstruction(suite, c.env.WECOM_REPLAY_WINDOW_S, c.req.query(), c.req.header('content-type'), body, Date.now());
  if (read.kind === 'other') {
    log('log', { method: 'POST', status: 200, reason: 'ignored_instruction', infoType: read.infoType });
    return c.text('success');
  }
  const { stub, context } = suiteStub(c.env, suite);
  const instruction = read.instruction;
  const settle = () => stub.settle(context).then((results) => results.forEach((r) => r.ok || log('warn', { reason: 'exchange_failed', errcode: r.failure.errcode, detail: r.failure.errmsg })));
  // Replays are harmless: a ticket older than the one kept is ignored, an AuthCode already
  // exchanged is read back, and cancelling twice cancels once.
  switch (instruction.InfoType) {
    case 'suite_ticket':
      await stub.takeTicket(context, instruction.SuiteTicket, Number(instruction.TimeStamp));
      // Every 10 minutes: also the retry of an AuthCode whose exchange failed earlier.
      c.executionCtx.waitUntil(settle());
      break;
    case 'create_auth':
      // A State (our install link's, or a 代开发 QR code's) must be one we issued, or nothing is installed.
      await stub.noteAuthCode(context, instruction.AuthCode, instruction.State || undefined);
      c.executionCtx.waitUntil(settle());
      break;
    case 'reset_permanent_code':
      await stub.noteAuthCode(context, instruction.AuthCode);
      c.executionCtx.waitUntil(settle());
      break;
    case 'cancel_auth':
      await stub.cancel(context, instruction.AuthCorpId);
      forgetCorpActive(instruction.AuthCorpId);
      break;
    case 'change_auth':
      c.executionCtx.waitUntil(stub.changed(context, instruction.AuthCorpId).then((r) => r.ok || log('warn', { reason: 'change_auth_failed', errcode: r.failure.errcode })));
      break;
  }
  log('log', { method: 'POST', status: 200, reason: instruction.InfoType });
  return c.text('success');
});

const STATE = /^[A-Za-z0-9]{1,128}$/;
const AUTH_CODE = /^[\x21-\x7e]{1,512}$/;

suiteRoutes.get('/authorized', async (c) => {
  const suite = settingsOf(c.env);
  const { auth_code: code = '', state = '' } = c.req.query();
  const page = (status: 200 | 400 | 502, title: string, ...lines: string[]) => c.html(installPage(title, lines), status);
  if (!AUTH_CODE.test(code) || !STATE.test(state)) return page(400, '授权链接不完整', '地址中缺少授权码（auth_code）或状态（state）。请回到服务商提供的安装链接重新安装。');
  const { stub, context } = suiteStub(c.env, suite);
  const result = await stub.completeInstall(context, code, state);
  if (result.ok) {
    log('log', { method: 'GET', status: 200, reason: 'installed', corp: result.corp.corp_id });
    return page(200, '企业已连接', `「${result.corp.name}」（${result.corp.corp_id}）已授权本应用，客服消息将由本服务处理。`, '可以关闭此页面。');
  }
  if ('badState' in result) return page(400, '安装链接已失效', '这个安装链接不是本服务发出的，或已使用、已超过 20 分钟。请向服务商重新获取安装链接。');
  log('warn', { method: 'GET', status: result.failure.errcode === AUTH_CODE_INVALID ? 400 : 502, reason: 'install_failed', errcode: result.failure.errcode });
  if (result.failure.errcode === AUTH_CODE_INVALID) return page(400, '授权码无效', '授权码已使用或已过期（企业微信 errcode 40078）。请向服务商重新获取安装链接后再安装。');
  return page(502, '暂时无法完成授权', `企业微信暂时没有完成授权（errcode ${result.failure.errcode}）。请稍后刷新本页；仍不成功请联系服务商。`);
});

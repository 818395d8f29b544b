import { z } from 'zod';
import { callWecom, DEFAULT_TIMEOUT_MS } from './api';
import type { SuiteCall } from './suite-api';
import { AuthUserInfoAnswerSchema, type AuthUserInfoAnswer } from './types';

/**
 * Who signed in to an authorized corp's console, and whether they administer the app there:
 * - a third-party app's web login (login_type=ServiceApp) answers a code that
 *   service/auth/getuserinfo3rd turns into the person's corp and userid, with the suite token
 *   (https://developer.work.weixin.qq.com/document/path/98179);
 * - a 代开发 app's web login (login_type=CorpApp, the corp's AgentId) answers a code that
 *   auth/getuserinfo turns into a userid, with the corp's token
 *   (https://developer.work.weixin.qq.com/document/path/98176);
 * - agent/get_admin_list lists the app's admins in a corp, auth_type 1 managing the app and 0 only
 *   sending messages (https://developer.work.weixin.qq.com/document/path/100072).
 */

export const UserInfo3rdAnswerSchema = z.looseObject({
  corpid: z.string().min(1).optional(),
  userid: z.string().min(1).optional(),
  open_userid: z.string().optional(),
  /** A WeChat user who is no member of any corp gets only this. */
  openid: z.string().optional(),
});
export type UserInfo3rdAnswer = z.infer<typeof UserInfo3rdAnswerSchema>;

/** auth_type 1: may manage the app (管理); 0: may only send messages (发消息). */
export const APP_ADMIN_MANAGES = 1;
export const AdminListAnswerSchema = z.looseObject({ admin: z.array(z.looseObject({ userid: z.string(), auth_type: z.number().int() })).default([]) });
export type AdminListAnswer = z.infer<typeof AdminListAnswerSchema>;

const timeout = (call: SuiteCall) => call.timeoutMs ?? DEFAULT_TIMEOUT_MS;

export const getUserInfo3rd = (call: SuiteCall, suiteToken: string, code: string): Promise<UserInfo3rdAnswer> =>
  callWecom({ base: call.base, method: 'GET', path: '/cgi-bin/service/auth/getuserinfo3rd', query: { suite_access_token: suiteToken, code }, schema: UserInfo3rdAnswerSchema, timeoutMs: timeout(call) });

export const getCorpUserInfo = (call: SuiteCall, corpToken: string, code: string): Promise<AuthUserInfoAnswer> =>
  callWecom({ base: call.base, method: 'GET', path: '/cgi-bin/auth/getuserinfo', query: { access_token: corpToken, code }, schema: AuthUserInfoAnswerSchema, timeoutMs: timeout(call) });

export const getAdminList = (call: SuiteCall, corpToken: string, agentId: number): Promise<AdminListAnswer> =>
  callWecom({ base: call.base, method: 'POST', path: '/cgi-bin/agent/get_admin_list', query: { access_token: corpToken }, body: { agentid: agentId }, schema: AdminListAnswerSchema, timeoutMs: timeout(call) });

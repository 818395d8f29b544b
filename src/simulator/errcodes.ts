/**
 * The errcodes the simulator answers.
 *
 * REAL: documented or seen in public sources (https://developer.work.weixin.qq.com/document/path/90313, WeCom's
 * global errcode table). CHOSEN: the platform certainly refuses the case, but no public source
 * names the code, so the simulator picks one; the Worker must not depend on these numbers beyond
 * treating them as definitive refusals (except `duplicateMsgid`, which means "already delivered").
 */
export const Errcode = {
  ok: 0,
  /** REAL 系统繁忙: transient, retry. */
  systemBusy: -1,
  /** REAL 不合法的secret参数 (gettoken). */
  invalidSecret: 40001,
  /** REAL 不合法的CorpID (gettoken). */
  invalidCorpId: 40013,
  /** REAL 不合法的access_token: unknown token, or one invalidated by `/_sim/token/expire {invalid:true}`. */
  invalidAccessToken: 40014,
  /** REAL 不合法的参数: malformed body or field (bad msgid, bad cursor, bad limit, bad msgmenu…). */
  invalidParameter: 40058,
  /** REAL 不合法的oauth_code: a web-login code unknown, already used, past its 5 minutes, or of another app or corp (auth/getuserinfo, service/auth/getuserinfo3rd). */
  invalidCode: 40029,
  /** REAL 不合法的外部联系人userid: a customer the platform never saw. */
  invalidExternalUserid: 40096,
  /** REAL 缺少access_token参数. */
  missingAccessToken: 41001,
  /** REAL access_token已过期 (7200 s on the simulator clock, or forced). */
  accessTokenExpired: 42001,
  /** REAL 数据格式错误: the body is not a JSON object. */
  dataFormat: 47001,
  /** REAL 文本消息content参数为空. */
  emptyContent: 44004,
  /** REAL 消息内容大小超过限制: text over 2048 bytes, menu texts over their limits. */
  contentTooLong: 45002,
  /** REAL 接口并发调用超过限制: more concurrent kf/sync_msg calls than the limit (default 5). */
  concurrencyLimit: 45033,
  /** REAL 无效的 open_kfid: malformed. */
  invalidOpenKfid: 95000,
  /** CHOSEN: send_msg more than 48 hours after the customer's last message (or before any). */
  sendWindowClosed: 95001,
  /** CHOSEN: send_msg after 5 messages since the customer's last message. */
  sendQuotaExceeded: 95002,
  /**
   * CHOSEN: a msgid already used for a delivered message of this kf account. The first message
   * was delivered and nothing is delivered again, so a retry that gets this was delivered.
   */
  duplicateMsgid: 95003,
  /** REAL open_kfid 不存在. */
  openKfidNotFound: 95004,
  /** CHOSEN: kf/sync_msg `token` unknown, older than 10 minutes, or of another kf account. */
  invalidSyncToken: 95007,
  /** CHOSEN: send_msg_on_event code unknown, already used, or expired. */
  invalidEventCode: 95008,
  /** REAL: service_state/trans to 3 with a servicer who is not 接待中 on this account. */
  servicerNotOnDuty: 95014,
  /** CHOSEN: a service_state/trans the state table does not allow (e.g. from 4, or 2→1). */
  invalidTransition: 95016,
  /** REAL send msg session status invalid: send_msg outside states 0/1, or an event code whose state has passed. */
  sessionStatusInvalid: 95018,

  // ── managing accounts, servicers and media ─────────────────────────────────
  /** REAL 不合法的媒体文件类型: an upload that is not a JPG or PNG by its bytes. */
  invalidMediaType: 40004,
  /** REAL 不合法的type参数: media/upload with a type other than image (the simulator plays images only). */
  invalidUploadType: 40005,
  /** REAL 不合法的文件大小: 5 bytes or fewer. */
  invalidFileSize: 40006,
  /** REAL 不合法的media_id: unknown, or older than its 3 days. */
  invalidMediaId: 40007,
  /** REAL 上传图片大小不是有效值: an image over 2 MiB. */
  invalidImageSize: 40009,
  /** REAL 多媒体文件为空: no `media` part. */
  emptyMedia: 44001,
  /** REAL UserID不存在: per item of kf/servicer/add|del. */
  userNotFound: 60111,
  /** REAL 无效的部门id: per item of kf/servicer/add|del. */
  departmentNotFound: 60123,
  /** REAL (go-workwx's table): the corp's kf accounts are at the 5000 cap. */
  accountLimit: 95005,
  /** REAL (go-workwx's table): kf account name empty or over 16 characters. */
  invalidKfName: 95006,
  /** REAL 基础应用权限下，api开关处于关闭状态: every kf/* call while `/_sim/corp {api_enabled: false}`. */
  apiSwitchOff: 95017,
  /** REAL (go-workwx's table): an unverified corp may create only 10 kf accounts. */
  unverifiedAccountLimit: 95027,

  // ── the 服务商 suite (./suite/) ─────────────────────────────────────────────
  /** REAL 不合法的临时授权码: an auth_code unknown, already exchanged, or older than its 10 minutes. */
  invalidAuthCode: 40078,
  /** CHOSEN: get_suite_token with a suite_secret that is not the suite's. */
  invalidSuiteSecret: 40080,
  /** REAL 不合法的suite_token: unknown, or invalidated by `/_sim/suite/token/expire {invalid:true}`. */
  invalidSuiteToken: 40082,
  /** CHOSEN: get_suite_token for a suite_id the provider does not have. */
  invalidSuiteId: 40083,
  /** REAL 不合法的永久授权码: get_corp_token / get_auth_info with a code that is not the corp's current one. */
  invalidPermanentCode: 40084,
  /** REAL 不合法的suite_ticket: unknown, or older than its 30 minutes. */
  invalidSuiteTicket: 40085,
  /** CHOSEN: a pre_auth_code unknown or older than its 1200 s (install page, set_session_info). */
  invalidPreAuthCode: 40077,
  /** REAL suite_access_token已过期 (7200 s on the simulator clock, or forced). */
  suiteTokenExpired: 42009,
  /** REAL API接口无权限调用: get_corp_token for a 代开发 template, which must use gettoken; getuserinfo3rd called for a 代开发 app. */
  apiForbidden: 48002,
  /** REAL (go-workwx's table) 指定的成员/部门/标签/应用无权限: agent/get_admin_list for an agentid that is not the app's in this corp. */
  noAgentPermission: 301002,
} as const;

/** A refusal of a kf API call: answered as `{errcode, errmsg}` with HTTP 200, as WeCom does. */
export class ApiFailure extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
    this.name = 'ApiFailure';
  }
}

/** A refused control request (/_sim/…): answered with an HTTP status and `{error}`. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/**
 * The shapes of the deployment's WeCom settings and admin token, in one place: `npm run setup`
 * checks them before storing anything, the admin API refuses a short ADMIN_TOKEN, and the
 * diagnostics report them. From WeCom's callback settings
 * (https://developer.work.weixin.qq.com/document/path/90930): the Token is English letters and
 * digits, at most 32; the EncodingAESKey is 43 letters or digits, the base64 of a 32-byte AES key
 * without its trailing '='. A corp id is `ww` followed by 16 letters or digits (older corps: `wx`);
 * a self-built app's Secret is 43 characters.
 */
export const CORP_ID = /^w[wx][A-Za-z0-9]{16}$/;
/**
 * Any corp this deployment may serve, as the admin API, the console and public routes name it: the
 * own corp's id, or an authorized corp's as the suite sees it (a third-party app sees a longer,
 * provider-scoped encrypted corpid, see https://github.com/w7corp/easywechat/issues/2345).
 */
export const SERVED_CORP_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const SERVED_CORP_ID_RULE = 'must be a corp id (1-64 letters, digits, - or _)';
export const TOKEN_MAX = 32;
export const CALLBACK_TOKEN = /^[A-Za-z0-9]{1,32}$/;
export const AES_KEY_LENGTH = 43;
export const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
export const KF_SECRET = /^[A-Za-z0-9_-]{43}$/;
/** Shorter is guessable offline from a leaked hash or online over time; 32 random characters are not. */
export const ADMIN_TOKEN_MIN = 32;

/**
 * Many-corps mode (https://developer.work.weixin.qq.com/document/path/97162, get_suite_token): a suite id is
 * `ww`/`wx` for a third-party app and `dk` for a 代开发 template, then letters or digits; the
 * suite's Secret is letters, digits, `-` or `_`. The suite's callback Token and EncodingAESKey have
 * the shapes above.
 */
export const SUITE_ID = /^(ww|wx|dk)[A-Za-z0-9]{8,30}$/;
export const SUITE_SECRET = /^[A-Za-z0-9_-]{16,64}$/;
/** The provider's own Secret (服务商信息 → 基本信息), for service/get_provider_token: the suite Secret's shape. */
export const PROVIDER_SECRET = SUITE_SECRET;

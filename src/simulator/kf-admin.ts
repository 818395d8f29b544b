import { createHash } from 'node:crypto';
import { ACCOUNT_LIMIT, ACCOUNT_PAGE_MAX, kfNameProblem, SERVICER_BATCH_MAX, UNVERIFIED_ACCOUNT_LIMIT } from '../wecom/kf-limits';
import type { SimClock } from './clock';
import { ApiFailure, Errcode } from './errcodes';
import { randomId } from './ids';
import { MediaStore } from './media';

/**
 * The corp's kf accounts and their servicers as the management APIs see them: kf/account/add,
 * update and list (with paging), kf/servicer/list, add and del (a result per userid and
 * department), media/upload for avatars, and the corp's switches: verified or not (an unverified
 * corp may create 10 accounts) and the 微信客服 "API" switch (off: every kf/* call answers 95017).
 */

export interface Account {
  open_kfid: string;
  name: string;
  /** The avatar image's URL ('' until one is set). */
  avatar: string;
  /** userid → on duty (接待中). */
  servicers: Map<string, boolean>;
  /** Departments added as servicers (their members receive). */
  departments: Set<number>;
}

export interface CorpSeed {
  /** Default true: no 10-account cap. */
  verified?: boolean;
  /** The 微信客服 "API" switch; default on. */
  api_enabled?: boolean;
  /** userids in the corp's address book (servicer/add refuses others with 60111). */
  members?: string[];
  /** Department ids in the address book; 1 (the root) always exists. */
  departments?: number[];
}

export interface AccountView {
  open_kfid: string;
  name: string;
  avatar: string;
  servicers: { userid: string; on_duty: boolean }[];
  departments: number[];
}

export interface CorpView {
  verified: boolean;
  api_enabled: boolean;
  members: string[];
  departments: number[];
}

/** What an open_kfid looks like. */
export const KFID = /^[0-9A-Za-z_-]{1,64}$/;
/** A kf link's scene: at most 32 of [0-9A-Za-z_-]. */
export const SCENE = /^[0-9A-Za-z_-]{0,32}$/;
type Obj = Record<string, unknown>;

export class KfAdmin {
  verified = true;
  apiEnabled = true;
  private readonly members = new Set<string>();
  private readonly departmentIds = new Set<number>([1]);
  readonly media: MediaStore;

  constructor(
    private readonly accounts: Map<string, Account>,
    clock: SimClock,
  ) {
    this.media = new MediaStore(clock);
  }

  /** Changes the corp's switches and adds to its address book. */
  configure(seed: CorpSeed): CorpView {
    if (seed.verified !== undefined) this.verified = seed.verified;
    if (seed.api_enabled !== undefined) this.apiEnabled = seed.api_enabled;
    for (const m of seed.members ?? []) this.members.add(m);
    for (const d of seed.departments ?? []) this.departmentIds.add(d);
    return this.corpView();
  }

  corpView(): CorpView {
    return { verified: this.verified, api_enabled: this.apiEnabled, members: [...this.members], departments: [...this.departmentIds] };
  }

  /** Every kf/* call goes through here first: with the API switch off the platform refuses them all. */
  checkApiSwitch(): void {
    if (!this.apiEnabled) throw new ApiFailure(Errcode.apiSwitchOff, 'api switch is off: 基础应用权限下，api开关处于关闭状态');
  }

  /** The account named by an API call: 95000 malformed, 95004 unknown. */
  known(open_kfid: unknown): Account {
    if (typeof open_kfid !== 'string' || !KFID.test(open_kfid)) throw new ApiFailure(Errcode.invalidOpenKfid, 'invalid open_kfid');
    const a = this.accounts.get(open_kfid);
    if (!a) throw new ApiFailure(Errcode.openKfidNotFound, `open_kfid not exist: ${open_kfid}`);
    return a;
  }

  // ── accounts ───────────────────────────────────────────────────────────────

  accountAdd(body: Obj): Obj {
    const name = checkName(body.name);
    const avatar = this.media.imageUrl(body.media_id);
    const cap = this.verified ? ACCOUNT_LIMIT : UNVERIFIED_ACCOUNT_LIMIT;
    if (this.accounts.size >= cap) {
      throw this.verified
        ? new ApiFailure(Errcode.accountLimit, `kf account count limit: at most ${ACCOUNT_LIMIT}`)
        : new ApiFailure(Errcode.unverifiedAccountLimit, `an unverified corp can create at most ${UNVERIFIED_ACCOUNT_LIMIT} kf accounts`);
    }
    const open_kfid = `wk${randomId(30)}`;
    this.accounts.set(open_kfid, { open_kfid, name, avatar, servicers: new Map(), departments: new Set() });
    return { open_kfid };
  }

  accountUpdate(body: Obj): Obj {
    const a = this.known(body.open_kfid);
    if (body.name === undefined && body.media_id === undefined) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: give name or media_id');
    // Both are checked before either is applied: a refused update changes nothing.
    const name = body.name === undefined ? a.name : checkName(body.name);
    const avatar = body.media_id === undefined ? a.avatar : this.media.imageUrl(body.media_id);
    a.name = name;
    a.avatar = avatar;
    return {};
  }

  /** kf/account/list: offset/limit (1..100, default 100) paging. */
  accountList(body: Obj): Obj {
    const offset = body.offset ?? 0;
    const limit = body.limit ?? ACCOUNT_PAGE_MAX;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: offset');
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > ACCOUNT_PAGE_MAX) {
      throw new ApiFailure(Errcode.invalidParameter, `invalid parameter: limit must be 1 to ${ACCOUNT_PAGE_MAX}`);
    }
    const account_list = [...this.accounts.values()].slice(offset, offset + limit).map((a) => ({ open_kfid: a.open_kfid, name: a.name, avatar: a.avatar, manage_privilege: true }));
    return { account_list };
  }

  // ── servicers ──────────────────────────────────────────────────────────────

  /** status 0 接待中, 1 停止接待; departments are listed by id. */
  /** kf/add_contact_way: a link per account and scene (stable for the corp); `&scene_param=` may be appended by the caller. */
  addContactWay(body: Obj, corpId: string): Obj {
    const acc = this.known(body.open_kfid);
    const scene = body.scene ?? '';
    if (typeof scene !== 'string' || !SCENE.test(scene)) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: scene must be at most 32 bytes of [0-9a-zA-Z_-]');
    const id = createHash('sha1').update(`${corpId}:${acc.open_kfid}`).digest('hex').slice(0, 16);
    const encScene = scene ? `?enc_scene=ENC${Buffer.from(scene).toString('base64url')}` : '';
    return { url: `https://work.weixin.qq.com/kf/kfc${id}${encScene}` };
  }

  servicerList(open_kfid: string | undefined): Obj {
    const a = this.known(open_kfid);
    const users = [...a.servicers].map(([userid, onDuty]) => ({ userid, status: onDuty ? 0 : 1 }));
    return { servicer_list: [...users, ...[...a.departments].map((department_id) => ({ department_id }))] };
  }

  servicerAdd(body: Obj): Obj {
    const a = this.known(body.open_kfid);
    return this.perItem(body, {
      user: (userid) => void (a.servicers.has(userid) || a.servicers.set(userid, true)),
      department: (id) => void a.departments.add(id),
    });
  }

  /** Removing someone who does not serve the account is accepted as done (CHOSEN: no public source says otherwise). */
  servicerDel(body: Obj): Obj {
    const a = this.known(body.open_kfid);
    return this.perItem(body, { user: (userid) => void a.servicers.delete(userid), department: (id) => void a.departments.delete(id) });
  }

  /** The lists checked as a whole (40058), then each item on its own: unknown members and departments fail alone. */
  private perItem(body: Obj, apply: { user(userid: string): void; department(id: number): void }): Obj {
    const users = idList(body.userid_list, 'userid_list', (v): v is string => typeof v === 'string' && v !== '');
    const departments = idList(body.department_id_list, 'department_id_list', (v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0);
    if (users.length === 0 && departments.length === 0) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: give userid_list or department_id_list');
    const result_list: Obj[] = [];
    for (const userid of users) {
      if (!this.members.has(userid)) result_list.push({ userid, errcode: Errcode.userNotFound, errmsg: `userid not found: ${userid}` });
      else {
        apply.user(userid);
        result_list.push({ userid, errcode: 0, errmsg: 'success' });
      }
    }
    for (const department_id of departments) {
      if (!this.departmentIds.has(department_id)) result_list.push({ department_id, errcode: Errcode.departmentNotFound, errmsg: `invalid department id: ${department_id}` });
      else {
        apply.department(department_id);
        result_list.push({ department_id, errcode: 0, errmsg: 'success' });
      }
    }
    return { result_list };
  }

  /** Everything about every account, for tests and `npm start` (GET /_sim/kf/accounts). */
  views(): AccountView[] {
    return [...this.accounts.values()].map((a) => ({
      open_kfid: a.open_kfid,
      name: a.name,
      avatar: a.avatar,
      servicers: [...a.servicers].map(([userid, on_duty]) => ({ userid, on_duty })),
      departments: [...a.departments],
    }));
  }
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || kfNameProblem(name) !== null) throw new ApiFailure(Errcode.invalidKfName, 'invalid kf name: 1 to 16 characters');
  return name;
}

function idList<T>(value: unknown, field: string, valid: (v: unknown) => v is T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > SERVICER_BATCH_MAX || !value.every(valid)) {
    throw new ApiFailure(Errcode.invalidParameter, `invalid parameter: ${field} must be a list of at most ${SERVICER_BATCH_MAX} ids`);
  }
  return value;
}

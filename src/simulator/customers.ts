/**
 * The customers who ever contacted the corp's kf accounts, with the context of their last
 * enter_session, and kf/customer/batchget over them
 * (https://developer.work.weixin.qq.com/document/path/95159: 1 to 100 ids, unknown ones listed
 * apart; the enter_session context is given for 48 hours).
 */
import { HOUR, type SimClock } from './clock';
import { ApiFailure, ControlError, Errcode } from './errcodes';

export interface Customer {
  external_userid: string;
  nickname: string;
  lastEnter: { scene: string; scene_param: string; at: number } | null;
}

type Obj = Record<string, unknown>;

export class CustomerDirectory {
  private readonly customers = new Map<string, Customer>();
  constructor(private readonly clock: SimClock) {}

  /** The customer, created on first contact (an actor of the world). */
  enter(external_userid: string, nickname?: string): Customer {
    let c = this.customers.get(external_userid);
    if (!c) {
      if (!/^[0-9A-Za-z_-]{1,64}$/.test(external_userid)) throw new ControlError(400, 'external_userid must be 1-64 of [0-9A-Za-z_-]');
      c = { external_userid, nickname: nickname ?? `微信用户${external_userid.slice(-4)}`, lastEnter: null };
      this.customers.set(external_userid, c);
    }
    if (nickname !== undefined) c.nickname = nickname;
    return c;
  }

  /** A customer an API call names: unknown ids are WeCom's invalid external_userid. */
  known(external_userid: unknown): Customer {
    const c = typeof external_userid === 'string' ? this.customers.get(external_userid) : undefined;
    if (!c) throw new ApiFailure(Errcode.invalidExternalUserid, `invalid external_userid: ${String(external_userid)}`);
    return c;
  }

  /** A customer the control API names: 404 when they never contacted the kf. */
  mustExist(external_userid: string): void {
    if (!this.customers.has(external_userid)) throw new ControlError(404, `customer ${external_userid} has never contacted the kf`);
  }

  batchget(body: Obj): Obj {
    const ids = body.external_userid_list;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 100) throw new ApiFailure(Errcode.invalidParameter, 'invalid parameter: external_userid_list must have 1 to 100 ids');
    const withContext = body.need_enter_session_context === 1;
    const now = this.clock.now();
    const customer_list: Obj[] = [];
    const invalid_external_userid: unknown[] = [];
    for (const id of ids) {
      const c = typeof id === 'string' ? this.customers.get(id) : undefined;
      if (!c) {
        invalid_external_userid.push(id);
        continue;
      }
      const ctx = c.lastEnter && now - c.lastEnter.at < 48 * HOUR ? { scene: c.lastEnter.scene, scene_param: c.lastEnter.scene_param } : undefined;
      customer_list.push({ external_userid: c.external_userid, nickname: c.nickname, avatar: '', gender: 0, unionid: '', ...(withContext && ctx ? { enter_session_context: ctx } : {}) });
    }
    return { customer_list, invalid_external_userid };
  }
}

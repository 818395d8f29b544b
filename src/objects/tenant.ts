import type { Env } from '../env';
import { tenantEnv, type TenantEnv } from '../storage/tenant';
import { OWN_TENANT, type Tenant } from '../wecom/corp';

const KEY = 'tenant';

/**
 * The tenant a per-corp Durable Object serves (its name is already scoped by it: src/wecom/corp.ts
 * tenantScoped). The callers that create work for the object name the tenant on their RPCs; the
 * object keeps it in its storage at first use, so its alarms know it too, and refuses an RPC that
 * names another tenant (a naming bug must not mix corps). Objects created before many corps have
 * none stored: they are the own corp's.
 */
export class ObjectTenant {
  private known: Tenant | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly workerEnv: Env,
  ) {}

  async adopt(tenant: Tenant): Promise<TenantEnv> {
    if (this.known !== tenant) {
      const stored = await this.storage.get<Tenant>(KEY);
      if (stored === undefined) await this.storage.put(KEY, tenant);
      else if (stored !== tenant) throw new Error(`object of tenant ${JSON.stringify(stored)} was called for tenant ${JSON.stringify(tenant)}`);
      this.known = tenant;
    }
    return this.scoped(tenant);
  }

  /** The env of the object's tenant (the own corp's when none was ever named). */
  async env(): Promise<TenantEnv> {
    this.known ??= (await this.storage.get<Tenant>(KEY)) ?? OWN_TENANT;
    return this.scoped(this.known);
  }

  /** The object's storage was emptied (deleteAll): the next RPC names the tenant again. */
  forget(): void {
    this.known = undefined;
  }

  private scopedEnv: TenantEnv | undefined;
  private scoped(tenant: Tenant): TenantEnv {
    if (this.scopedEnv?.TENANT !== tenant) this.scopedEnv = tenantEnv(this.workerEnv, tenant);
    return this.scopedEnv;
  }
}

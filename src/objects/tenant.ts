import type { Env } from '../env';
import { tenantEnv, type TenantEnv } from '../storage/tenant';
import { OWN_TENANT, type Tenant } from '../wecom/corp';

const KEY = 'tenant';

/**
 * The tenant a per-corp Durable Object serves (its name is already scoped by it: src/wecom/corp.ts
 * tenantScoped). The callers that create work for the object name the tenant on their RPCs; the
 * object keeps it in its storage at first use, so its alarms know it too, and refuses an RPC that
 * names another tenant (a naming bug must not mix corps). Objects created before many corps have
 * none stored: they are the own corp's. Synchronous (the objects are SQLite-backed), so it can be
 * read inside a transaction.
 */
export class ObjectTenant {
  private known: Tenant | undefined;
  private scopedEnv: TenantEnv | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly workerEnv: Env,
  ) {}

  adopt(tenant: Tenant): TenantEnv {
    if (this.known !== tenant) {
      const stored = this.storage.kv.get<Tenant>(KEY);
      if (stored === undefined) this.storage.kv.put(KEY, tenant);
      else if (stored !== tenant) throw new Error(`object of tenant ${JSON.stringify(stored)} was called for tenant ${JSON.stringify(tenant)}`);
      this.known = tenant;
    }
    return this.env();
  }

  /** The object's tenant (the own corp's when none was ever named). */
  current(): Tenant {
    return (this.known ??= this.storage.kv.get<Tenant>(KEY) ?? OWN_TENANT);
  }

  /** The env of the object's tenant. */
  env(): TenantEnv {
    const tenant = this.current();
    if (this.scopedEnv?.TENANT !== tenant) this.scopedEnv = tenantEnv(this.workerEnv, tenant);
    return this.scopedEnv;
  }

  /** The object's storage was emptied (deleteAll): the next RPC names the tenant again. */
  forget(): void {
    this.known = undefined;
  }
}

import { env, SELF } from 'cloudflare:test';
import type { SimCallback, SimInstruction } from '../../src/simulator';
import { freshSystem } from '../worker/support/fresh';
import { resetSim } from '../worker/support/sim';
import { CORP_A, CORP_B, install, suiteSim } from '../worker/support/suite';

/** POSTs a callback to the Worker (this project's env is in many-corps mode, so through SELF) and insists on 200 `success`. */
export async function deliverTo(cb: SimCallback | SimInstruction): Promise<void> {
  const r = await SELF.fetch(`http://edge.test${cb.path_and_query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: cb.body });
  const text = await r.text();
  if (r.status !== 200 || text !== 'success') throw new Error(`the callback answered ${r.status} ${text}`);
}

/** An empty system whose suite has a ticket and is installed in the own corp, corp A and corp B. */
export async function freshCorps(): Promise<void> {
  await freshSystem();
  await resetSim();
  await suiteSim.setup();
  await deliverTo(await suiteSim.ticket());
  for (const corp of [env.WECOM_CORP_ID, CORP_A, CORP_B]) await install(corp);
}

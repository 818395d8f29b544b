import { reset } from 'cloudflare:test';
import { forgetCachedConfigs } from '../../../src/storage/config-store';
import { migrate } from './admin';

/**
 * A fresh system for one test: empty Durable Objects, D1 (with its schema) and KV, and no config
 * this isolate remembers from a test before (version numbers start again at 1 after a wipe).
 */
export async function freshSystem(): Promise<void> {
  await reset();
  forgetCachedConfigs();
  await migrate();
}

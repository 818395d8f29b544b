import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

// Placeholder while the skeleton is laid; the real object replaces it.
export class AccessTokenCache extends DurableObject<Env> {}

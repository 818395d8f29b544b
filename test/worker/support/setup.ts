import { beforeAll } from 'vitest';
import { migrate } from './admin';

// Every worker test file runs against the D1 schema wrangler would build (migrations/): the
// Worker's conversations read and write customers, tags and events on every turn.
beforeAll(migrate);

import { beforeAll } from 'vitest';
import { installClock } from '../../../src/runtime/clock';
import { migrate } from './admin';
import { TEST_CLOCK } from './clock';

// Before any Durable Object of this file's runtime exists: alarms run only when a test runs them.
installClock(TEST_CLOCK);

// Every worker test file runs against the D1 schema wrangler would build (migrations/): the
// Worker's conversations read and write customers, tags and events on every turn.
beforeAll(migrate);

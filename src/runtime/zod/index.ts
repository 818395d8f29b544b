/**
 * `zod` as the Worker's bundle sees it (wrangler.toml `[alias]`): the same modules, without the
 * `locales` namespaces and two tools nothing here calls. @hono/zod-openapi passes
 * the whole `z` namespace to extendZodWithOpenApi, so the bundler must keep every member of it, and
 * these would ride along unused: zod's 40-odd error-message locales (about 40 KiB gzipped;
 * messages stay zod's English default, registered by its schemas module), `z.compile` (a code
 * generator for faster parsing, with `withParser`, `INVALID` and its errors) and `z.fromJSONSchema`
 * (13 KiB gzipped together). Types and tests use the package itself; test/unit/zod-alias.test.ts
 * checks this module exports the same names minus those, and that no source uses them.
 */
import * as z from './external';
export * from './external';
export { z, z as default };

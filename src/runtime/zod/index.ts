/**
 * `zod` as the Worker's bundle sees it (wrangler.toml `[alias]`): the same modules, without the
 * `locales` namespaces. @hono/zod-openapi passes the whole `z` namespace to
 * extendZodWithOpenApi, so the bundler must keep every member of it, and zod's 40-odd error-message
 * locales (about 40 KiB gzipped) would ride along unused: messages stay zod's English default,
 * registered by its schemas module. Types and tests use the package itself;
 * test/unit/zod-alias.test.ts checks this module exports the same names minus `locales`.
 */
import * as z from './external';
export * from './external';
export { z, z as default };

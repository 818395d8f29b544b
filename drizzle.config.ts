import { defineConfig } from 'drizzle-kit';

// The drizzle schema is the source of truth; `npm run db:generate` writes SQL into migrations/,
// which wrangler applies (and tests apply with applyD1Migrations).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/storage/schema.ts',
  out: './migrations',
});

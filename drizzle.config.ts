import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations that `wrangler d1 migrations apply` and the test setup both apply.
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/db/schema.ts', './src/db/framework/schema.ts'],
  out: './migrations',
});

// Runs before each test file, inside workerd: the same migrations wrangler applies locally.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

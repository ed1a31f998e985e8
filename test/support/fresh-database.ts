// Storage is shared by the tests of one file; tests that write call this in beforeEach so each
// starts from empty, freshly migrated tables.
import { applyD1Migrations, env, reset } from 'cloudflare:test';
import { beforeEach } from 'vitest';

export function useFreshDatabase(): void {
  beforeEach(async () => {
    await reset();
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  });
}

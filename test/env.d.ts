// The one binding tests add to the generated Env: the migrations read by vitest.config.ts.
import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** JSON: file name -> payload from ../shared/fixtures/whatsapp, or {} when absent. */
      SHARED_WHATSAPP_FIXTURES: string;
      /** The same for ../shared/fixtures/telegram. */
      SHARED_TELEGRAM_FIXTURES: string;
    }
  }
}

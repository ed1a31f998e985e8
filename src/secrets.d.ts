// The secrets of a deployment, set with `wrangler secret put NAME --env production` (DEPLOY.md).
// They are never written in wrangler.toml, so `wrangler types --env production` cannot see them:
// they are declared here. Optional, because a Worker can run before one is set; each reader says
// what is missing (a webhook without its secret refuses everything).
declare namespace Cloudflare {
  interface Env {
    /** Meta app secret: checks X-Hub-Signature-256 on every WhatsApp webhook. */
    WHATSAPP_APP_SECRET?: string;
    /** The string Meta's webhook verification (GET hub.verify_token) must repeat. */
    WHATSAPP_VERIFY_TOKEN?: string;
    /** A system user's permanent token with whatsapp_business_messaging. */
    WHATSAPP_ACCESS_TOKEN?: string;
    /** BotFather's token; the digits before ":" are the bot id kelurahan.telegram_bot_id names. */
    TELEGRAM_BOT_TOKEN?: string;
    /** Telegram repeats it in X-Telegram-Bot-Api-Secret-Token (set by `npm run telegram:webhook`). */
    TELEGRAM_WEBHOOK_SECRET?: string;
  }
}

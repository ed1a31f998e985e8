/**
 * WhatsApp Cloud API limits Loket relies on, each beside the page that states it.
 */
import type { ChannelCapabilities } from '../channel';

/** Text body: https://developers.facebook.com/docs/whatsapp/cloud-api/messages/text-messages */
export const MAX_TEXT = 4096;
/** Reply buttons: at most 3, title at most 20 characters, id at most 256, body at most 1024.
 *  https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages */
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_TITLE = 20;
export const MAX_BUTTON_ID = 256;
export const MAX_INTERACTIVE_BODY = 1024;
/** List messages: at most 10 rows in all, row title at most 24, row id at most 200, and the
 *  button that opens the list at most 20 characters.
 *  https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages */
export const MAX_LIST_ROWS = 10;
export const MAX_LIST_ROW_TITLE = 24;
export const MAX_LIST_ROW_ID = 200;
export const MAX_LIST_BUTTON = 20;
/** Free-form messages only within 24 hours of the user's last message; templates otherwise.
 *  https://developers.facebook.com/docs/whatsapp/pricing#customer-service-windows */
export const SERVICE_WINDOW_MS = 24 * 3600_000;

export const WHATSAPP_CAPABILITIES: ChannelCapabilities = {
  maxButtons: MAX_BUTTONS,
  maxButtonLabel: MAX_BUTTON_TITLE,
  maxListRows: MAX_LIST_ROWS,
  maxListLabel: MAX_LIST_ROW_TITLE,
  maxTextLength: MAX_TEXT,
};

/** Error codes Loket acts on. https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes */
export const ERROR = {
  /** Cloud API throughput reached: retry later. */
  RATE_LIMIT: 130429,
  /** Too many messages to the same user (pair rate limit): retry later. */
  PAIR_RATE_LIMIT: 131056,
  /** More than 24 hours since the user last wrote: only a template may be sent. */
  REENGAGEMENT: 131047,
  /** Message undeliverable (not on WhatsApp, old app, blocked...). */
  UNDELIVERABLE: 131026,
  /** Access token expired or invalid (Graph API OAuthException). */
  TOKEN: 190,
  /** Unsupported message type received. */
  UNSUPPORTED: 131051,
} as const;

/**
 * Refusals of the message itself: the same request fails again, so it is failed at once and a
 * person told, not retried for days. 131008 required parameter missing, 131009 parameter value
 * not valid, 131051 unsupported message type; templates: 132000 parameter count mismatch, 132005
 * text too long, 132007 format policy, 132012 parameter format mismatch. Not here, so retried:
 * errors of the account's setup, which a person fixes and then the message goes (100 invalid
 * parameter, also a wrong number id; 132001 template missing or not yet approved; 132015 paused
 * for a few hours; 132016 disabled).
 */
export const REJECTED_CODES: ReadonlySet<number> = new Set([131008, 131009, ERROR.UNSUPPORTED, 132000, 132005, 132007, 132012]);
/** The account's setup refused the request: retried, and said loudly in the log for the operator. */
export const SETUP_CODES: ReadonlySet<number> = new Set([100, 132001, 132015, 132016]);

/**
 * Failures Meta may report later, in a status webhook, that another try can cure: throughput and
 * pair rate limits, the closed 24-hour window (a template goes instead), Meta's own temporary
 * errors (131000 something went wrong, 131016 service unavailable) and a media upload that failed
 * (131053). Any other failed status means the message will not arrive.
 */
export const RETRYABLE_STATUS_CODES: ReadonlySet<number> = new Set([
  ERROR.RATE_LIMIT, ERROR.PAIR_RATE_LIMIT, ERROR.REENGAGEMENT, 131000, 131016, 131053,
]);

/**
 * X-Telegram-Bot-Api-Secret-Token: the secret_token given to setWebhook, sent back verbatim on
 * every update. https://core.telegram.org/bots/api#setwebhook
 */
import { sameSecret } from '../same-secret';

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export function verifySecretToken(configured: string | null | undefined, header: string | null | undefined): Promise<boolean> {
  return sameSecret(configured, header);
}

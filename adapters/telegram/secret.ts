/**
 * X-Telegram-Bot-Api-Secret-Token: the secret_token given to setWebhook, sent back verbatim on
 * every update. https://core.telegram.org/bots/api#setwebhook
 * Both sides are hashed first so the comparison takes the same time whatever their lengths: a
 * length check before timingSafeEqual would tell a prober how long the secret is.
 */
const encoder = new TextEncoder();

const digest = async (s: string): Promise<ArrayBuffer> => crypto.subtle.digest('SHA-256', encoder.encode(s));

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export async function verifySecretToken(configured: string | null | undefined, header: string | null | undefined): Promise<boolean> {
  // An unset secret must not turn into "anyone may post updates".
  const expected = configured ?? '';
  const given = header ?? '';
  const [a, b] = await Promise.all([digest(expected), digest(given)]);
  const same = crypto.subtle.timingSafeEqual(a, b);
  return expected.length > 0 && same;
}

/**
 * Whether a secret a provider sent back equals the one configured. Both sides are hashed first so
 * the comparison takes the same time whatever their lengths: a length check before
 * timingSafeEqual would tell a prober how long the secret is. An unset secret matches nothing,
 * so a missing setting never turns into "anyone may post".
 */
const encoder = new TextEncoder();

const digest = async (s: string): Promise<ArrayBuffer> => crypto.subtle.digest('SHA-256', encoder.encode(s));

export async function sameSecret(configured: string | null | undefined, given: string | null | undefined): Promise<boolean> {
  const expected = configured ?? '';
  const [a, b] = await Promise.all([digest(expected), digest(given ?? '')]);
  const same = crypto.subtle.timingSafeEqual(a, b);
  return expected.length > 0 && same;
}

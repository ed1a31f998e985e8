/**
 * The webhook subscription handshake: Meta calls GET with hub.mode=subscribe, the verify token
 * configured in the app dashboard and a challenge to echo back.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests
 */
import { sameSecret } from '../same-secret';

/** The challenge to answer with, or null when the request is not Meta's with our verify token. */
export async function handshakeChallenge(query: (name: string) => string | undefined, verifyToken: string | undefined): Promise<string | null> {
  const challenge = query('hub.challenge') ?? '';
  if (query('hub.mode') !== 'subscribe' || !challenge) return null;
  return (await sameSecret(verifyToken, query('hub.verify_token'))) ? challenge : null;
}

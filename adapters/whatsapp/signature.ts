/**
 * X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256 of the raw request body, keyed with the
 * app secret. Compared in constant time. https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
 */
const encoder = new TextEncoder();

export async function hmacSha256Hex(secret: string, body: ArrayBuffer | Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, body));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function verifySignature(secret: string, body: ArrayBuffer, header: string | null | undefined): Promise<boolean> {
  if (!secret || !header) return false;
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return false;
  const expected = encoder.encode(await hmacSha256Hex(secret, body));
  const given = encoder.encode(m[1]!.toLowerCase());
  return expected.length === given.length && crypto.subtle.timingSafeEqual(expected, given);
}

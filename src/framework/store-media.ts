/**
 * Streams a fetched file into the private SCANS bucket without holding it whole in memory:
 * the first bytes are read to check the type, then the stream is split between a SHA-256
 * digest and R2 (which needs the length up front, hence FixedLengthStream).
 */
import { SNIFF_BYTES, sniffScanType, type ScanType } from './file-type';

export type StoreResult =
  | { ok: true; contentType: ScanType; sizeBytes: number; sha256: string }
  | { ok: false; reason: 'bad_type' | 'too_large' | 'empty' | 'sha256_mismatch' | 'length_mismatch' };

export async function storeScan(
  bucket: R2Bucket,
  key: string,
  body: ReadableStream<Uint8Array>,
  opts: { length: number; maxBytes: number; expectedSha256?: string | null },
): Promise<StoreResult> {
  if (opts.length <= 0) return { ok: false, reason: 'empty' };
  if (opts.length > opts.maxBytes) {
    await body.cancel();
    return { ok: false, reason: 'too_large' };
  }
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let headLength = 0;
  while (headLength < SNIFF_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    head.push(value);
    headLength += value.byteLength;
  }
  const first = concat(head);
  const type = sniffScanType(first);
  if (!type) {
    await reader.cancel();
    return { ok: false, reason: 'bad_type' };
  }

  // Put the bytes already read back in front of the rest.
  const whole = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const [toDigest, toBucket] = whole.tee();
  const digest = new crypto.DigestStream('SHA-256');
  const fixed = new FixedLengthStream(opts.length);
  try {
    const [hash] = await Promise.all([
      toDigest.pipeTo(digest).then(() => digest.digest),
      toBucket.pipeTo(fixed.writable),
      bucket.put(key, fixed.readable, { httpMetadata: { contentType: type } }),
    ]);
    const sha256 = hex(new Uint8Array(hash));
    // A hash in a shape we cannot read is not evidence of damage; a readable one must match.
    const expected = opts.expectedSha256 ? normalizeSha256(opts.expectedSha256) : null;
    if (expected !== null && expected !== sha256) {
      await bucket.delete(key);
      return { ok: false, reason: 'sha256_mismatch' };
    }
    return { ok: true, contentType: type, sizeBytes: opts.length, sha256 };
  } catch (err) {
    await bucket.delete(key).catch(() => {});
    // FixedLengthStream refuses a body longer or shorter than announced.
    if (err instanceof Error && /length/i.test(err.message)) return { ok: false, reason: 'length_mismatch' };
    throw err;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/** Providers give hashes as hex or base64 (WhatsApp's webhooks use base64); compare as hex. */
export function normalizeSha256(value: string): string | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return v.toLowerCase();
  try {
    const bytes = Uint8Array.from(atob(v), (c) => c.charCodeAt(0));
    return bytes.length === 32 ? hex(bytes) : null;
  } catch {
    return null;
  }
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

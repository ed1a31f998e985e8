/**
 * What a file really is, by its first bytes, whatever its name or declared type says. Only the
 * three kinds a scan may be are recognised.
 */
export type ScanType = 'image/jpeg' | 'image/png' | 'application/pdf';

const SIGNATURES: { type: ScanType; bytes: number[] }[] = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
];

/** Bytes needed to tell the types apart. */
export const SNIFF_BYTES = 8;

export function sniffScanType(head: Uint8Array): ScanType | null {
  for (const sig of SIGNATURES) {
    if (head.length >= sig.bytes.length && sig.bytes.every((b, i) => head[i] === b)) return sig.type;
  }
  return null;
}

import { describe, expect, it } from 'vitest';
import { sniffScanType } from '../../src/framework/file-type';

/** The real first bytes of each kind, padded to a realistic head. */
const HEADS = {
  'image/jpeg': [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
} as const;

describe('a scan is what its first bytes say', () => {
  for (const [type, head] of Object.entries(HEADS)) {
    it(`${type} is recognised from its signature`, () => {
      expect(sniffScanType(new Uint8Array(head))).toBe(type);
    });

    it(`${type}: a file sharing only the first byte is refused`, () => {
      // Same first byte, every later byte of the signature changed.
      const forged = head.map((b, i) => (i === 0 ? b : (b + 1) & 0xff));
      expect(sniffScanType(new Uint8Array(forged))).toBeNull();
    });

    it(`${type}: a file matching all but the last signature byte is refused`, () => {
      const sigLength = type === 'image/jpeg' ? 3 : type === 'image/png' ? 8 : 5;
      const forged: number[] = [...head];
      forged[sigLength - 1] = (forged[sigLength - 1]! + 1) & 0xff;
      expect(sniffScanType(new Uint8Array(forged))).toBeNull();
    });
  }

  it('refuses a head too short to hold a signature, and an empty file', () => {
    expect(sniffScanType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(sniffScanType(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffScanType(new Uint8Array([]))).toBeNull();
  });

  it('ignores the name and declared type: a GIF or a ZIP is not a scan', () => {
    expect(sniffScanType(new TextEncoder().encode('GIF89a\x01\x00'))).toBeNull();
    expect(sniffScanType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBeNull();
  });
});

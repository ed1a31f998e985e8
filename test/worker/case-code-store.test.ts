import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { allocateCaseCode } from '../../src/cases/case-code-store';
import { useFreshDatabase } from '../support/fresh-database';

useFreshDatabase();

beforeEach(async () => {
  await env.DB.prepare(
    "INSERT INTO kelurahan (id, name, kecamatan, city, lurah_name, address, created_at) VALUES ('k1', 'A', 'B', 'C', 'D', 'E', 0), ('k2', 'A', 'B', 'C', 'D', 'E', 0)",
  ).run();
});

describe('case code allocation in D1', () => {
  it('numbers each prefix and month from 0001', async () => {
    expect(await allocateCaseCode(env.DB, 'k1', 'KTP', '2026-11-30')).toBe('KTP-2611-0001');
    expect(await allocateCaseCode(env.DB, 'k1', 'KTP', '2026-11-30')).toBe('KTP-2611-0002');
    expect(await allocateCaseCode(env.DB, 'k1', 'KK', '2026-11-30')).toBe('KK-2611-0001');
    expect(await allocateCaseCode(env.DB, 'k1', 'KTP', '2026-12-01')).toBe('KTP-2612-0001');
  });

  it('counts each kelurahan on its own', async () => {
    await allocateCaseCode(env.DB, 'k1', 'KTP', '2026-11-30');
    expect(await allocateCaseCode(env.DB, 'k2', 'KTP', '2026-11-30')).toBe('KTP-2611-0001');
  });

  it('never hands out the same code to simultaneous applications', async () => {
    const codes = await Promise.all(Array.from({ length: 25 }, () => allocateCaseCode(env.DB, 'k1', 'SITU', '2026-11-30')));
    expect(new Set(codes).size).toBe(25);
    expect(codes.sort().at(-1)).toBe('SITU-2611-0025');
  });
});

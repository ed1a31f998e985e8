import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFields, log, redact } from '../../src/framework/log';

afterEach(() => vi.restoreAllMocks());

/** The one line `log.error` writes, parsed. */
function logged(fields: Record<string, unknown>): Record<string, unknown> {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  log.error('test.line', fields);
  return JSON.parse(String(spy.mock.calls[0]![0])) as Record<string, unknown>;
}

describe('log lines', () => {
  it('carry an error by class and code, never by its message', () => {
    const typed = new SyntaxError('Unexpected token \'S\', "Siti Aminah 1671024508790003" is not valid JSON');
    const line = logged({ error: typed });
    expect(line.error).toEqual({ error: 'SyntaxError' });
    expect(JSON.stringify(line)).not.toContain('Siti');
    expect(JSON.stringify(line)).not.toContain('1671024508790003');
  });

  it('keep a safe code, and the constraint a D1 error names, but not the values around it', () => {
    expect(errorFields(Object.assign(new Error('(#131026) Message undeliverable to 6281234500001'), { code: 131026 }))).toEqual({ error: 'Error', code: '131026' });
    expect(errorFields(new Error('D1_ERROR: NOT NULL constraint failed: case_events.at: SQLITE_CONSTRAINT'))).toEqual({
      error: 'Error',
      code: 'NOT_NULL:case_events.at',
    });
    expect(errorFields(Object.assign(new Error('x'), { code: 'not a code, a sentence with 6281234500001' }))).toEqual({ error: 'Error' });
    expect(errorFields('a string thrown')).toEqual({ error: 'string' });
  });

  it('mask phone numbers and NIKs inside arrays and nested objects', () => {
    const out = redact({ phones: ['6281234500001', '6281234500002'], people: [{ nik: '1671024508790003', wa_id: '6281234500003' }] });
    expect(out).toEqual({ phones: ['****0001', '****0002'], people: [{ nik: '****0003', wa_id: '****0003' }] });
  });

  it('keep a reason that is a code, and only the length of one that is a sentence', () => {
    expect(redact({ reason: 'gone', detail: 'unreadable_status' })).toEqual({ reason: 'gone', detail: 'unreadable_status' });
    expect(redact({ reason: 'Bukan warga RT 03, Siti' })).toEqual({ reason: '[23 chars]' });
  });

  it('do not mask the business phone number id as a person\'s number', () => {
    expect(redact({ phoneNumberId: '100000000000001', phone_number_id: '106540352242922', display_phone_number: '15550783881' })).toEqual({
      phoneNumberId: '100000000000001',
      phone_number_id: '106540352242922',
      display_phone_number: '15550783881',
    });
  });

  it('log only the length of text a person wrote or is named by, and hide secrets', () => {
    expect(redact({ text: 'halo, saya Siti', name: 'Siti Aminah', token: 'EAAG...', ok: true })).toEqual({
      text: '[15 chars]',
      name: '[11 chars]',
      token: '[redacted]',
      ok: true,
    });
  });
});

describe('a failing inbound message', () => {
  // The first import of the whole app (letters included) can take seconds on a busy machine.
  it('is logged without what the person wrote', { timeout: 30_000 }, async () => {
    const { env } = await import('cloudflare:test');
    const { envelope, post, wa } = await import('../support/whatsapp');
    const { seed } = await import('../support/simulator');
    await seed();
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
    // D1 fails with an error that quotes the message text, as a driver might.
    vi.spyOn(env.DB, 'batch').mockRejectedValue(new Error('D1_ERROR: cannot store "Nama saya Siti Aminah, NIK 1671024508790003"'));
    const res = await post(envelope({ messages: [wa.text('6281234500001', 'Nama saya Siti Aminah, NIK 1671024508790003')] }, { waId: '6281234500001', name: 'Siti' }));
    expect(res.status).toBe(500);
    const failed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'whatsapp.message_failed');
    expect(failed).toMatchObject({ error: { error: 'Error' } });
    expect(lines.join('\n')).not.toMatch(/Siti|1671024508790003/);
  });
});

import { describe, expect, it } from 'vitest';

// Vite's glob, declared here alone: vite/client's global types clash with the Workers types.
declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>;
  }
}

// Read at build time: the test runs inside workerd, which has no file system.
const sources = import.meta.glob(['/src/**/*.ts', '/src/**/*.tsx', '/adapters/**/*.ts'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
const outsideDb = Object.entries(sources).filter(([file]) => !file.startsWith('/src/db/'));

/** SQL as text (written in capitals, as everywhere here): a keyword and what only SQL puts after it. */
const SQL_TEXT = /\b(SELECT\s+[\w*]|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|WITH\s+\w+\s+AS\s*\()/;
/** A call on the D1 binding: env.DB.prepare(...), d1.batch(...), DB.exec(...). */
const D1_CALL = /\b(DB|d1)\s*\.\s*(prepare|batch|exec|dump|withSession)\s*\(/;

function offenders(pattern: RegExp): string[] {
  return outsideDb.flatMap(([file, text]) =>
    text.split('\n').flatMap((line, i) => (pattern.test(line) && !/^\s*(\*|\/\/)/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the data room', () => {
  it('reads the sources it guards', () => {
    expect(outsideDb.length).toBeGreaterThan(50);
    expect(Object.keys(sources)).toContain('/src/db/cases.ts');
  });

  it('no SQL text outside src/db', () => {
    expect(offenders(SQL_TEXT)).toEqual([]);
  });

  it('no call on the D1 binding outside src/db', () => {
    expect(offenders(D1_CALL)).toEqual([]);
  });

  it('would see them if they were there', () => {
    expect(SQL_TEXT.test("const q = 'SELECT id FROM cases'")).toBe(true);
    expect(SQL_TEXT.test('`UPDATE outbox SET status = ?`')).toBe(true);
    expect(SQL_TEXT.test('select an RT chair')).toBe(false);
    expect(D1_CALL.test('await env.DB.prepare(sql).all()')).toBe(true);
    expect(D1_CALL.test('await c.env.DB.batch([a, b])')).toBe(true);
  });
});

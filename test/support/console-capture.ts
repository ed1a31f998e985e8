/**
 * Everything Loket prints to the console during a test, as text: what Workers Logs would hold.
 * For the log-privacy tests, which look in it for what must never be logged.
 */
import { vi } from 'vitest';

/** Captures every console call from now until vi.restoreAllMocks(); returns the live list. */
export function captureConsole(into: string[] = []): string[] {
  into.length = 0;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      into.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.name}: ${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
    });
  }
  return into;
}

/** Every way a number may be written out in full: international, local, with "+". */
export const fullForms = (e164: string) => [e164, `+${e164}`, `0${e164.slice(2)}`];

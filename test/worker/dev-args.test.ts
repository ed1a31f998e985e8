/** `npm start` runs wrangler dev so that links in letters name the port it runs on. */
import { describe, expect, it } from 'vitest';
import { devArgs } from '../../scripts/dev-args.mjs';

const varOf = (args: string[], name: string) => {
  const i = args.findIndex((a, j) => a === '--var' && args[j + 1]?.startsWith(`${name}:`));
  return i < 0 ? undefined : args[i + 1]!.slice(name.length + 1);
};

describe('npm start', () => {
  it('gives wrangler dev the public address of the port it runs on', () => {
    expect(varOf(devArgs({ host: '127.0.0.1', port: 8811 }), 'PUBLIC_BASE_URL')).toBe('http://localhost:8811');
    expect(varOf(devArgs({ host: '127.0.0.1', port: 8787 }), 'PUBLIC_BASE_URL')).toBe('http://localhost:8787');
    expect(devArgs({ host: '127.0.0.1', port: 8811 })).toEqual(expect.arrayContaining(['--port', '8811', '--env', 'local']));
  });

  it('keeps local state where it is told', () => {
    const args = devArgs({ host: '127.0.0.1', port: 8787, persistTo: '/tmp/loket-x' });
    expect(args.slice(args.indexOf('--persist-to'), args.indexOf('--persist-to') + 2)).toEqual(['--persist-to', '/tmp/loket-x']);
    expect(devArgs({ host: '127.0.0.1', port: 8787 })).not.toContain('--persist-to');
  });
});

/**
 * The line between the framework and the kelurahan bot (docs/framework.md): the framework is the
 * channel layer (adapters/), the hot path, delivery, media and their store (src/framework/,
 * src/db/framework/); everything else in src/ is the kelurahan bot. The framework imports nothing
 * across the line, so the next civic bot can start from it; an example bot (examples/) imports
 * the framework only.
 */
import { describe, expect, it } from 'vitest';

declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>;
  }
}

// The sources as text, read at build time: the test runs inside workerd, which has no file system.
const sources = import.meta.glob(['/src/**/*.ts', '/src/**/*.tsx', '/adapters/**/*.ts', '/examples/**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const FRAMEWORK = ['/adapters/', '/src/framework/', '/src/db/framework/'];
const inFramework = (file: string) => FRAMEWORK.some((dir) => file.startsWith(dir));

/** Where a relative import points, as a source path (with or without its extension found). */
function resolve(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  const base = parts.join('/');
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => f in sources) ?? base;
}

/** Every relative import and re-export of a file, type-only and dynamic ones included. */
export function importsOf(file: string, text: string): string[] {
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'(\.[^']+)'/gm),
    ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specs.map((s) => resolve(file, s));
}

/** An example's own folder (/examples/<name>/): its files may import each other. */
const exampleOf = (file: string) => (file.startsWith('/examples/') ? `${file.split('/').slice(0, 3).join('/')}/` : null);

/** Imports that cross the line: from the framework (or an example) to anything not framework. */
export function crossings(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const example = exampleOf(file);
    if (!inFramework(file) && !example) continue;
    for (const target of importsOf(file, text)) if (!inFramework(target) && !(example && target.startsWith(example))) out.push(`${file} -> ${target}`);
  }
  return out.sort();
}

describe('the framework boundary', () => {
  it('reads the framework and the bot it must not know', () => {
    const framework = Object.keys(sources).filter(inFramework);
    expect(framework).toContain('/adapters/channel.ts');
    expect(framework).toContain('/src/framework/inbound.ts');
    expect(framework).toContain('/src/framework/deliver.ts');
    expect(Object.keys(sources)).toContain('/src/bot/dialogue.ts');
  });

  it('is not crossed: the framework and the examples import nothing of the kelurahan bot', () => {
    expect(crossings(sources)).toEqual([]);
  });

  it('catches a crossing of every form an import can take', () => {
    const text = [
      "import type { Effect } from '../bot/effects';",
      "export { runDialogue } from '../bot/dialogue';",
      "import '../domain/messages';",
      "const m = await import('../db/cases');",
      "import { log } from './log';",
    ].join('\n');
    expect(crossings({ ...sources, '/src/framework/leak.ts': text })).toEqual([
      '/src/framework/leak.ts -> /src/bot/dialogue.ts',
      '/src/framework/leak.ts -> /src/bot/effects.ts',
      '/src/framework/leak.ts -> /src/db/cases.ts',
      '/src/framework/leak.ts -> /src/domain/messages/index.ts',
    ]);
    expect(crossings({ '/adapters/x.ts': "import { t } from '../src/domain/messages/index';" })).toEqual(['/adapters/x.ts -> /src/domain/messages/index.ts']);
    // An example may import its own files, but neither the kelurahan bot nor another example.
    const example = ["import { bot } from './bot';", "import { other } from '../other/bot';", "import { runDialogue } from '../../src/bot/dialogue';"].join('\n');
    expect(crossings({ ...sources, '/examples/x/worker.ts': example })).toEqual(['/examples/x/worker.ts -> /examples/other/bot', '/examples/x/worker.ts -> /src/bot/dialogue.ts']);
  });
});

import { describe, expect, it } from 'vitest';

// Vite's glob, declared here alone: vite/client's global types clash with the Workers types.
declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, unknown>;
  }
}

// The sources as text, read at build time: the test runs inside workerd, which has no file system.
const sources = import.meta.glob(['/src/**/*.ts', '/src/**/*.tsx', '/adapters/**/*.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function resolve(from: string, spec: string): string | null {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  const base = parts.join('/');
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => f in sources) ?? null;
}

/** Each module's relative imports, type-only ones included: a circle of types is a circle too. */
function importsOf(file: string): string[] {
  const found = [...sources[file]!.matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => resolve(file, m[1]!));
  return found.filter((f): f is string => f !== null);
}

/** One import path that comes back to where it started, or null. */
function findCycle(graph: Record<string, string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (f: string): string[] | null => {
    const at = path.indexOf(f);
    if (at >= 0) return [...path.slice(at), f];
    if (done.has(f)) return null;
    path.push(f);
    for (const g of graph[f] ?? []) {
      const cycle = visit(g);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(f);
    return null;
  };
  for (const f of Object.keys(graph)) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return null;
}

describe('module imports', () => {
  const graph = Object.fromEntries(Object.keys(sources).map((f) => [f, importsOf(f)]));

  it('reads the sources it checks', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(graph['/src/bot/dialogue.ts']).toContain('/src/bot/steps/rt.ts');
    expect(graph['/src/app.ts']).toContain('/src/desk/status.tsx');
  });

  it('form no circle, so each module can be read after what it uses', () => {
    expect(findCycle(graph)).toBeNull();
  });
});

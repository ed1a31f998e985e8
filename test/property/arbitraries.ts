/**
 * fast-check generators shared by the property tests: JSON as a provider might send it when
 * something upstream changes or breaks, grown from real payloads by small mutations, and the
 * checks that an inbound event the parsers return is one the pipeline can take.
 */
import fc from 'fast-check';
import { CHANNELS, type InboundEvent } from '../../adapters/channel';

/** One fixed seed per property, so a failure on CI is the same failure on a laptop. */
export const SEED = 20261130;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Values that break careless code: empty, huge, negative, the wrong type, odd text. */
const awkward: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, '', ' ', 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, [], {}, '0', 'null', '\u0000', '💥🇮🇩', 'x'.repeat(5000)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

function pathsOf(value: Json, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

type Mutation = { op: 'replace' | 'delete' | 'wrap' | 'stringify'; pick: number; value: Json };

function apply(root: Json, m: Mutation): Json {
  const paths = pathsOf(root);
  const path = paths[m.pick % paths.length]!;
  if (path.length === 0) return m.op === 'wrap' ? [root] : m.op === 'replace' ? m.value : root;
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const key = path.at(-1)!;
  const old = parent[key]!;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (m.op === 'wrap') parent[key] = [old];
  else if (m.op === 'stringify') parent[key] = typeof old === 'string' ? Number(old) || old.toUpperCase() : JSON.stringify(old);
  else parent[key] = m.value;
  return copy;
}

/** `seed` with one to four of its members replaced, deleted, wrapped in an array or turned into text. */
export function mutated(seed: unknown): fc.Arbitrary<unknown> {
  const mutation = fc.record<Mutation>({
    op: fc.constantFrom('replace', 'replace', 'delete', 'wrap', 'stringify'),
    pick: fc.nat(),
    value: awkward,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce(apply, structuredClone(seed) as Json));
}

/** Any JSON a body could hold, and mutations of the real payloads. */
export function bodies(realPayloads: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
    { arbitrary: fc.constantFrom(...realPayloads).chain(mutated), weight: 4 },
  );
}

/**
 * An event the pipeline can take: a known kind with its fields of the right types, a message id
 * and a sender. Returns what is wrong, or null.
 */
export function eventProblem(e: InboundEvent): string | null {
  if (typeof e.messageId !== 'string' || e.messageId.length === 0) return 'messageId';
  if (!e.sender || !CHANNELS.includes(e.sender.channel) || typeof e.sender.externalId !== 'string' || e.sender.externalId.length === 0) return 'sender';
  if (e.sender.displayName !== undefined && typeof e.sender.displayName !== 'string') return 'displayName';
  if (e.sender.phone !== undefined && typeof e.sender.phone !== 'string') return 'phone';
  if (typeof e.at !== 'number' || !Number.isFinite(e.at)) return 'at';
  switch (e.kind) {
    case 'text':
      return typeof e.text === 'string' ? null : 'text';
    case 'choice':
      return typeof e.choiceId === 'string' && (e.label === undefined || typeof e.label === 'string') ? null : 'choice';
    case 'media':
      if (!e.media || typeof e.media.ref !== 'string' || e.media.ref.length === 0 || typeof e.media.mimeType !== 'string') return 'media';
      for (const k of ['sha256', 'filename', 'caption'] as const) if (e.media[k] !== undefined && typeof e.media[k] !== 'string') return `media.${k}`;
      return e.media.sizeBytes === undefined || Number.isFinite(e.media.sizeBytes) ? null : 'media.sizeBytes';
    case 'phone':
      return typeof e.phone === 'string' && e.phone.length > 0 ? null : 'phone';
    case 'unsupported':
      return ['voice', 'audio', 'sticker', 'location', 'reaction', 'contact', 'video', 'other'].includes(e.what) ? null : 'unsupported';
    default:
      return `kind ${(e as { kind: unknown }).kind}`;
  }
}

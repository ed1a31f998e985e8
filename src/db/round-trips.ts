/**
 * D1 round trips counted on the binding, for `npm run bench`: every batch and every statement's
 * first/all/run/raw is one trip to the database. Switched on only by the bench (`--var
 * COUNT_D1:true` on a local wrangler dev); otherwise the binding is handed on untouched.
 *
 * The wrapper is made once per binding and entry point, not per request: drizzle keeps its
 * prepared statements per database object, and a new wrapper each time would rebuild them all.
 */
export type Entry = 'fetch' | 'queue' | 'scheduled';

const counts: Record<Entry, number> = { fetch: 0, queue: 0, scheduled: 0 };
const wrappers = new WeakMap<D1Database, Map<Entry, D1Database>>();
/** A counted statement -> the binding's own, which D1's batch insists on. */
const real = new WeakMap<object, D1PreparedStatement>();

export function roundTripsCounted(env: Env): boolean {
  return (env as { COUNT_D1?: string }).COUNT_D1 === 'true';
}

/** Env with its DB counted under `entry`, when the bench asked for it. */
export function countingEnv(env: Env, entry: Entry): Env {
  if (!roundTripsCounted(env)) return env;
  let byEntry = wrappers.get(env.DB);
  if (!byEntry) wrappers.set(env.DB, (byEntry = new Map()));
  let db = byEntry.get(entry);
  if (!db) byEntry.set(entry, (db = countingD1(env.DB, entry)));
  return { ...env, DB: db };
}

export function roundTrips(): Record<Entry, number> {
  return { ...counts };
}

function countingD1(db: D1Database, entry: Entry): D1Database {
  const statement = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const counted = new Proxy(stmt, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => statement(target.bind(...values));
        if (key === 'first' || key === 'all' || key === 'run' || key === 'raw') {
          return (...args: unknown[]) => {
            counts[entry]++;
            return (target[key] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    real.set(counted, stmt);
    return counted;
  };
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => statement(target.prepare(query));
      if (key === 'batch') {
        return (stmts: D1PreparedStatement[]) => {
          counts[entry]++;
          return target.batch(stmts.map((s) => real.get(s) ?? s));
        };
      }
      if (key === 'exec') {
        return (query: string) => {
          counts[entry]++;
          return target.exec(query);
        };
      }
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

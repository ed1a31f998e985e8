/**
 * Structured logs for Workers Logs. Fields named like secrets or personal data are masked here,
 * once, so that no call site can leak a token, a full phone number or a NIK by accident.
 *
 * Errors are logged by class and code, never by message: a message may carry what a person typed
 * or was named (a JSON parse error quotes the text, a provider error may echo a number). Pass the
 * error itself (`{ error: err }`); it becomes `{ error: 'TypeError', code: ... }`.
 */
type Fields = Record<string, unknown>;

const SECRET_KEY = /token|secret|password|authorization|signature/i;
/** The business's own numbers and ids (phone_number_id, display_phone_number) are not a person's. */
const BUSINESS_KEY = /phone_?number_?id|display_phone_number|business/i;
const PERSONAL_KEY = /phone|nik|wa_?id|msisdn|external_?id/i;
/** Free text a person wrote or was named by: only its length is logged. */
const TEXT_KEY = /^(text|body|caption|name|full_?name|display_?name|given_?name|address)$/i;
const CODE_KEY = /^(reason|detail)$/i;
/** A code is logged only when it looks like one, so that no sentence passes as a code. */
const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface ErrorFields {
  error: string;
  code?: string;
}

/** An error as it may be logged: its class and, where it has a safe one, a code. */
export function errorFields(err: unknown): ErrorFields {
  if (!(err instanceof Error)) return { error: typeof err };
  const out: ErrorFields = { error: err.name || err.constructor?.name || 'Error' };
  const code = (err as { code?: unknown }).code;
  if ((typeof code === 'string' || typeof code === 'number') && SAFE_CODE.test(String(code))) out.code = String(code);
  else {
    // D1 and SQLite name the constraint that failed; that names the schema, never a value.
    const constraint = /(UNIQUE|NOT NULL|FOREIGN KEY|CHECK) constraint failed: ([\w.]+)/.exec(err.message);
    if (constraint) out.code = `${constraint[1]!.replace(' ', '_')}:${constraint[2]}`;
  }
  return out;
}

function maskValue(key: string, value: unknown): unknown {
  if (value instanceof Error) return errorFields(value);
  if (Array.isArray(value)) return value.map((v) => maskValue(key, v));
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (!BUSINESS_KEY.test(key) && PERSONAL_KEY.test(key) && (typeof value === 'string' || typeof value === 'number')) {
    const s = String(value);
    return s.length <= 4 ? '****' : `****${s.slice(-4)}`;
  }
  if (TEXT_KEY.test(key) && typeof value === 'string') return `[${value.length} chars]`;
  // A reason is logged when it is a code ('gone', 'bad_type'); a sentence may be what a chair typed.
  if (CODE_KEY.test(key) && typeof value === 'string' && !SAFE_CODE.test(value)) return `[${value.length} chars]`;
  if (value && typeof value === 'object') return redact(value as Fields);
  return value;
}

export function redact(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = maskValue(k, v);
  return out;
}

function emit(level: 'info' | 'warn' | 'error', msg: string, fields: Fields = {}): void {
  const line = JSON.stringify({ level, msg, ...redact(fields) });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

export const log = {
  info: (msg: string, fields?: Fields) => emit('info', msg, fields),
  warn: (msg: string, fields?: Fields) => emit('warn', msg, fields),
  error: (msg: string, fields?: Fields) => emit('error', msg, fields),
};

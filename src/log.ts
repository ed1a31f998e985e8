/**
 * Structured logs for Workers Logs. Fields named like secrets or personal data are masked here,
 * once, so that no call site can leak a token, a full phone number or a NIK by accident.
 */
type Fields = Record<string, unknown>;

const SECRET_KEY = /token|secret|password|authorization|signature/i;
const PERSONAL_KEY = /phone|nik|wa_id|msisdn/i;

function maskValue(key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (PERSONAL_KEY.test(key) && (typeof value === 'string' || typeof value === 'number')) {
    const s = String(value);
    return s.length <= 4 ? '****' : `****${s.slice(-4)}`;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) return redact(value as Fields);
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

/**
 * A browser for the staff desk in tests: it keeps cookies, sends forms as a page of Loket would
 * (Origin header, form encoding) and reads the token out of the forms it was served.
 */
import { env } from 'cloudflare:test';
import { createApp } from '../../src/app';
import { dbOf } from '../../src/db/client';
import { upsertKelurahan, upsertStaffUser } from '../../src/db/seed';
import { hashPassword } from '../../src/staff/password';

export const app = createApp();
export const NOW = Date.parse('2026-11-30T10:00:00+07:00');

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly origin = 'https://loket.test',
    readonly ip = '203.0.113.10',
    /** A test's own app, when it adds routes (before its first request). */
    readonly worker: { request: typeof app.request } = app,
    /** The bindings the app sees (a test that reads the queue gives its recording one). */
    readonly bindings: Env = env,
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers });
  }

  /** A form POST as the browser sends it from a page of `origin`. */
  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, ...headers },
    });
  }

  /** A form with a file, as the browser sends it (multipart). */
  async postMultipart(path: string, form: FormData): Promise<Response> {
    return this.send(path, { method: 'POST', body: form, headers: { origin: this.origin } });
  }

  async send(path: string, init: { method: string; body?: string | FormData; headers: Record<string, string> }): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', this.ip);
    const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (jar && !headers.has('cookie')) headers.set('cookie', jar);
    const res = await this.worker.request(`${this.origin}${path}`, { method: init.method, body: init.body ?? null, headers, redirect: 'manual' }, this.bindings);
    for (const line of res.headers.getAll('set-cookie')) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Opens the sign-in page and returns the form's token. */
  async openLogin(path = '/login'): Promise<string> {
    const res = await this.get(path);
    return formToken(await res.text());
  }

  async signIn(username: string, password: string, next?: string): Promise<Response> {
    const token = await this.openLogin();
    return this.post('/login', { _csrf: token, username, password, ...(next ? { next } : {}) });
  }

  /** The session's form token, as every desk page carries it in its sign-out form. */
  async deskToken(): Promise<string> {
    return formToken(await (await this.get('/status')).text());
  }
}

export function formToken(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m) throw new Error('no _csrf field in the page');
  return m[1]!;
}

export async function addKelurahan(id: string, name: string): Promise<void> {
  await upsertKelurahan(dbOf(env.DB), {
    id, name, kecamatan: 'Kalidoni', city: 'Palembang', lurahName: 'Lurah', address: 'Jl. Contoh 1', createdAt: NOW,
  }).run();
}

/** Hashes are made with fewer iterations where a test makes many accounts; sign-in accepts any count up to the maximum. */
export async function addStaff(s: {
  id: string; kelurahanId: string; username: string; password: string; role?: 'staff' | 'lurah' | 'admin'; displayName?: string;
}): Promise<void> {
  await upsertStaffUser(dbOf(env.DB), {
    id: s.id, kelurahanId: s.kelurahanId, username: s.username, displayName: s.displayName ?? s.username, role: s.role ?? 'staff',
    passwordHash: await hashPassword(s.password, new Uint8Array(16).fill(3)), createdAt: NOW,
  }).run();
}

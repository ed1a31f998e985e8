/**
 * GET /transparansi: the public page, no sign-in, on whether the kelurahan keeps its promise
 * (src/domain/transparency.ts has the numbers and the privacy rule). `?k=<kelurahan id>` names
 * the kelurahan; without it the only one is meant, or a list is shown when there are several.
 * Indonesian unless `?lang=en` or the browser's Accept-Language prefers English.
 *
 * Cost under load: each page (kelurahan and language) is computed at most once every five minutes
 * per isolate and kept in the isolate's memory, and is sent with Cache-Control public, max-age up
 * to 300, so browsers and any proxy keep it too. An isolate memo rather than the Cache API
 * (caches.default): the Cache API does nothing on a workers.dev address, where a small kelurahan
 * is likely to run Loket, and costs a subrequest on every hit; the memo works everywhere for
 * free. The price is one computation per isolate per five minutes instead of one per data centre,
 * a handful of D1 reads.
 *
 * An id that names no kelurahan is remembered as such for the same five minutes, so a prober
 * repeating made-up ids costs no D1 read each time. Pages are kept only for ids that exist (the
 * kelurahan table bounds them); the unknown ids, which anyone can make up, are kept up to a count,
 * the oldest forgotten first.
 */
import { Hono, type Context } from 'hono';
import { dbOf, type Db } from '../db/client';
import { deskHolidays } from '../db/desk';
import { statsCases, statsComplaints } from '../db/stats';
import { skmRowsOf } from '../db/skm';
import { publicKelurahanList, transparencyKelurahan } from '../db/transparency';
import { addDays, localMoment, workingCalendar } from '../domain/calendar';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../domain/messages';
import type { Instant } from '../framework/ports';
import { isServiceId } from '../domain/services';
import type { SkmRow } from '../domain/skm';
import { holidaysFrom, periodsAt, transparencyView } from '../domain/transparency';
import { statsCases as toStatsCases } from '../desk/stats/rows';
import { notFoundPage } from './not-found';
import { ChooseKelurahan, TransparencyPage } from './transparansi-page';

const MEMO_MS = 5 * 60_000;
/** More than one page of kelurahan names is not a choice anyone can make on a phone. */
const LIST_LIMIT = 100;
/** Ids are short slugs; anything else is not a kelurahan and costs no read. */
const KELURAHAN_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Unknown ids kept at once: a few dozen kilobytes at most, whatever a prober sends. */
export const TRANSPARENCY_MISS_LIMIT = 500;

const memo = new Map<string, { until: Instant; html: string }>();
/** Ids (or '' for none named) that found no kelurahan, until when that answer stands. */
const misses = new Map<string, Instant>();

/** For tests: each starts from a fresh database, which the last test's pages do not describe. */
export function forgetTransparencyPages(): void {
  memo.clear();
  misses.clear();
}

function rememberMiss(id: string, until: Instant): void {
  misses.delete(id);
  // A Map iterates in insertion order: the first key is the oldest.
  if (misses.size >= TRANSPARENCY_MISS_LIMIT) misses.delete(misses.keys().next().value!);
  misses.set(id, until);
}

export const transparansi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const locale = localeOf(c);
  const k = c.req.query('k');
  if (k !== undefined && !KELURAHAN_ID.test(k)) return notFoundPage(c);
  const key = `${k ?? ''}\n${locale}`;
  const now = Date.now();
  const kept = memo.get(key);
  if (kept && kept.until > now) return send(c, kept.html, kept.until - now);
  if ((misses.get(k ?? '') ?? 0) > now) return notFoundPage(c);
  const html = await build(c, dbOf(c.env.DB), k, locale, now);
  if (html === null) {
    rememberMiss(k ?? '', now + MEMO_MS);
    return notFoundPage(c);
  }
  memo.set(key, { until: now + MEMO_MS, html });
  return send(c, html, MEMO_MS);
});

function send(c: Context, html: string, freshForMs: number) {
  return c.html(html, 200, {
    // What is left of the memo's five minutes, so a browser's copy is never older than the page's own.
    'cache-control': `public, max-age=${Math.max(0, Math.ceil(freshForMs / 1000))}`,
    // Without ?lang= the language comes from this header.
    vary: 'Accept-Language',
  });
}

async function build(c: Context, db: Db, asked: string | undefined, locale: Locale, now: Instant): Promise<string | null> {
  let id = asked;
  if (id === undefined) {
    const list = await publicKelurahanList(db, LIST_LIMIT);
    if (list.length === 0) return null;
    if (list.length > 1) return page(<ChooseKelurahan locale={locale} list={list} lang={c.req.query('lang') ? `&lang=${locale}` : ''} />);
    id = list[0]!.id;
  }
  // Read first on its own: the rest needs its time zone, and an unknown id costs this one read.
  const [k] = await transparencyKelurahan(db, id);
  if (!k) return null;
  const periods = periodsAt(now, k.utcOffsetMinutes);
  const year = periods.find((p) => p.id === 'year')!.range;
  const today = localMoment(now, k.utcOffsetMinutes).date;
  const [days, caseRows, complaintRows, skmRows] = await db.batch([
    deskHolidays(db, id, holidaysFrom(periods), addDays(today, 60)),
    statsCases(db, id, year),
    statsComplaints(db, id, year),
    skmRowsOf(db, id, year),
  ]);
  const calendar = workingCalendar(
    days.map((d) => d.date),
    { utcOffsetMinutes: k.utcOffsetMinutes, opensAtMinute: k.opensAtMinute, closesAtMinute: k.closesAtMinute },
  );
  const skm: SkmRow[] = skmRows.flatMap((r) => (isServiceId(r.service) ? [{ ...r, service: r.service }] : []));
  const view = transparencyView({ cases: toStatsCases(caseRows), complaints: complaintRows, skm, periods, minCases: k.minCases, now, calendar });
  const other = new URLSearchParams(asked === undefined ? {} : { k: asked });
  other.set('lang', locale === 'id' ? 'en' : 'id');
  return page(<TransparencyPage locale={locale} kelurahan={k} view={view} computedAt={now} otherLanguageHref={`/transparansi?${other}`} />);
}

async function page(node: { toString(): string | Promise<string> }): Promise<string> {
  return `<!doctype html>${await node.toString()}`;
}

/** ?lang= first; then the browser's languages in order of preference; Indonesian otherwise. */
export function localeOf(c: Context): Locale {
  const asked = c.req.query('lang');
  if (asked && isLocale(asked)) return asked;
  const ranked = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag!.split('-')[0]!, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const l of ranked) {
    // "in" is the old code for Indonesian that some phones still send.
    if (l.lang === 'id' || l.lang === 'in') return 'id';
    if (l.lang === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}

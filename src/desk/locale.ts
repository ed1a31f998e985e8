/**
 * The desk's language: Bahasa Indonesia unless the staff member chose English. `?lang=en` (or
 * `?lang=id`) on any desk page chooses, and a cookie remembers the choice.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../domain/messages';
import type { DeskEnv } from './context';
import { readCookie, writeCookie } from './cookies';

const LANG_COOKIE = 'loket_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

export const withLocale: MiddlewareHandler<DeskEnv> = async (c, next) => {
  c.set('locale', chooseLocale(c));
  await next();
};

function chooseLocale(c: Context): Locale {
  const asked = c.req.query('lang');
  if (asked && isLocale(asked)) {
    writeCookie(c, LANG_COOKIE, asked, YEAR_SECONDS);
    return asked;
  }
  const kept = readCookie(c, LANG_COOKIE);
  return kept && isLocale(kept) ? kept : DEFAULT_LOCALE;
}

/** The current page in the other language (the language switch in every header). */
export function otherLanguageHref(c: Context, locale: Locale): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', locale === 'id' ? 'en' : 'id');
  return `${url.pathname}${url.search}`;
}

/**
 * The page frame of the staff desk: header with the kelurahan, the signed-in staff member and the
 * sign-out form, the navigation, and the language switch. hono/jsx escapes every value put into
 * the page, so names and codes from the database cannot become markup.
 */
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale } from '../domain/messages';
import type { SignedInStaff } from './context';
import { otherLanguageHref } from './locale';
import { statsText } from './stats/text';
import { DESK_CSS } from './style';
import { deskText, type DeskKey, type DeskT } from './text';

export interface PageFrame {
  locale: Locale;
  t: DeskT;
  /** The current page in the other language. */
  langHref: string;
  path: string;
}

/** What every desk page needs to draw its frame, read once from the request. */
export function frameOf(c: Context, locale: Locale): PageFrame {
  return { locale, t: deskText(locale), langHref: otherLanguageHref(c, locale), path: new URL(c.req.url).pathname };
}

export function Document(props: { title: string; locale: Locale; children: Child }) {
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} - Loket`}</title>
        <style>{raw(DESK_CSS)}</style>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

const NAV: readonly { href: string; key: DeskKey; roles?: readonly SignedInStaff['role'][] }[] = [
  { href: '/status', key: 'nav.desk' },
  { href: '/status/account', key: 'nav.account' },
  // Staff would only be refused there.
  { href: '/status/admin', key: 'nav.admin', roles: ['admin', 'lurah'] },
];

/** A page for a signed-in staff member. */
export function Layout(props: { frame: PageFrame; staff: SignedInStaff; title: string; children: Child }) {
  const { t, locale, langHref, path } = props.frame;
  const s = props.staff;
  return (
    <Document title={props.title} locale={locale}>
      <header>
        <span class="brand">Loket · {s.kelurahanName}</span>
        <span class="who">
          {s.displayName}
          <br />
          {t(`role.${s.role}`)}
        </span>
        <a class="lang" href={langHref} lang={locale === 'id' ? 'en' : 'id'}>
          {t('lang.other')}
        </a>
        <form method="post" action="/logout">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <button type="submit">{t('logout')}</button>
        </form>
      </header>
      <nav>
        {NAV.filter((n) => !n.roles || n.roles.includes(s.role)).map((n) => (
          <a href={n.href} aria-current={path === n.href || (n.href === '/status/admin' && path.startsWith('/status/admin/')) ? 'page' : undefined}>
            {t(n.key)}
          </a>
        ))}
        <a href="/status/stats" aria-current={path === '/status/stats' ? 'page' : undefined}>{statsText(locale).nav}</a>
      </nav>
      <main>{props.children}</main>
    </Document>
  );
}

/** The whole response body: hono/jsx leaves out the doctype. */
export function pageHtml(node: Child) {
  return html`<!doctype html>${node}`;
}

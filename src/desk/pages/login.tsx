/** GET /login: the sign-in form. */
import { Document, type PageFrame } from '../layout';

export function LoginPage(props: { frame: PageFrame; token: string; next: string; username?: string; failed?: boolean }) {
  const { t, locale, langHref } = props.frame;
  return (
    <Document title={t('login.title')} locale={locale}>
      <header>
        <span class="brand">Loket</span>
        <a class="lang" href={langHref} lang={locale === 'id' ? 'en' : 'id'}>
          {t('lang.other')}
        </a>
      </header>
      <main class="login">
        <div class="card">
          <h1>{t('login.title')}</h1>
          <p class="en">{t('login.lead')}</p>
          {props.failed ? (
            <p class="error" role="alert">
              {t('login.failed')}
            </p>
          ) : null}
          <form method="post" action="/login">
            <input type="hidden" name="_csrf" value={props.token} />
            <input type="hidden" name="next" value={props.next} />
            <label for="username">{t('login.username')}</label>
            <input
              type="text" id="username" name="username" value={props.username ?? ''} autocomplete="username"
              autocapitalize="none" spellcheck={false} required maxlength={64} autofocus={!props.username}
            />
            <label for="password">{t('login.password')}</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required maxlength={1024} autofocus={!!props.username} />
            <button type="submit">{t('login.submit')}</button>
          </form>
          <p class="en">{t('login.help')}</p>
        </div>
      </main>
    </Document>
  );
}

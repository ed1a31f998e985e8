/**
 * The desk's refusals, in Bahasa Indonesia and English together: they are met before a language
 * is known (a form without its token, a throttled sign-in, a missing page). Every 404 of the desk
 * is this one page, whatever the reason, so it never tells whether another kelurahan has a case.
 */
import { DESK_HEADERS } from '../headers';
import { Document, pageHtml } from '../layout';
import { deskText } from '../text';

export type Refusal = 'not_found' | 'form' | 'signed_out' | 'throttled';

const LINK: Record<Refusal, { href: string; key: 'error.to_login' | 'error.to_desk' }> = {
  not_found: { href: '/status', key: 'error.to_desk' },
  form: { href: '/status', key: 'error.to_desk' },
  signed_out: { href: '/login', key: 'error.to_login' },
  throttled: { href: '/login', key: 'error.to_login' },
};

function RefusalPage(props: { kind: Refusal; minutes: number; link?: string }) {
  const id = deskText('id');
  const en = deskText('en');
  const text = (t: typeof id) =>
    props.kind === 'throttled' ? t('error.throttled.body', { minutes: props.minutes }) : t(`error.${props.kind}.body`);
  const link = LINK[props.kind];
  return (
    <Document title={id(`error.${props.kind}.title`)} locale="id">
      <main>
        <div class="card" data-refusal={props.kind}>
          <h1>{id(`error.${props.kind}.title`)}</h1>
          <p class="en" lang="en">
            {en(`error.${props.kind}.title`)}
          </p>
          <p>{text(id)}</p>
          <p class="en" lang="en">
            {text(en)}
          </p>
          <p>
            <a href={props.link ?? link.href}>
              {id(link.key)} / <span lang="en">{en(link.key)}</span>
            </a>
          </p>
        </div>
      </main>
    </Document>
  );
}

const STATUS: Record<Refusal, number> = { not_found: 404, form: 403, signed_out: 403, throttled: 429 };

/** A refusal as a whole response, so it can also be thrown (HTTPException) from deep inside a handler. */
export async function refusal(kind: Refusal, opts: { retryAfterSeconds?: number; link?: string } = {}): Promise<Response> {
  const minutes = Math.max(1, Math.ceil((opts.retryAfterSeconds ?? 60) / 60));
  const body = await pageHtml(<RefusalPage kind={kind} minutes={minutes} link={opts.link} />);
  const headers = new Headers({ ...DESK_HEADERS, 'content-type': 'text/html; charset=UTF-8' });
  if (opts.retryAfterSeconds !== undefined) headers.set('retry-after', String(opts.retryAfterSeconds));
  return new Response(String(body), { status: STATUS[kind], headers });
}

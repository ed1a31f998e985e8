/**
 * GET /status/account: who is signed in, with which role, for which kelurahan, and the chat
 * escalations reach: linked (channel and masked number), or a one-time code to link one.
 */
import type { Channel } from '../../db/schema';
import { localMoment } from '../../domain/calendar';
import type { SignedInStaff } from '../context';
import { Layout, type PageFrame } from '../layout';
import { linkedChatNumber } from '../linked-chat';
import { NoStaffChatBanner } from './staff-chats-banner';

export interface LinkedChat {
  channel: Channel;
  externalId: string;
  phone: string | null;
}

export interface OpenCode {
  code: string;
  expiresAt: number;
  utcOffsetMinutes: number;
}

export function AccountPage(props: {
  frame: PageFrame;
  staff: SignedInStaff;
  chat: LinkedChat | null;
  code: OpenCode | null;
  /** Whether any staff member of the kelurahan has a linked chat. */
  anyoneLinked: boolean;
}) {
  const { t } = props.frame;
  const s = props.staff;
  return (
    <Layout frame={props.frame} staff={s} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      {props.anyoneLinked ? null : <NoStaffChatBanner t={t} link={false} />}
      <div class="card">
        <dl>
          <dt>{t('account.name')}</dt>
          <dd>{s.displayName}</dd>
          <dt>{t('account.username')}</dt>
          <dd>{s.username}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${s.role}`)}</dd>
          <dt>{t('account.kelurahan')}</dt>
          <dd>{s.kelurahanName}</dd>
        </dl>
      </div>
      <section class="card" id="staff-chat" aria-labelledby="staff-chat-title">
        <h2 id="staff-chat-title">{t('account.chat.title')}</h2>
        <p>{t('account.chat.lead')}</p>
        {props.chat ? (
          <>
            <p data-linked-chat>{t('account.chat.linked', { channel: t(`channel.${props.chat.channel}`), number: linkedChatNumber(props.chat) })}</p>
            <form method="post" action="/status/account/unlink">
              <input type="hidden" name="_csrf" value={s.csrf} />
              <button type="submit" class="secondary">{t('account.chat.unlink')}</button>
            </form>
          </>
        ) : (
          <p>{t('account.chat.none')}</p>
        )}
        {props.code ? (
          <CodeShown frame={props.frame} code={props.code} />
        ) : (
          <form method="post" action="/status/account/link">
            <input type="hidden" name="_csrf" value={s.csrf} />
            <button type="submit">{t(props.chat ? 'account.chat.other_chat' : 'account.chat.make_code')}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}

function CodeShown(props: { frame: PageFrame; code: OpenCode }) {
  const { t } = props.frame;
  const { code, expiresAt, utcOffsetMinutes } = props.code;
  return (
    <div class="link-code-box">
      <h3>{t('account.chat.code_title')}</h3>
      <p class="link-code" data-link-code>{code}</p>
      <p>{t('account.chat.code_valid', { time: clockTime(expiresAt, utcOffsetMinutes) })}</p>
      <p>{t('account.chat.how')}</p>
      <ul>
        <li>{t('account.chat.how_whatsapp')}</li>
        <li>{t('account.chat.how_telegram', { code })}</li>
      </ul>
      <p>{t('account.chat.how_after')}</p>
    </div>
  );
}

const ZONES: Record<number, string> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' };

/** "11:05 WIB": the kelurahan's own time. */
function clockTime(at: number, utcOffsetMinutes: number): string {
  const m = localMoment(at, utcOffsetMinutes).minuteOfDay;
  const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const zone = ZONES[utcOffsetMinutes] ?? `UTC${utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(utcOffsetMinutes) / 60}`;
  return `${hhmm} ${zone}`;
}

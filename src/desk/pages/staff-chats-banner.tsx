/**
 * Said on the desk while no staff member of the kelurahan has linked a chat: escalations and the
 * morning digest are written, but reach no one (linkedStaffChats in src/db/staff.ts is empty).
 */
import type { DeskT } from '../text';

export function NoStaffChatBanner(props: { t: DeskT; /** False on the account page itself, which has the form below. */ link?: boolean }) {
  const { t } = props;
  return (
    <div class="banner" role="status" data-banner="no-staff-chat">
      <strong>{t('banner.no_staff_chat')}</strong>{' '}
      {props.link === false ? null : <a href="/status/account">{t('banner.no_staff_chat.link')}</a>}
    </div>
  );
}

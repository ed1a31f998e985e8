/**
 * Said on the desk while no staff member of the kelurahan has linked a chat: escalations and the
 * morning digest are written, but reach no one (linkedStaffChats in src/db/staff.ts is empty).
 */
import type { DeskT } from '../text';

export interface NoStaffChatBannerProps {
  t: DeskT;
  /** False on the account page itself, where the form to link a chat is below. */
  link?: boolean;
}

export function NoStaffChatBanner(props: NoStaffChatBannerProps) {
  const { t } = props;
  return (
    <div class="banner" role="status" data-banner="no-staff-chat">
      <strong>{t('banner.no_staff_chat')}</strong>{' '}
      {props.link === false ? null : <a href="/status/account">{t('banner.no_staff_chat.link')}</a>}
    </div>
  );
}

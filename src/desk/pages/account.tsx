/** GET /status/account: who is signed in, with which role, for which kelurahan. */
import type { SignedInStaff } from '../context';
import { Layout, type PageFrame } from '../layout';

export function AccountPage(props: { frame: PageFrame; staff: SignedInStaff }) {
  const { t } = props.frame;
  const s = props.staff;
  return (
    <Layout frame={props.frame} staff={s} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
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
    </Layout>
  );
}

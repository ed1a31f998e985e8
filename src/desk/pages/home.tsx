/** GET /status: the staff desk's first page. The work list comes into the #work-list region. */
import type { SignedInStaff } from '../context';
import { Layout, type PageFrame } from '../layout';

export function HomePage(props: { frame: PageFrame; staff: SignedInStaff }) {
  const { t } = props.frame;
  const s = props.staff;
  return (
    <Layout frame={props.frame} staff={s} title={t('desk.title')}>
      <h1>{t('desk.title')}</h1>
      <p>{t('desk.greeting', { name: s.displayName, role: t(`role.${s.role}`) })}</p>
      <section id="work-list" aria-labelledby="work-list-title">
        <h2 id="work-list-title">{t('desk.list_title')}</h2>
        <p class="placeholder">{t('desk.list_soon')}</p>
      </section>
    </Layout>
  );
}

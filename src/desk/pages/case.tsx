/** GET /status/cases/:code: one case (for now its code, kind, service and stage). */
import type { CaseKind, CaseState } from '../../domain/case-machine';
import { t as message } from '../../domain/messages';
import type { ServiceId } from '../../domain/services';
import type { SignedInStaff } from '../context';
import { Layout, type PageFrame } from '../layout';

export interface DeskCase {
  code: string;
  kind: CaseKind;
  service: ServiceId | null;
  state: CaseState;
}

export function CasePage(props: { frame: PageFrame; staff: SignedInStaff; case: DeskCase }) {
  const { t, locale } = props.frame;
  const k = props.case;
  return (
    <Layout frame={props.frame} staff={props.staff} title={t('case.title', { code: k.code })}>
      <h1>{t('case.title', { code: k.code })}</h1>
      <div class="card" data-case={k.code}>
        <dl>
          <dt>{t('case.kind')}</dt>
          <dd>{t(`case.kind.${k.kind}`)}</dd>
          {k.service ? (
            <>
              <dt>{t('case.service')}</dt>
              <dd>{message(locale, `service.${k.service}`)}</dd>
            </>
          ) : null}
          <dt>{t('case.state')}</dt>
          <dd data-state={k.state}>{k.state}</dd>
        </dl>
      </div>
    </Layout>
  );
}

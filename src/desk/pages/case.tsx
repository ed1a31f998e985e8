/**
 * GET /status/cases/:code: one case. Its facts, the actions it allows now (each a form that
 * carries the case version it was shown, so a stale form is refused), the timeline with who did
 * what, the scans shown through /scans (signed in, never cached), the letters with their /verify
 * links, and what Loket told the people of the case.
 */
import { localMoment } from '../../domain/calendar';
import { availableDeskActions, type DeskActionName, type DeskCase } from '../../domain/desk/actions';
import { t as message } from '../../domain/messages';
import { formatLongDate } from '../../domain/messages/dates';
import { maskNik } from '../../domain/nik';
import { maskPhone } from '../../domain/phone';
import { uploadRequirements } from '../../domain/services';
import { dayOfPromise, isLate, lateBy } from '../../domain/work-list';
import type { LoadedCase } from '../case-data';
import { canIssueLetter, madeOutputLetter } from '../issue-letter';
import { caseText } from '../case-text';
import type { SignedInStaff } from '../context';
import { dateTime } from '../format';
import { Layout, type PageFrame } from '../layout';
import type { Office } from '../office';
import { workText } from '../work-text';

export interface CaseFlash {
  ok?: boolean;
  error?: string;
}

export function CasePage(props: { frame: PageFrame; staff: SignedInStaff; office: Office; loaded: LoadedCase; facts: DeskCase; now: number; flash: CaseFlash }) {
  const { t, locale } = props.frame;
  const w = workText(locale);
  const ct = caseText(locale);
  const { row, timeline, scans, letters, notices } = props.loaded;
  const c = row.case;
  const zone = props.office.utcOffsetMinutes;
  const day = dayOfPromise(c, props.now);
  const late = c.dueAt !== null && isLate(c, props.now) ? lateBy(c.dueAt, props.now) : null;
  const actions = availableDeskActions(props.facts, props.now);
  // Every opening of a scan is recorded; the timeline says how often rather than listing each.
  const views = timeline.filter((e) => e.kind === 'scan_viewed');
  return (
    <Layout frame={props.frame} staff={props.staff} title={t('case.title', { code: c.code })}>
      <h1>{t('case.title', { code: c.code })}</h1>
      {props.flash.ok ? <p class="ok" role="status">{ct.done}</p> : null}
      {props.flash.error ? <p class="error" role="alert">{props.flash.error}</p> : null}
      <div class="card" data-case={c.code} data-version={c.version}>
        <dl>
          <dt>{t('case.kind')}</dt>
          <dd>{c.service ? message(locale, `service.${c.service}`) : t('case.kind.complaint')}</dd>
          <dt>{t('case.state')}</dt>
          <dd data-state={c.state}>
            {w.stage[c.state]}
            {day !== null && !['ready', 'at_disdukcapil', 'completed', 'rejected', 'cancelled'].includes(c.state) ? ` · ${w.day({ day })}` : ''}
          </dd>
          <dt>{ct.applicant}</dt>
          <dd>
            {row.applicantName}
            {row.applicantPhone ? ` · ${maskPhone(row.applicantPhone)}` : ''}
          </dd>
          {c.givenNik ? (
            <>
              <dt>NIK</dt>
              {/* Masked as on the letters: enough to compare with the card at the counter. */}
              <dd>{maskNik(c.givenNik)}</dd>
            </>
          ) : null}
          {row.submitterName ? (
            <>
              <dt>{ct.helper}</dt>
              <dd>{`${row.submitterName} · ${maskPhone(row.submitterPhone)}`}</dd>
            </>
          ) : null}
          {row.rtNumber !== null ? (
            <>
              <dt>{ct.rt}</dt>
              <dd>{`${pad(row.rtNumber)}/${pad(row.rwNumber ?? 0)}${row.chairName ? ` · ${row.chairName}` : ''}`}</dd>
            </>
          ) : null}
          {c.businessName ? (
            <>
              <dt>{ct.business}</dt>
              <dd>{ct.businessLine({ name: c.businessName, kind: c.businessKind ?? '-', address: c.businessAddress ?? '-' })}</dd>
            </>
          ) : null}
          {c.delivery ? (
            <>
              <dt>{ct.delivery}</dt>
              <dd>{c.delivery === 'courier' ? ct.courier({ address: c.deliveryAddress ?? '' }) : ct.pickup}</dd>
            </>
          ) : null}
          {c.dueAt !== null ? (
            <>
              <dt>{ct.deadline}</dt>
              <dd>
                {dateTime(locale, c.dueAt, zone)}
                {late ? <strong class="late-by"> · {'days' in late ? w.lateDays(late) : w.lateHours(late)}</strong> : null}
              </dd>
            </>
          ) : null}
          {c.disdukcapilReference ? (
            <>
              <dt>Disdukcapil</dt>
              <dd>{ct.disdukcapil({ reference: c.disdukcapilReference, date: c.disdukcapilExpectedDate ? formatLongDate(locale, c.disdukcapilExpectedDate) : '' })}</dd>
            </>
          ) : null}
          {c.pickupCode ? (
            <>
              <dt>{ct.pickupCode}</dt>
              <dd>{ct.pickupCodeSet}</dd>
            </>
          ) : null}
          {c.complaintText ? (
            <>
              <dt>{ct.complaintText}</dt>
              <dd class="quote">{c.complaintText}</dd>
            </>
          ) : null}
        </dl>
      </div>

      <section class="card actions" aria-labelledby="actions">
        <h2 id="actions">{ct.actions}</h2>
        {actions.length ? (
          actions.map((a) =>
            // What ends a case or a letter is folded away: one tap more, and a short page on a phone.
            FOLDED.includes(a) ? (
              <details class="fold">
                <summary>{ct.action[a]}</summary>
                <ActionForm name={a} {...props} />
              </details>
            ) : (
              <ActionForm name={a} {...props} />
            ),
          )
        ) : (
          <p>{ct.noActions}</p>
        )}
        {canIssueLetter(props.loaded) ? (
          <form method="post" action={`/status/cases/${encodeURIComponent(c.code)}/letter`} data-action="issue_letter">
            <h3>{ct.issueLetter}</h3>
            <p class="en">{ct.issueLetterHint}</p>
            <input type="hidden" name="_csrf" value={props.staff.csrf} />
            <button type="submit">{ct.issueLetter}</button>
          </form>
        ) : null}
        {uploadKind(c) ? <UploadForm kind={uploadKind(c)!} {...props} /> : null}
      </section>

      <section class="card" aria-labelledby="documents">
        <h2 id="documents">{ct.documents}</h2>
        {c.purgedAt !== null ? (
          <p class="en" data-purged>
            {ct.purged({ date: formatLongDate(locale, localMoment(c.purgedAt, zone).date) })}
          </p>
        ) : null}
        {scans.length ? (
          <ul class="scans">
            {scans.map((s) => (
              <li class="scan" data-document={s.id}>
                <strong>{requirementName(locale, s.requirement)}</strong> · {ct.documentStatus[s.status]}
                {s.supersededAt !== null ? ` · ${ct.superseded}` : ''}
                {/* The row stays for the record; its file is gone, so no link that would only fail. */}
                {s.status === 'stored' && c.purgedAt !== null ? ` · ${ct.filePurged}` : null}
                {s.status === 'stored' && c.purgedAt === null ? (
                  s.contentType.startsWith('image/') ? (
                    <div>
                      <a href={`/scans/${s.id}`} target="_blank" rel="noopener">
                        <img src={`/scans/${s.id}`} alt={requirementName(locale, s.requirement)} loading="lazy" />
                      </a>
                    </div>
                  ) : (
                    <div>
                      <a href={`/scans/${s.id}`} target="_blank" rel="noopener">
                        {s.filename ?? s.contentType}
                      </a>
                    </div>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{ct.noDocuments}</p>
        )}
      </section>

      {letters.length ? (
        <section class="card" aria-labelledby="letters">
          <h2 id="letters">{ct.letters}</h2>
          <ul>
            {letters.map((l) => (
              <li>
                {l.number} · {l.issuerName} · {l.revokedAt !== null ? ct.revoked : l.failedAt !== null ? ct.letterFailed : l.madeAt !== null ? ct.letterMade : ct.letterMaking}
                {l.madeAt !== null && c.purgedAt !== null ? ` · ${ct.filePurged}` : ''}
                {' · '}
                <a href={`/verify/${encodeURIComponent(l.verificationCode)}`}>{ct.verifyLink}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section class="card" aria-labelledby="timeline">
        <h2 id="timeline">{ct.timeline}</h2>
        {views.length ? (
          <p class="en" data-views={views.length}>
            {ct.viewed({ count: views.length, name: views[views.length - 1]!.staffName ?? '-', at: dateTime(locale, views[views.length - 1]!.at, zone) })}
          </p>
        ) : null}
        <ol class="timeline">
          {timeline.filter((e) => e.kind !== 'scan_viewed').map((e) => (
            <li data-kind={e.kind}>
              <time>{dateTime(locale, e.at, zone)}</time>
              {e.toState && e.toState !== e.fromState ? w.stage[e.toState] : (ct.eventKind[e.kind] ?? e.kind.replace(/_/g, ' '))}
              {' · '}
              {e.actorKind === 'staff' ? ct.staffActor({ name: e.staffName ?? '-' }) : e.actorName ? ct.residentActor({ name: e.actorName }) : e.actorKind === 'system' ? ct.systemActor : e.actorKind}
              {reasonOf(e.detail) ? <div class="quote">{reasonOf(e.detail)}</div> : null}
            </li>
          ))}
        </ol>
      </section>

      <section class="card" aria-labelledby="notices">
        <h2 id="notices">{ct.notices}</h2>
        {notices.length ? (
          <ul class="notices">
            {notices.map((n) => (
              <li>
                <time>{dateTime(locale, n.createdAt, zone)}</time> · {n.readerName} ({n.channel}) · {ct.status[n.status] ?? n.status}
                <div class="quote">{textOf(n.payload)}</div>
              </li>
            ))}
          </ul>
        ) : (
          <p>{ct.noNotices}</p>
        )}
      </section>
    </Layout>
  );
}

function ActionForm(props: { name: DeskActionName; frame: PageFrame; staff: SignedInStaff; loaded: LoadedCase; facts: DeskCase; office: Office; now: number }) {
  const { locale } = props.frame;
  const ct = caseText(locale);
  const c = props.loaded.row.case;
  const a = props.name;
  const reason = (
    <label>
      {ct.reason}
      <textarea name="reason" required maxlength={500} />
    </label>
  );
  const requirements = c.service ? uploadRequirements(c.service) : [];
  const today = localMoment(props.now, props.office.utcOffsetMinutes).date;
  return (
    <form method="post" action={`/status/cases/${encodeURIComponent(c.code)}/act`} data-action={a}>
      <h3>{ct.action[a]}</h3>
      <input type="hidden" name="_csrf" value={props.staff.csrf} />
      <input type="hidden" name="action" value={a} />
      <input type="hidden" name="version" value={String(c.version)} />
      {['approve_pengantar', 'refuse_pengantar', 'verify_valid', 'verify_invalid'].includes(a) ? <p class="en">{ct.onBehalf}</p> : null}
      {a === 'request_resend' || a === 'verify_invalid' ? (
        <label>
          {ct.requirement}
          <select name="requirement">
            {a === 'verify_invalid' ? <option value="">{ct.dataWrong}</option> : null}
            {requirements.map((r) => (
              <option value={r}>{requirementName(locale, r)}</option>
            ))}
          </select>
        </label>
      ) : null}
      {a === 'request_resend' ? (
        <label>
          {ct.note}
          <textarea name="note" required maxlength={500} />
        </label>
      ) : null}
      {['approve_pengantar', 'refuse_pengantar', 'verify_valid', 'verify_invalid', 'reject', 'cancel', 'revoke_letter'].includes(a) ? reason : null}
      {a === 'hand_off' ? (
        <>
          <label>
            {ct.reference}
            <input type="text" name="reference" required maxlength={40} />
          </label>
          <label>
            {ct.expectedDate}
            <input type="date" name="expectedDate" required min={today} />
          </label>
        </>
      ) : null}
      {a === 'produce' ? <ProduceFields {...props} /> : null}
      {a === 'hand_over' ? (
        c.delivery === 'courier' ? (
          <>
            <label>
              {ct.receiverName}
              <input type="text" name="receiverName" maxlength={60} />
            </label>
            {proofs(props.loaded).length ? (
              <label>
                {ct.proofPhoto}
                <select name="proofDocumentId">
                  <option value="">-</option>
                  {proofs(props.loaded).map((p) => (
                    <option value={p.id}>{p.filename ?? p.id}</option>
                  ))}
                </select>
              </label>
            ) : null}
          </>
        ) : (
          <label>
            {ct.pickupCode}
            <input type="text" name="pickupCode" required inputmode="numeric" autocomplete="off" maxlength={12} />
          </label>
        )
      ) : null}
      {a === 'revoke_letter' ? (
        <label>
          {ct.letter}
          <select name="letterId">
            {props.loaded.letters
              .filter((l) => l.revokedAt === null)
              .map((l) => (
                <option value={l.id}>{l.number}</option>
              ))}
          </select>
        </label>
      ) : null}
      {a === 'reply' ? (
        <label>
          {ct.text}
          <textarea name="text" required maxlength={700} />
        </label>
      ) : null}
      {a === 'answer' ? (
        <label>
          {ct.answer}
          <textarea name="answer" required maxlength={700} />
        </label>
      ) : null}
      <button type="submit" class={['reject', 'cancel', 'revoke_letter', 'refuse_pengantar'].includes(a) ? 'danger' : undefined}>
        {ct.action[a]}
      </button>
    </form>
  );
}

function ProduceFields(props: { frame: PageFrame; loaded: LoadedCase }) {
  const ct = caseText(props.frame.locale);
  const c = props.loaded.row.case;
  const uploads = props.loaded.scans.filter((s) => s.requirement === 'output' && s.status === 'stored');
  return (
    <>
      <label>
        {ct.output}
        <select name="output">
          {c.state === 'at_disdukcapil' ? <option value="card">{ct.outputCard}</option> : null}
          {madeOutputLetter(props.loaded) ? <option value="letter">{`${ct.outputLetter}: ${madeOutputLetter(props.loaded)!.number}`}</option> : null}
          {uploads.map((u) => (
            <option value={`upload:${u.id}`}>{`${ct.outputUpload}: ${u.filename ?? u.id}`}</option>
          ))}
        </select>
      </label>
      {c.delivery === 'courier' ? (
        <label>
          {ct.courierName}
          <input type="text" name="courierName" required maxlength={60} />
        </label>
      ) : null}
    </>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

const FOLDED: readonly DeskActionName[] = ['refuse_pengantar', 'reject', 'cancel', 'revoke_letter'];

const proofs = (l: LoadedCase) => l.scans.filter((s) => s.requirement === 'handover_proof' && s.status === 'stored');

/** The file the office may add now: the output while it is made, a courier's proof once ready. */
function uploadKind(c: LoadedCase['row']['case']): 'output' | 'handover_proof' | null {
  if (c.kind !== 'service') return null;
  if (c.state === 'processing' || c.state === 'at_disdukcapil') return 'output';
  if (c.state === 'ready' && c.delivery === 'courier') return 'handover_proof';
  return null;
}

function UploadForm(props: { kind: 'output' | 'handover_proof'; frame: PageFrame; staff: SignedInStaff; loaded: LoadedCase }) {
  const ct = caseText(props.frame.locale);
  const c = props.loaded.row.case;
  return (
    <form method="post" action={`/status/cases/${encodeURIComponent(c.code)}/upload`} enctype="multipart/form-data" data-action={`upload_${props.kind}`}>
      <h3>{props.kind === 'output' ? ct.uploadOutput : ct.uploadProof}</h3>
      <input type="hidden" name="_csrf" value={props.staff.csrf} />
      <input type="hidden" name="kind" value={props.kind} />
      <label>
        {ct.file}
        <input type="file" name="file" required accept="application/pdf,image/jpeg,image/png" />
      </label>
      <button type="submit">{ct.upload}</button>
    </form>
  );
}

function requirementName(locale: 'id' | 'en', requirement: string): string {
  if (requirement === 'output' || requirement === 'handover_proof' || requirement === 'complaint_photo') return requirement.replace('_', ' ');
  return message(locale, `requirement.${requirement}` as 'requirement.kk_copy');
}

/** What staff or a chair gave as the reason of a step: shown on the timeline. */
function reasonOf(detail: string | null): string | null {
  if (!detail) return null;
  try {
    const d = JSON.parse(detail) as Record<string, unknown>;
    const text = d.reason ?? d.note ?? d.answer;
    return typeof text === 'string' ? text : null;
  } catch {
    return null;
  }
}

function textOf(payload: string): string {
  try {
    const p = JSON.parse(payload) as { kind?: string; text?: string; caption?: string; filename?: string };
    // The pickup code proves the hand-over: staff read it from the resident, never from this page.
    return (p.text ?? p.caption ?? p.filename ?? p.kind ?? '').replace(/\b\d{3} \d{3}\b/g, '••• •••');
  } catch {
    return '';
  }
}

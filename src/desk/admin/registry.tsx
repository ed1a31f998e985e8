/**
 * /status/admin/registry: the RWs and RTs of the kelurahan with their chairs, and for each RT
 * chair the chats linked to them (channel and masked number). A chair is a person record of
 * their own; their phone joins their chat only through the invitation code made here.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { addChairPerson, addRt, addRw, chairChats, rtsOf, rwsOf, setRtChairPerson, setRwChairPerson } from '../../db/admin-registry';
import { dbOf, runBatch } from '../../db/client';
import { maskPhone } from '../../domain/phone';
import { cryptoIds, cryptoRandom } from '../../platform';
import { createInvite } from '../../staff/invites';
import { revokeChairInvitesOfRt } from '../../db/invites';
import type { DeskEnv } from '../context';
import { linkedChatNumber, type ChatNumberSource } from '../linked-chat';
import { pageHtml } from '../layout';
import { AdminPage, auditOf, backTo, codeHint, CsrfField, doneOf, FieldProblem, viewOf, type AdminView } from './frame';
import type { Problem } from './text';
import { areaNumber, checkChair, field, type Form } from './validate';

const pad2 = (n: number) => String(n).padStart(2, '0');

type Registry = Awaited<ReturnType<typeof loadRegistry>>;
/** The form that was refused, its problems and what was typed, to show it again. */
interface Failed {
  form: string;
  problems: Record<string, Problem>;
  values: Record<string, string>;
}

async function loadRegistry(d1: D1Database, kelurahanId: string) {
  const db = dbOf(d1);
  const [rws, rts, chats] = await db.batch([rwsOf(db, kelurahanId), rtsOf(db, kelurahanId), chairChats(db, kelurahanId)]);
  return { rws, rts, chats };
}

async function page(c: Context<DeskEnv>, failed?: Failed) {
  const registry = await loadRegistry(c.env.DB, c.var.staff.kelurahanId);
  return c.html(pageHtml(<RegistryPage view={viewOf(c)} registry={registry} done={failed ? null : doneOf(c)} failed={failed} />), failed ? 422 : 200);
}

export const registry = new Hono<DeskEnv>()
  .get('/', (c) => page(c))
  .post('/rw', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const form = (await c.req.parseBody()) as Form;
    const number = areaNumber(field(form, 'number'));
    const { rws } = await loadRegistry(c.env.DB, staff.kelurahanId);
    const problem: Problem | null = number === null ? { key: 'err.number' } : rws.some((r) => r.number === number) ? { key: 'err.rw_exists', params: { rw: pad2(number) } } : null;
    if (problem || number === null) return page(c, { form: 'rw', problems: { number: problem! }, values: { number: field(form, 'number') } });
    const id = cryptoIds.newId();
    await runBatch(db, [addRw(db, { id, kelurahanId: staff.kelurahanId, number }), auditOf(db, staff, Date.now(), 'rw.add', id, { rw: number })]);
    return backTo(c, 'registry', 'rw');
  })
  .post('/rt', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const form = (await c.req.parseBody()) as Form;
    const { rws, rts } = await loadRegistry(c.env.DB, staff.kelurahanId);
    const rw = rws.find((r) => r.id === field(form, 'rwId'));
    const number = areaNumber(field(form, 'number'));
    const problems: Record<string, Problem> = {};
    if (!rw) problems.rwId = { key: 'err.rw_missing' };
    if (number === null) problems.number = { key: 'err.number' };
    else if (rw && rts.some((r) => r.rwId === rw.id && r.number === number)) problems.number = { key: 'err.rt_exists', params: { rt: pad2(number), rw: pad2(rw.number) } };
    if (!rw || number === null || Object.keys(problems).length) {
      return page(c, { form: 'rt', problems, values: { rwId: field(form, 'rwId'), number: field(form, 'number') } });
    }
    const id = cryptoIds.newId();
    await runBatch(db, [
      addRt(db, { id, kelurahanId: staff.kelurahanId, rwId: rw.id, number }),
      auditOf(db, staff, Date.now(), 'rt.add', id, { rw: rw.number, rt: number }),
    ]);
    return backTo(c, 'registry', 'rt');
  })
  .post('/:area{rw|rt}/:id/chair', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const area = c.req.param('area') as 'rw' | 'rt';
    const id = c.req.param('id');
    const { rws, rts } = await loadRegistry(c.env.DB, staff.kelurahanId);
    const rt = area === 'rt' ? rts.find((r) => r.id === id) : undefined;
    const rw = area === 'rw' ? rws.find((r) => r.id === id) : undefined;
    // Another kelurahan's RT is no RT at all here.
    if (!rt && !rw) throw new HTTPException(404, { message: 'not_found' });
    const form = (await c.req.parseBody()) as Form;
    const checked = checkChair(form);
    if (!checked.ok) return page(c, { form: `chair-${id}`, problems: checked.problems, values: { name: field(form, 'name'), phone: field(form, 'phone') } });
    const personId = cryptoIds.newId();
    const now = Date.now();
    const previous = rt?.chairName ?? rw?.chairName ?? null;
    await runBatch(db, [
      // First, while the RT still names the old chair: the codes made for them stop working.
      ...(rt ? [revokeChairInvitesOfRt(db, { rtId: rt.id, kelurahanId: staff.kelurahanId, now })] : []),
      addChairPerson(db, { id: personId, kelurahanId: staff.kelurahanId, fullName: checked.value.fullName, phone: checked.value.phone, rtId: rt?.id ?? null, now }),
      rt ? setRtChairPerson(db, { rtId: rt.id, kelurahanId: staff.kelurahanId, personId }) : setRwChairPerson(db, { rwId: rw!.id, kelurahanId: staff.kelurahanId, personId }),
      auditOf(db, staff, now, `${area}.chair`, id, {
        ...(rt ? { rt: rt.number, rw: rt.rwNumber } : { rw: rw!.number }),
        name: checked.value.fullName, phone: maskPhone(checked.value.phone), previous,
      }),
    ]);
    return backTo(c, 'registry', 'chair');
  })
  .post('/rt/:id/invite', async (c) => {
    const db = dbOf(c.env.DB);
    const staff = c.var.staff;
    const id = c.req.param('id');
    const { rts } = await loadRegistry(c.env.DB, staff.kelurahanId);
    const rt = rts.find((r) => r.id === id);
    if (!rt) throw new HTTPException(404, { message: 'not_found' });
    if (!rt.chairPersonId) return page(c, { form: `chair-${id}`, problems: {}, values: {} });
    const now = Date.now();
    await createInvite(c.env.DB, { kelurahanId: staff.kelurahanId, personId: rt.chairPersonId, role: 'rt_chair', now, random: cryptoRandom }, (code) => [
      auditOf(db, staff, now, 'invite.create', rt.id, { role: 'rt_chair', rt: rt.number, rw: rt.rwNumber, name: rt.chairName, code: codeHint(code) }),
    ]);
    return backTo(c, 'invites', 'invite');
  });

function ChairForm(props: { view: AdminView; action: string; formId: string; failed?: Failed }) {
  const { t, staff } = props.view;
  const mine = props.failed?.form === props.formId ? props.failed : undefined;
  return (
    <details open={mine ? true : undefined}>
      <summary>{t('reg.set_chair')}</summary>
      <form method="post" action={props.action} novalidate>
        <CsrfField staff={staff} />
        <label for={`${props.formId}-name`}>{t('reg.chair_name')}</label>
        <input type="text" id={`${props.formId}-name`} name="name" value={mine?.values.name ?? ''} required autocomplete="off" />
        <FieldProblem t={t} problem={mine?.problems.name} id={`${props.formId}-name-error`} />
        <label for={`${props.formId}-phone`}>{t('reg.chair_phone')}</label>
        <input type="tel" id={`${props.formId}-phone`} name="phone" value={mine?.values.phone ?? ''} required autocomplete="off" />
        <FieldProblem t={t} problem={mine?.problems.phone} id={`${props.formId}-phone-error`} />
        <div class="form-actions">
          <button type="submit">{t('save')}</button>
        </div>
      </form>
    </details>
  );
}

function chatLabel(ch: ChatNumberSource, channelName: string): string {
  return `${channelName} ${linkedChatNumber(ch)}`;
}

function RegistryPage(props: { view: AdminView; registry: Registry; done: ReturnType<typeof doneOf>; failed?: Failed }) {
  const { t, staff, canChange, frame } = props.view;
  const { rws, rts, chats } = props.registry;
  const failed = props.failed;
  const on = (form: string) => (failed?.form === form ? failed : undefined);
  const rwForm = on('rw');
  const rtForm = on('rt');
  return (
    <AdminPage view={props.view} section="registry" done={props.done} error={failed ? { key: 'fix' } : null}>
      {rws.length === 0 ? <p class="empty">{t('reg.empty')}</p> : null}
      {rws.map((rw) => {
        const inRw = rts.filter((r) => r.rwId === rw.id);
        return (
          <section class="card" data-rw={rw.number} aria-labelledby={`rw-${rw.id}`}>
            <h2 id={`rw-${rw.id}`}>{t('reg.rw', { rw: pad2(rw.number) })}</h2>
            <p class="muted">
              {t('reg.chair')}: {rw.chairName ? `${rw.chairName} (${maskPhone(rw.chairPhone)})` : t('reg.no_chair')}
            </p>
            {canChange ? <ChairForm view={props.view} action={`/status/admin/registry/rw/${encodeURIComponent(rw.id)}/chair`} formId={`chair-${rw.id}`} failed={failed} /> : null}
            {inRw.length === 0 ? <p class="empty">{t('reg.no_rt')}</p> : null}
            <ul class="rows">
              {inRw.map((rt) => {
                const linked = chats.filter((ch) => ch.rtId === rt.id);
                return (
                  <li data-rt={`${rt.rwNumber}/${rt.number}`}>
                    <div class="line">
                      <strong>{t('reg.rt', { rt: pad2(rt.number), rw: pad2(rt.rwNumber) })}</strong>
                      <span>{rt.chairName ? `${rt.chairName} (${maskPhone(rt.chairPhone)})` : t('reg.no_chair')}</span>
                    </div>
                    <p class="muted" data-chats>
                      {t('reg.chats')}: {linked.length ? linked.map((ch) => chatLabel(ch, frame.t(`channel.${ch.channel}`))).join(', ') : t('reg.no_chat')}
                    </p>
                    {canChange ? (
                      <>
                        <ChairForm view={props.view} action={`/status/admin/registry/rt/${encodeURIComponent(rt.id)}/chair`} formId={`chair-${rt.id}`} failed={failed} />
                        {rt.chairPersonId ? (
                          <form method="post" action={`/status/admin/registry/rt/${encodeURIComponent(rt.id)}/invite`}>
                            <CsrfField staff={staff} />
                            <button type="submit" class="secondary">{t('reg.make_invite')}</button>
                          </form>
                        ) : null}
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {canChange ? (
        <div class="grid2">
          <form method="post" action="/status/admin/registry/rw" class="card" novalidate>
            <h2>{t('reg.add_rw')}</h2>
            <CsrfField staff={staff} />
            <label for="rw-number">{t('reg.rw_number')}</label>
            <input type="number" id="rw-number" name="number" min="1" max="999" inputmode="numeric" value={rwForm?.values.number ?? ''} required />
            <FieldProblem t={t} problem={rwForm?.problems.number} id="rw-number-error" />
            <div class="form-actions">
              <button type="submit">{t('reg.add_rw')}</button>
            </div>
          </form>
          {rws.length ? (
            <form method="post" action="/status/admin/registry/rt" class="card" novalidate>
              <h2>{t('reg.add_rt')}</h2>
              <CsrfField staff={staff} />
              <label for="rt-rw">{t('reg.in_rw')}</label>
              <select id="rt-rw" name="rwId">
                {rws.map((rw) => (
                  <option value={rw.id} selected={rtForm?.values.rwId === rw.id ? true : undefined}>
                    {t('reg.rw', { rw: pad2(rw.number) })}
                  </option>
                ))}
              </select>
              <FieldProblem t={t} problem={rtForm?.problems.rwId} id="rt-rw-error" />
              <label for="rt-number">{t('reg.rt_number')}</label>
              <input type="number" id="rt-number" name="number" min="1" max="999" inputmode="numeric" value={rtForm?.values.number ?? ''} required />
              <FieldProblem t={t} problem={rtForm?.problems.number} id="rt-number-error" />
              <div class="form-actions">
                <button type="submit">{t('reg.add_rt')}</button>
              </div>
            </form>
          ) : null}
        </div>
      ) : null}
    </AdminPage>
  );
}

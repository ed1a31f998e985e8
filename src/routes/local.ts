/**
 * Tools for running Loket on a laptop: seeding the demo kelurahan (called by `npm start`).
 * The whole router answers 404 unless LOCAL_TOOLS is "true", which only [env.local] sets, so
 * none of it exists in production.
 */
import { Hono } from 'hono';
import { botIdOf } from '../../adapters/telegram/bot-id';
import { dbOf } from '../db/client';
import { chairedRtByNumbers } from '../db/kelurahan';
import { roundTrips } from '../db/round-trips';
import { cryptoRandom, systemClock } from '../platform';
import { DEMO_STAFF } from '../seed/demo-data';
import { seedDemo } from '../seed/demo-seed';
import { createInvite } from '../staff/invites';

export const DEFAULT_DEMO_PASSWORD = 'loket-demo-2026';

export function localToolsEnabled(env: Env): boolean {
  return env.LOCAL_TOOLS === 'true';
}

export const local = new Hono<{ Bindings: Env }>()
  .use(async function onlyLocally(c, next) {
    if (!localToolsEnabled(c.env)) return c.json({ error: 'not_found' }, 404);
    await next();
  })
  // Staff make invitation codes on the admin page (/status/admin/registry); this stays for scripts and tests.
  .post('/invites', async (c) => {
    const body = await c.req.json<{ rw?: number; rt?: number }>().catch(() => null);
    if (!body?.rw || !body.rt) return c.json({ error: 'bad_request', detail: 'give rw and rt numbers' }, 400);
    const rt = await chairedRtByNumbers(dbOf(c.env.DB), body.rw, body.rt).get();
    if (!rt?.chairPersonId) return c.json({ error: 'not_found', detail: 'no RT with a chair there' }, 404);
    const code = await createInvite(c.env.DB, {
      kelurahanId: rt.kelurahanId, personId: rt.chairPersonId, role: 'rt_chair', now: systemClock.now(), random: cryptoRandom,
    });
    return c.json({ code });
  })
  // The bench reads D1 round trips here (counted only when it started wrangler dev with COUNT_D1).
  .get('/d1-round-trips', (c) => c.json(roundTrips()))
  .post('/seed', async (c) => {
    // The demo account has a published password: never in production, even with LOCAL_TOOLS
    // switched on there by mistake. A deployment's accounts come from `npm run staff:add`.
    if (c.env.LOKET_ENV === 'production') return c.json({ error: 'not_found' }, 404);
    const body = await c.req.json<{ password?: string }>().catch(() => ({}) as { password?: string });
    const password = body.password || DEFAULT_DEMO_PASSWORD;
    const result = await seedDemo(c.env.DB, {
      now: systemClock.now(),
      password,
      random: cryptoRandom,
      whatsappPhoneNumberId: c.env.WHATSAPP_PHONE_NUMBER_ID || null,
      telegramBotId: botIdOf(c.env.TELEGRAM_BOT_TOKEN),
      linkStaffChat: true,
    });
    return c.json({ ok: true, ...result, staff: { username: DEMO_STAFF.username, password } });
  });

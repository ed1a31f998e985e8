/**
 * What Loket writes to its logs on the real channels, failures included: everything printed to
 * the console is captured while a resident applies with her NIK through POST /webhooks/whatsapp
 * (signed) and POST /webhooks/telegram (with the secret, after sharing her number), the queue
 * sends the replies through the real senders to fake providers, and the providers refuse: Graph
 * errors (131026 undeliverable, a 500, a rejected token), a "failed" status webhook with errors,
 * Telegram's 400, 502 and 403 (blocked). The failures must be logged, and no NIK, no full phone
 * number, no Telegram chat id and no token or secret may appear in what was logged.
 */
import { captureConsole, fullForms } from '../support/console-capture';
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearChannelCaches } from '../../src/channels';
import { clearTelegramBotCache } from '../../src/telegram-kelurahan';
import { NIK } from '../support/apply-helper';
import { useFreshDatabase } from '../support/fresh-database';
import { drainQueue, MONDAY_10_WIB, seed } from '../support/simulator';
import { postUpdate, tg, type TgUpdate, type TgUser } from '../support/telegram';
import { FakeBotApi, TG, type BotCall } from '../support/telegram-api';
import { envelope, FakeGraph, post, shown, wa, type WaMessage } from '../support/whatsapp';

useFreshDatabase();

const printed: string[] = [];
let now = MONDAY_10_WIB;
beforeEach(async () => {
  captureConsole(printed);
  await seed();
  clearChannelCaches();
  clearTelegramBotCache();
  now = MONDAY_10_WIB;
  // The webhooks and the consumer read the system clock: one simulated time for both.
  vi.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => vi.restoreAllMocks());

const SECRET_NAMES = ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'] as const;
const secrets = () => SECRET_NAMES.map((k) => env[k] as string);

/** What leaked of `personal` (and of the test env's secrets) into everything logged. */
function leaks(personal: string[]): string[] {
  // A secret missing from the test env would pass unseen.
  for (const s of secrets()) expect(s).toMatch(/^.{6,}$/);
  const logs = printed.join('\n');
  return [...personal, ...secrets()].filter((s) => logs.includes(s));
}

/** The parsed JSON log lines at `level`. */
const lines = (level: 'warn' | 'error') =>
  printed.flatMap((p) => {
    try {
      const l = JSON.parse(p) as { level?: string; msg?: string };
      return l.level === level ? [l] : [];
    } catch {
      return [];
    }
  });

describe('the logs of the WhatsApp channel', () => {
  const graph = new FakeGraph();
  const SITI = '6281234500001';
  const choices = (m: Record<string, unknown>) => {
    const action = (m.interactive as { action?: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } } | undefined)?.action;
    return [
      ...(action?.buttons ?? []).map((b) => ({ ...b.reply, kind: 'button' as const })),
      ...(action?.sections ?? []).flatMap((s) => s.rows).map((r) => ({ ...r, kind: 'list' as const })),
    ];
  };

  /** Siti's phone: what she sends goes through the signed webhook, what she reads is what Meta accepted. */
  class WaChat {
    private read = 0;
    async send(m: WaMessage): Promise<Record<string, unknown>[]> {
      now += 1000;
      expect((await post(envelope({ messages: [m] }, { waId: SITI, name: 'Siti Aminah' }))).status).toBe(200);
      await drainQueue();
      const all = graph.deliveredTo(SITI);
      const fresh = all.slice(this.read);
      this.read = all.length;
      return fresh;
    }
    say = (text: string) => this.send(wa.text(SITI, text));
    press(shownBefore: Record<string, unknown>[], label: string | RegExp) {
      const found = shownBefore.flatMap(choices).find((c) => (typeof label === 'string' ? c.title === label : label.test(c.title)));
      if (!found) throw new Error(`no choice ${label} in ${JSON.stringify(shownBefore.flatMap(choices))}`);
      return this.send(found.kind === 'button' ? wa.button(SITI, found.id, found.title) : wa.list(SITI, found.id, found.title));
    }
  }

  beforeEach(() => {
    graph.calls = [];
    graph.failNext = [];
    graph.answer = null;
    graph.install();
  });

  it('hold no NIK, no wa_id and no token while she applies and Meta refuses, fails and reports failures', async () => {
    const siti = new WaChat();
    let r = await siti.say('halo');
    r = await siti.say('menu');
    r = await siti.press(r, 'Ajukan layanan');
    r = await siti.press(r, 'KTP');
    r = await siti.press(r, 'Diri sendiri');
    r = await siti.say('Siti Aminah');
    expect(r.map(shown).join('\n')).toContain('NIK');
    r = await siti.say(NIK.siti);
    r = await siti.press(r, 'RW 02');
    r = await siti.press(r, /^RT 03/);
    expect(r.map(shown).join('\n')).toMatch(/Nomor berkas|Ketua RT/);

    // Meta refuses a reply as undeliverable (131026): the row fails and someone is told.
    graph.failNext.push({ code: 131026, status: 400 });
    await siti.say('status');
    // An outage answers 500: the reply waits for another try.
    graph.failNext.push({ code: 1, status: 500 });
    await siti.say('status');
    // The access token is refused (190): the sender says so for the operator.
    graph.failNext.push({ code: 190, status: 401 });
    await siti.say('menu');

    // Meta reports a message it had accepted as failed, with its errors, and a value-level error
    // whose details echo the number, as Meta's own texts do.
    const sent = await env.DB.prepare(
      "SELECT o.provider_message_id AS id FROM outbox o JOIN channel_identities ci ON ci.id = o.identity_id WHERE ci.external_id = ?1 AND o.status = 'sent' AND o.provider_message_id IS NOT NULL ORDER BY o.rowid DESC LIMIT 1",
    )
      .bind(SITI)
      .first<{ id: string }>();
    expect(sent).not.toBeNull();
    now += 1000;
    const status = await post(
      envelope({
        statuses: [
          {
            id: sent!.id,
            status: 'failed',
            timestamp: String(Math.floor(now / 1000)),
            recipient_id: SITI,
            errors: [{ code: 131026, title: `Message undeliverable to ${SITI}`, error_data: { details: `Message failed to send to ${SITI} (NIK ${NIK.siti})` } }],
          },
        ],
        errors: [{ code: 131000, title: 'Something went wrong', error_data: { details: `Recipient ${SITI} could not be reached` } }],
      }),
    );
    expect(status.status).toBe(200);
    await drainQueue();
    expect(await env.DB.prepare('SELECT status FROM outbox WHERE provider_message_id = ?1').bind(sent!.id).first()).toEqual({ status: 'failed' });

    // The capture saw the failures: they were logged, as warnings and errors.
    const errors = lines('error').map((l) => l.msg);
    const warns = lines('warn').map((l) => l.msg);
    expect(errors).toEqual(expect.arrayContaining(['outbox.failed_untold', 'whatsapp.access_token_rejected']));
    expect(warns).toEqual(expect.arrayContaining(['outbox.retry_later', 'whatsapp.webhook_problem']));

    expect(leaks([NIK.siti, ...fullForms(SITI)])).toEqual([]);
  });
});

describe('the logs of the Telegram channel', () => {
  const bot = new FakeBotApi();
  const SITI: TgUser = { id: 700000001, first_name: 'Siti', last_name: 'Aminah' };
  /** The number she shares with the "Kirim nomor HP saya" button. */
  const SITI_PHONE = '6281234500007';

  class TgChat {
    private read = 0;
    async send(update: TgUpdate): Promise<BotCall[]> {
      now += 1000;
      expect((await postUpdate(update)).status).toBe(200);
      await drainQueue();
      const all = bot.sentTo(SITI.id);
      const fresh = all.slice(this.read);
      this.read = all.length;
      return fresh;
    }
    say = (text: string) => this.send(tg.text(SITI, text));
    press(shownBefore: BotCall[], label: string | RegExp) {
      const buttons = shownBefore.flatMap((c) => ((c.params.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat());
      const found = buttons.find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
      if (!found) throw new Error(`no button ${label} in ${JSON.stringify(buttons)}`);
      return this.send(tg.press(SITI, found.callback_data));
    }
  }
  const textOf = (calls: BotCall[]) => calls.map((c) => String(c.params.text ?? c.params.caption ?? '')).join('\n');

  beforeEach(() => bot.install());

  it('hold no NIK, no shared number, no chat id and no token while she applies and Telegram refuses', async () => {
    const siti = new TgChat();
    let r = await siti.say('halo');
    r = await siti.press(r, 'Ajukan layanan');
    r = await siti.press(r, 'KTP');
    r = await siti.press(r, 'Diri sendiri');
    expect(textOf(r)).toContain('kirim nomor HP Anda');
    r = await siti.send(tg.contact(SITI, SITI_PHONE));
    r = await siti.say('Siti Aminah');
    expect(textOf(r)).toContain('NIK');
    r = await siti.say(NIK.siti);
    r = await siti.press(r, 'RW 02');
    r = await siti.press(r, /^RT 03/);
    expect(textOf(r)).toMatch(/Nomor berkas|Ketua RT/);

    // Telegram refuses a reply as it is (400), finds no chat (400), is down for a moment (502), then she blocks the bot (403).
    bot.failNext.push(TG.badRequest('message is too long'));
    await siti.say('status');
    bot.failNext.push(TG.badRequest('chat not found'));
    await siti.say('status');
    bot.failNext.push(TG.down);
    await siti.say('status');
    bot.failNext.push(TG.blocked);
    await siti.say('status');
    expect(await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'failed' AND last_error = 'undeliverable 403'").first()).toEqual({ n: 1 });

    const errors = lines('error').map((l) => l.msg);
    const warns = lines('warn').map((l) => l.msg);
    expect(errors).toEqual(expect.arrayContaining(['outbox.rejected', 'outbox.failed_untold']));
    expect(warns).toEqual(expect.arrayContaining(['outbox.retry_later']));

    expect(leaks([NIK.siti, ...fullForms(SITI_PHONE), String(SITI.id)])).toEqual([]);
  });
});

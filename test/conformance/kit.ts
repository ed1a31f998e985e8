/**
 * The channel conformance kit (issue [12], point 3). AN ADAPTER IS DONE WHEN IT PASSES THIS KIT.
 * Every channel (WhatsApp, Telegram, the simulator) runs the same checks, each of which fails if
 * the adapter breaks it:
 *  1. an unauthenticated request (bad signature, wrong secret token, tools switched off) is
 *     refused and has no effect, while the same request authenticated is taken;
 *  2. its fixture corpus is parsed into the neutral events, and each event reaches the pipeline
 *     under its own message id through the channel's route;
 *  3. choices are rendered within the channel's limits (buttons, labels, list rows), and the
 *     numbered fallback is answerable: each number typed back picks its own choice;
 *  4. a text longer than the channel takes is split into parts within the limit, nothing lost,
 *     and the sender gives the provider exactly those parts;
 *  5. media is opened at the provider, checked (a disguised file is refused by its bytes) and
 *     stored in R2 byte for byte; a file the provider no longer has fails as gone;
 *  6. provider errors are mapped to retry, rate-limited (with the provider's wait) or
 *     undeliverable, as the delivery (src/framework/deliver.ts) reads them; a channel with no
 *     provider shows the person every message whole (a text, a long one, a document);
 *  7. a duplicate (the provider sending the same message twice) is dropped: one processed row,
 *     one set of replies.
 * A check that cannot apply to a channel is not skipped: the subject says why (`notApplicable`)
 * and the kit asserts what does hold instead, so the reason is printed in the check's name.
 * The kit knows no provider: everything channel-specific comes in through `ChannelSubject`.
 * Nor does it know the kelurahan bot: checks 1, 2, 6 and 7 run the channel's framework route
 * (src/framework/routes) with the kit's own bot on the plain store (kit-host.ts, echo-bot.ts),
 * and check 5 runs the adapter's MediaSource into storeScan (src/framework/store-media.ts).
 */
import { env } from 'cloudflare:test';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelCapabilities, ChannelName, Choice, InboundEvent, OutboundMessage } from '../../adapters/channel';
import { MediaGoneError, RejectedMessageError, UndeliverableError, type ChannelSender, type MediaSource, type OutboxDelivery } from '../../adapters/ports';
import { matchChoice } from '../../adapters/match-choice';
import { runTurn } from '../../src/framework/inbound';
import type { AnyHosted } from '../../src/framework/routes/hosted';
import { storeScan } from '../../src/framework/store-media';
import { useFreshDatabase } from '../support/fresh-database';
import { echoBot, echoText, KIT_BOT, sayingBot } from './echo-bot';
import { deliver, hosted, KIT_TENANT, kitEnv, mount, queued, type ToRoute } from './kit-host';

export type { ToRoute } from './kit-host';

/** Said instead of a part of the kit that cannot apply: printed in the check's name. */
export interface NotApplicable {
  notApplicable: string;
}

/** One payload of the channel's fixture corpus and what it must become. */
export interface CorpusEntry {
  name: string;
  payload: unknown;
  /** The neutral events, as far as given (matched with toMatchObject); [] when left alone. */
  events: Partial<InboundEvent>[];
  /** The route refuses it as malformed (4xx) instead of answering 200. */
  malformed?: true;
}

/** One provider message as the person's phone would show it, whatever the channel calls it. */
export interface RenderedPart {
  text: string;
  /** Reply buttons, an inline keyboard or a list's rows; `form` says which limits apply. */
  form: 'plain' | 'buttons' | 'list';
  options: { id: string; label: string }[];
}

/** One way the channel draws outbound messages (the simulator has two looks). */
export interface Renderer {
  name: string;
  capabilities: ChannelCapabilities;
  render(message: OutboundMessage): RenderedPart[];
}

/** A provider failure the kit knows what to expect of. */
export type FailureKind = 'rate_limited' | 'outage' | 'undeliverable' | 'rejected' | 'timeout';

export interface ProviderFailure {
  kind: FailureKind;
  /** What the fake provider answers, for the check's name: "HTTP 429 retry_after 30". */
  answer: string;
  /** Makes the fake provider answer the next send so. */
  arrange(): void;
  /** The wait the provider asked for, which the thrown error must carry as retryAfterSeconds. */
  providerWaitSeconds?: number;
}

export interface ChannelSubject {
  /** Shown in the suite's name: "WhatsApp passes the channel conformance kit". */
  name: string;
  channel: ChannelName;
  /** Runs before each check on a fresh database: install the fake provider. */
  setUp(): Promise<void>;
  webhook: {
    /** The framework's route for the channel, hosting the bot given (the kit mounts it). */
    route(bot: AnyHosted): Hono<{ Bindings: Env }>;
    /** A provider payload carrying one text from `person`, with a new message id each call. */
    textMessage(text: string): unknown;
    /** The message id the pipeline records for a payload of textMessage. */
    messageIdOf(payload: unknown): string;
    /** Posts to the route as the provider does, authenticated. */
    post(payload: unknown, to: ToRoute): Promise<Response>;
    /** Ways a stranger posts without the channel's credentials. */
    forgeries: { name: string; post(payload: unknown, to: ToRoute): Promise<Response> }[];
    /** The status a refused request gets (401 for a bad signature, 404 where the route is off). */
    refusedStatus: number;
  };
  /** The person the payloads come from and the sender writes to. */
  person: { externalId: string };
  /**
   * What the person's phone shows, oldest first: the texts of the messages the provider took,
   * or, with no provider, what the person reads through the route (`to`).
   */
  shown(to: ToRoute): Promise<string[]>;
  corpus: {
    entries: CorpusEntry[];
    /** The adapter's pure parser: every neutral event a payload holds. */
    parse: ((payload: unknown) => InboundEvent[]) | NotApplicable;
  };
  renderers: Renderer[];
  sender: ChannelSender;
  /**
   * The provider the sender talks to (a fake one here): what it can fail with. A channel with no
   * provider says why; the kit then checks that its sender takes every valid message and that
   * replies reach the person.
   */
  provider: { failures: ProviderFailure[] } | NotApplicable;
  media: {
    source: MediaSource;
    /** Gives the fake provider a file; returns the reference an inbound media event would carry. */
    offer(bytes: Uint8Array, mimeType: string): Promise<string>;
    /** A reference the provider does not hold (expired or never there). */
    missingRef(): string;
  };
}

const isNotApplicable = (x: unknown): x is NotApplicable => typeof (x as NotApplicable | null)?.notApplicable === 'string';

/** The kit's bot's rows in the plain store. */
const count = async (sql: string, ...binds: unknown[]) => Number((await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n);

/** A file whose bytes are a PDF's. */
const PDF = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Says it is a PDF only in its declared type. */
const DISGUISED = new TextEncoder().encode('<html><script>alert(1)</script></html>');

function choicesOf(n: number, label: (i: number) => string): Choice[] {
  return Array.from({ length: n }, (_, i) => ({ id: `kit:c${i + 1}`, label: label(i) }));
}

/** Word-wrapped paragraphs in Bahasa Indonesia, `length` characters at least. */
function longText(length: number): string {
  const paragraphs: string[] = [];
  let total = 0;
  for (let i = 1; total < length; i++) {
    const p = `Paragraf ${i}: berkas Bapak/Ibu sedang kami periksa dengan teliti, mohon ditunggu sebentar. `.repeat(7).trim();
    paragraphs.push(p);
    total += p.length + 2;
  }
  return paragraphs.join('\n\n');
}

/**
 * Every option within the limits of its form, and every choice reachable on the phone: as a
 * button or row with its own id and label, or as a numbered line whose number, typed back,
 * matchChoice (the dialogue's matcher) turns into that very choice.
 */
function expectReachable(renderer: Renderer, parts: RenderedPart[], choices: Choice[]) {
  const caps = renderer.capabilities;
  for (const part of parts) {
    expect(part.text.length, `${renderer.name}: a part's text`).toBeLessThanOrEqual(caps.maxTextLength);
    if (part.form === 'buttons') {
      expect(part.options.length, `${renderer.name}: buttons`).toBeLessThanOrEqual(caps.maxButtons);
      for (const o of part.options) expect([...o.label].length, `${renderer.name}: button "${o.label}"`).toBeLessThanOrEqual(caps.maxButtonLabel);
    }
    if (part.form === 'list') {
      expect(part.options.length, `${renderer.name}: list rows`).toBeLessThanOrEqual(caps.maxListRows);
      for (const o of part.options) expect([...o.label].length, `${renderer.name}: row "${o.label}"`).toBeLessThanOrEqual(caps.maxListLabel);
    }
  }
  const options = parts.flatMap((p) => p.options);
  const text = parts.map((p) => p.text).join('\n');
  for (const c of choices) {
    const shown = options.find((o) => o.id === c.id);
    if (shown) {
      expect(shown.label).toBe(c.label);
      continue;
    }
    const line = text.split('\n').map((l) => /^(\d{1,2})\. (.+)$/.exec(l.trim())).find((m) => m?.[2] === c.label);
    expect(line, `${renderer.name}: "${c.label}" is neither a button nor a numbered line`).toBeTruthy();
    expect(matchChoice(line![1]!, choices)?.id, `${renderer.name}: typing ${line![1]} for "${c.label}"`).toBe(c.id);
  }
}

export function conformanceKit(subject: ChannelSubject): void {
  describe(`${subject.name} passes the channel conformance kit`, () => {
    useFreshDatabase();

    const processed = () => count('SELECT count(*) AS n FROM bot_processed_messages WHERE bot = ?1 AND channel = ?2', KIT_BOT, subject.channel);
    const outbox = () => count('SELECT count(*) AS n FROM bot_outbox WHERE bot = ?1', KIT_BOT);
    const to = mount(subject.webhook.route(hosted(echoBot)));
    const post = (payload: unknown) => subject.webhook.post(payload, to);
    const drain = () => deliver(subject.channel, subject.sender);
    const shown = () => subject.shown(to);

    beforeEach(async () => {
      queued.length = 0;
      // Refusals and provider failures are logged on purpose; errors still show.
      vi.spyOn(console, 'log').mockImplementation(() => {});
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      await subject.setUp();
    });
    afterEach(() => vi.restoreAllMocks());

    it('1. refuses an unauthenticated request, which has no effect; the same request authenticated is taken', async () => {
      const payload = subject.webhook.textMessage('halo');
      expect(subject.webhook.forgeries.length).toBeGreaterThan(0);
      for (const forgery of subject.webhook.forgeries) {
        const res = await forgery.post(payload, to);
        expect(res.status, forgery.name).toBe(subject.webhook.refusedStatus);
      }
      expect(await processed()).toBe(0);
      expect(await outbox()).toBe(0);
      expect(queued).toEqual([]);
      expect((await post(payload)).status).toBe(200);
      expect(await processed()).toBe(1);
      expect(await outbox()).toBe(1);
      expect(queued).toHaveLength(1);
    });

    const parse = subject.corpus.parse;
    it(
      isNotApplicable(parse)
        ? `2. its corpus reaches the pipeline under each event's message id through its route (no pure parser: ${parse.notApplicable})`
        : '2. parses its fixture corpus into the neutral events, each reaching the pipeline under its message id through its route',
      async () => {
          expect(subject.corpus.entries.some((e) => e.events.length > 0)).toBe(true);
        if (!isNotApplicable(parse)) {
          for (const entry of subject.corpus.entries) {
            const events = parse(entry.payload);
            expect(events, entry.name).toHaveLength(entry.events.length);
            entry.events.forEach((expected, i) => expect(events[i], entry.name).toMatchObject(expected));
          }
        }
        const expectedIds: string[] = [];
        const expectedReplies: string[] = [];
        for (const entry of subject.corpus.entries) {
          const res = await post(entry.payload);
          if (entry.malformed) expect(res.status, entry.name).toBeGreaterThanOrEqual(400);
          else expect(res.status, entry.name).toBe(200);
          for (const e of entry.events) {
            expect(e.messageId, `${entry.name}: its message id`).toBeTypeOf('string');
            expect(e.kind, `${entry.name}: its kind`).toBeTypeOf('string');
            expectedIds.push(e.messageId!);
            expectedReplies.push(`${e.sender?.externalId ?? subject.person.externalId}: ${echoText(e.kind!)}`);
          }
        }
        const ids = await env.DB.prepare('SELECT message_id FROM bot_processed_messages WHERE bot = ?1 AND channel = ?2')
          .bind(KIT_BOT, subject.channel)
          .all<{ message_id: string }>();
        expect(ids.results.map((r) => r.message_id).sort()).toEqual([...expectedIds].sort());
        // Each event reached the bot as its own kind, from its own sender, and was answered there.
        const replies = await env.DB.prepare('SELECT external_id, payload FROM bot_outbox WHERE bot = ?1 AND channel = ?2')
          .bind(KIT_BOT, subject.channel)
          .all<{ external_id: string; payload: string }>();
        const said = replies.results.map((r) => `${r.external_id}: ${(JSON.parse(r.payload) as { text: string }).text}`);
        expect(said.sort()).toEqual([...expectedReplies].sort());
      },
    );

    it('3. renders choices within the channel\'s limits, and the numbered fallback answers by number', () => {
      expect(subject.renderers.length).toBeGreaterThan(0);
      for (const r of subject.renderers) {
        const caps = r.capabilities;
        const render = (choices: Choice[]) => r.render({ kind: 'text', text: 'Silakan pilih layanan.', choices });
        // Two short choices: the richest form the channel has, or numbered lines when it has none.
        const two = choicesOf(2, (i) => ['Ya', 'Tidak'][i]!);
        const twoParts = render(two);
        expectReachable(r, twoParts, two);
        if (caps.maxButtons >= 2) expect(twoParts.at(-1)!.form, `${r.name}: two short choices`).toBe('buttons');
        // One more than buttons allow: a list where the channel has one, else numbered lines.
        const more = choicesOf(caps.maxButtons + 1, (i) => `Layanan ${i + 1}`);
        const moreParts = render(more);
        expectReachable(r, moreParts, more);
        expect(moreParts.some((p) => p.form === 'buttons' && p.options.length > caps.maxButtons)).toBe(false);
        // More than any form holds, and labels too long for any: numbered lines, nothing dropped.
        const many = choicesOf(Math.max(caps.maxButtons, caps.maxListRows) + 1, (i) => `Surat ${i + 1}`);
        const long = choicesOf(2, (i) => `${'Surat keterangan tidak mampu untuk beasiswa sekolah '.repeat(2)}${i + 1}`);
        expect([...long[0]!.label].length).toBeGreaterThan(Math.max(caps.maxButtonLabel, caps.maxListLabel));
        for (const choices of [many, long]) {
          const parts = render(choices);
          expect(parts.flatMap((p) => p.options), `${r.name}: ${choices.length} choices`).toEqual([]);
          expectReachable(r, parts, choices);
        }
      }
    });

    const provider = subject.provider;
    const delivery = (message: OutboundMessage): OutboxDelivery => ({
      outboxId: 'o-kit', tenantId: KIT_TENANT, externalId: subject.person.externalId, message, lastInboundAt: Date.now(), partsSent: 0,
    });
    const send = (message: OutboundMessage) => subject.sender.send(delivery(message), kitEnv(), async () => {});

    it('4. splits a text longer than the channel takes into parts within the limit, nothing lost', async () => {
      if (!isNotApplicable(provider)) {
        // On the wire too: the provider is given exactly the parts, in order.
        const text = longText(Math.round(subject.renderers[0]!.capabilities.maxTextLength * 2.5));
        const parts = subject.renderers[0]!.render({ kind: 'text', text }).map((p) => p.text);
        await expect(send({ kind: 'text', text })).resolves.toMatchObject({ partsSent: parts.length });
        expect(await shown()).toEqual(parts);
      }
      for (const r of subject.renderers) {
        const text = longText(Math.round(r.capabilities.maxTextLength * 2.5));
        const parts = r.render({ kind: 'text', text });
        expect(parts.length, r.name).toBeGreaterThanOrEqual(3);
        for (const p of parts) expect(p.text.length, r.name).toBeLessThanOrEqual(r.capabilities.maxTextLength);
        const words = (s: string) => s.split(/\s+/).filter(Boolean);
        expect(words(parts.map((p) => p.text).join(' ')), r.name).toEqual(words(text));
        // With choices, the parts still fit and every choice can still be answered.
        const choices = choicesOf(2, (i) => ['Ya', 'Tidak'][i]!);
        const withChoices = r.render({ kind: 'text', text, choices });
        expect(withChoices.length, r.name).toBeGreaterThanOrEqual(3);
        expectReachable(r, withChoices, choices);
      }
    });

    it('5. opens media at the provider and storeScan keeps it in R2 byte for byte; a disguised file is refused by its bytes, a missing one is gone', async () => {
      const MAX = 10 * 1024 * 1024;
      const store = async (key: string, ref: string) => {
        const file = await subject.media.source.open(ref, kitEnv());
        return storeScan(env.SCANS, key, file.body, { length: file.length, maxBytes: MAX, expectedSha256: file.sha256 ?? null });
      };
      const sha256 = async (bytes: Uint8Array) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');

      expect(await store('scans/kit/good', await subject.media.offer(PDF, 'application/pdf'))).toEqual({
        ok: true, contentType: 'application/pdf', sizeBytes: PDF.length, sha256: await sha256(PDF),
      });
      const kept = await env.SCANS.get('scans/kit/good');
      expect(new Uint8Array(await kept!.arrayBuffer())).toEqual(PDF);
      expect(kept!.httpMetadata?.contentType).toBe('application/pdf');

      expect(await store('scans/kit/disguised', await subject.media.offer(DISGUISED, 'application/pdf'))).toEqual({ ok: false, reason: 'bad_type' });
      expect(await env.SCANS.get('scans/kit/disguised')).toBeNull();

      const gone = await subject.media.source.open(subject.media.missingRef(), kitEnv()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(gone).toBeInstanceOf(MediaGoneError);
      expect((await env.SCANS.list({ prefix: 'scans/kit/' })).objects.map((o) => o.key)).toEqual(['scans/kit/good']);
    });

    if (isNotApplicable(provider)) {
      it(`6. has no provider errors to map (${provider.notApplicable}); its sender takes every message, and the person sees each of them whole`, async () => {
        const long = longText(10_000);
        const messages: OutboundMessage[] = [
          { kind: 'text', text: 'Halo', choices: choicesOf(2, (i) => ['Ya', 'Tidak'][i]!) },
          { kind: 'text', text: long },
          { kind: 'document', r2Key: 'letters/kit.pdf', filename: 'surat.pdf', mimeType: 'application/pdf', caption: 'Surat pengantar Bapak/Ibu' },
        ];
        // Nothing to wait for and nothing to split on the way: every message goes at once, whole.
        for (const m of messages) {
          const result = await send(m);
          expect(result.deferred, m.kind).toBeFalsy();
          expect(result.partsSent === undefined || result.partsSent === 1, `${m.kind}: parts ${result.partsSent}`).toBe(true);
        }
        // Through the framework's delivery: the person's phone shows each message as drawn.
        const person = { channel: subject.channel, externalId: subject.person.externalId };
        const says = hosted(sayingBot(messages));
        const event: InboundEvent = { kind: 'text', text: 'halo', messageId: 'kit-6', sender: person, at: Date.now() };
        await runTurn(says.bot, says.store(kitEnv()), { queue: says.queue(kitEnv()), clock: says.clock }, event);
        await drain();
        expect(await count("SELECT count(*) AS n FROM bot_outbox WHERE bot = ?1 AND status <> 'sent'", KIT_BOT)).toBe(0);
        const drawn = messages.flatMap((m) => subject.renderers[0]!.render(m).map((p) => p.text));
        const seen = await shown();
        expect(seen).toEqual(drawn);
        // Every part of the long text, in order and nothing lost, and the document with its caption.
        const words = (x: string) => x.split(/\s+/).filter(Boolean).join(' ');
        expect(words(seen.join(' '))).toContain(words(long));
        expect(seen).toContain('Surat pengantar Bapak/Ibu');
      });
    } else {
      it('6. maps provider errors to retry, rate-limited (with the provider\'s wait) or undeliverable, as the delivery job reads them', async () => {
          const failures = provider.failures;
        const kinds = new Set(failures.map((f) => f.kind));
        for (const required of ['rate_limited', 'outage', 'undeliverable'] as const) expect(kinds, `a ${required} failure`).toContain(required);
        for (const f of failures) {
          f.arrange();
          const err = await send({ kind: 'text', text: 'Kabar berkas Bapak/Ibu.' }).then(
            () => null,
            (e: unknown) => e,
          );
          const name = `${f.kind} (${f.answer})`;
          expect(err, name).toBeInstanceOf(Error);
          const verdict = err instanceof UndeliverableError ? 'undeliverable' : err instanceof RejectedMessageError ? 'rejected' : 'retry';
          const expected = f.kind === 'undeliverable' || f.kind === 'rejected' ? f.kind : 'retry';
          expect(verdict, name).toBe(expected);
          const wait = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
          if (f.providerWaitSeconds !== undefined) expect(wait, name).toBe(f.providerWaitSeconds);
          else if (wait !== undefined) expect(wait, name).toBeGreaterThan(0);
        }
        // And with the provider well again, the same message goes out.
        await expect(send({ kind: 'text', text: 'Kabar berkas Bapak/Ibu.' })).resolves.toMatchObject({ partsSent: 1 });
      });
    }

    it('7. drops a duplicate: the same provider message twice is processed once and answered once', async () => {
      const payload = subject.webhook.textMessage('halo');
      expect((await post(payload)).status).toBe(200);
      await drain();
      expect(await outbox()).toBe(1);
      expect(await shown()).toEqual([echoText('text')]);
      expect((await post(payload)).status).toBe(200);
      expect(queued).toEqual([]);
      await drain();
      expect(await processed()).toBe(1);
      const id = subject.webhook.messageIdOf(payload);
      expect(await count('SELECT count(*) AS n FROM bot_processed_messages WHERE bot = ?1 AND channel = ?2 AND message_id = ?3', KIT_BOT, subject.channel, id)).toBe(1);
      expect(await outbox()).toBe(1);
      expect(await shown()).toEqual([echoText('text')]);
      // A new message from the same person is not taken for a duplicate.
      expect((await post(subject.webhook.textMessage('halo lagi'))).status).toBe(200);
      await drain();
      expect(await shown()).toEqual([echoText('text'), echoText('text')]);
    });
  });
}

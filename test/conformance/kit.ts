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
 *  5. media is fetched from the provider, checked (a disguised file is refused by its bytes) and
 *     stored in R2; a file the provider no longer has fails as gone;
 *  6. provider errors are mapped to retry, rate-limited (with the provider's wait) or
 *     undeliverable, as the delivery job (src/jobs/deliver.ts) reads them;
 *  7. a duplicate (the provider sending the same message twice) is dropped: one processed row,
 *     one set of replies.
 * A check that cannot apply to a channel is not skipped: the subject says why (`notApplicable`)
 * and the kit asserts what does hold instead, so the reason is printed in the check's name.
 * The kit knows no provider: everything channel-specific comes in through `ChannelSubject`.
 */
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelCapabilities, ChannelName, Choice, InboundEvent, OutboundMessage } from '../../adapters/channel';
import { RejectedMessageError, UndeliverableError, type ChannelSender, type MediaSource, type OutboxDelivery } from '../../adapters/ports';
import { matchChoice } from '../../adapters/match-choice';
import { fetchMedia } from '../../src/jobs/fetch-media';
import { useFreshDatabase } from '../support/fresh-database';
import { PDF, recorded, testEnv } from '../support/simulator';

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
  kelurahanId: string;
  /** Runs before each check on a fresh database: seed, install the fake provider. */
  setUp(): Promise<void>;
  /** Runs the queue consumer until nothing is left (replies go out through the sender). */
  drain(): Promise<void>;
  webhook: {
    /** A provider payload carrying one text from `person`, with a new message id each call. */
    textMessage(text: string): unknown;
    /** The message id the pipeline records for a payload of textMessage. */
    messageIdOf(payload: unknown): string;
    /** Posts as the provider does, authenticated. */
    post(payload: unknown): Promise<Response>;
    /** Ways a stranger posts without the channel's credentials. */
    forgeries: { name: string; post(payload: unknown): Promise<Response> }[];
    /** The status a refused request gets (401 for a bad signature, 404 where the route is off). */
    refusedStatus: number;
  };
  /** The person the payloads come from and the sender writes to. */
  person: { externalId: string };
  /** What the person's phone shows, oldest first (texts of the messages the provider took). */
  shown(): Promise<string[]>;
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

const count = async (sql: string, ...binds: unknown[]) => Number((await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n);

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

    const processed = () => count('SELECT count(*) AS n FROM processed_messages WHERE channel = ?1', subject.channel);
    const outbox = () => count('SELECT count(*) AS n FROM outbox');

    beforeEach(async () => {
      recorded.length = 0;
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
        const res = await forgery.post(payload);
        expect(res.status, forgery.name).toBe(subject.webhook.refusedStatus);
      }
      expect(await processed()).toBe(0);
      expect(await outbox()).toBe(0);
      expect(recorded).toEqual([]);
      expect((await subject.webhook.post(payload)).status).toBe(200);
      expect(await processed()).toBe(1);
      expect(await outbox()).toBeGreaterThan(0);
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
        for (const entry of subject.corpus.entries) {
          const res = await subject.webhook.post(entry.payload);
          if (entry.malformed) expect(res.status, entry.name).toBeGreaterThanOrEqual(400);
          else expect(res.status, entry.name).toBe(200);
          expectedIds.push(...entry.events.map((e) => e.messageId!));
        }
        const { results } = await env.DB.prepare('SELECT message_id FROM processed_messages WHERE channel = ?1').bind(subject.channel).all<{ message_id: string }>();
        expect(results.map((r) => r.message_id).sort()).toEqual([...expectedIds].sort());
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
      outboxId: 'o-kit', tenantId: subject.kelurahanId, externalId: subject.person.externalId, message, lastInboundAt: Date.now(), partsSent: 0,
    });
    const send = (message: OutboundMessage) => subject.sender.send(delivery(message), testEnv(), async () => {});

    it('4. splits a text longer than the channel takes into parts within the limit, nothing lost', async () => {
      if (!isNotApplicable(provider)) {
        // On the wire too: the provider is given exactly the parts, in order.
        const text = longText(Math.round(subject.renderers[0]!.capabilities.maxTextLength * 2.5));
        const parts = subject.renderers[0]!.render({ kind: 'text', text }).map((p) => p.text);
        await expect(send({ kind: 'text', text })).resolves.toMatchObject({ partsSent: parts.length });
        expect(await subject.shown()).toEqual(parts);
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

    it('5. fetches media from the provider, checks its bytes and stores it in R2; a disguised or missing file is refused', async () => {
      const now = Date.now();
      await env.DB.batch([
        env.DB.prepare("INSERT INTO people (id, kelurahan_id, full_name, created_at) VALUES ('p-kit', ?1, 'Siti Aminah', ?2)").bind(subject.kelurahanId, now),
        env.DB.prepare("INSERT INTO channel_identities (id, kelurahan_id, person_id, channel, external_id, created_at) VALUES ('i-kit', ?1, 'p-kit', ?2, ?3, ?4)").bind(
          subject.kelurahanId, subject.channel, subject.person.externalId, now,
        ),
        env.DB.prepare(
          "INSERT INTO cases (id, kelurahan_id, code, kind, service, state, applicant_person_id, created_at, updated_at) VALUES ('c-kit', ?1, 'KTP-2611-0099', 'service', 'ktp', 'draft', 'p-kit', ?2, ?2)",
        ).bind(subject.kelurahanId, now),
      ]);
      const scan = async (id: string, ref: string) => {
        await env.DB.prepare(
          "INSERT INTO case_documents (id, kelurahan_id, case_id, requirement, status, source_channel, source_ref, r2_key, content_type, created_at) VALUES (?1, ?2, 'c-kit', 'kk_copy', 'pending', ?3, ?4, ?5, 'application/pdf', ?6)",
        ).bind(id, subject.kelurahanId, subject.channel, ref, `scans/kit/${id}`, now).run();
        let n = 0;
        await fetchMedia(testEnv(), id, { [subject.channel]: subject.media.source }, now, () => `kit-${id}-${++n}`);
        return env.DB.prepare('SELECT status, reject_reason, content_type, size_bytes FROM case_documents WHERE id = ?1').bind(id).first();
      };

      expect(await scan('d-good', await subject.media.offer(PDF, 'application/pdf'))).toEqual({
        status: 'stored', reject_reason: null, content_type: 'application/pdf', size_bytes: PDF.length,
      });
      expect(new Uint8Array(await (await env.SCANS.get('scans/kit/d-good'))!.arrayBuffer())).toEqual(PDF);

      expect(await scan('d-disguised', await subject.media.offer(DISGUISED, 'application/pdf'))).toMatchObject({ status: 'rejected', reject_reason: 'bad_type' });
      expect(await env.SCANS.get('scans/kit/d-disguised')).toBeNull();

      expect(await scan('d-gone', subject.media.missingRef())).toMatchObject({ status: 'failed', reject_reason: 'gone' });
      expect(await env.SCANS.get('scans/kit/d-gone')).toBeNull();
    });

    if (isNotApplicable(provider)) {
      it(`6. has no provider errors to map (${provider.notApplicable}); its sender takes every valid message, and replies reach the person`, async () => {
          const messages: OutboundMessage[] = [
          { kind: 'text', text: 'Halo', choices: choicesOf(2, (i) => ['Ya', 'Tidak'][i]!) },
          { kind: 'text', text: longText(10_000) },
          { kind: 'document', r2Key: 'letters/kit.pdf', filename: 'surat.pdf', mimeType: 'application/pdf' },
        ];
        for (const m of messages) await expect(send(m)).resolves.toMatchObject({});
        expect((await subject.webhook.post(subject.webhook.textMessage('halo'))).status).toBe(200);
        await subject.drain();
        expect((await subject.shown()).length).toBeGreaterThan(0);
        expect(await count("SELECT count(*) AS n FROM outbox WHERE status NOT IN ('sent', 'delivered', 'read')")).toBe(0);
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
      expect((await subject.webhook.post(payload)).status).toBe(200);
      await subject.drain();
      const rows = await outbox();
      const shown = (await subject.shown()).length;
      expect(rows).toBeGreaterThan(0);
      expect(shown).toBeGreaterThan(0);
      expect((await subject.webhook.post(payload)).status).toBe(200);
      await subject.drain();
      expect(await processed()).toBe(1);
      expect(await count('SELECT count(*) AS n FROM processed_messages WHERE channel = ?1 AND message_id = ?2', subject.channel, subject.webhook.messageIdOf(payload))).toBe(1);
      expect(await outbox()).toBe(rows);
      expect((await subject.shown()).length).toBe(shown);
    });
  });
}

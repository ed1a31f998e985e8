/**
 * The hot path of every channel: for one inbound event, dedupe, load, run the dialogue, write
 * once, and nudge the queue. Two D1 round trips when nothing races; a race with the same
 * person's other message, their first contact arriving twice, or someone else changing the same
 * case in between is retried from the top.
 */
import type { InboundEvent } from '../../adapters/channel';
import { runDialogue } from '../bot/dialogue';
import { inviteCodeIn } from '../bot/steps/invite';
import { typedPhones } from '../bot/steps/rt';
import { NIK_LENGTH, normalizeNik } from '../domain/nik';
import type { Locale } from '../domain/messages';
import { usablePersonName } from '../domain/person-name';
import type { Clock, IdSource, RandomSource } from '../domain/ports';
import type { QueueMessage } from '../jobs/queue-messages';
import { dbOf } from '../db/client';
import { writeInbound } from '../db/inbound';
import { log } from '../log';
import { loadContext } from './load-context';
import { planWrite } from './write-effects';

export interface PipelineDeps {
  db: D1Database;
  queue: Queue;
  clock: Clock;
  ids: IdSource;
  random: RandomSource;
  maxUploadBytes: number;
  defaultLocale: Locale;
}

/** 'refused': processed, but the button pressed meant nothing any more (Telegram shows that on the button). */
export type InboundOutcome = 'processed' | 'refused' | 'duplicate';

const MAX_ATTEMPTS = 4;

export async function processInbound(deps: PipelineDeps, kelurahanId: string, event: InboundEvent): Promise<InboundOutcome> {
  // The profile name is whatever the sender set in their chat app: used only if it is a name by
  // the name rule, so it never becomes a person's name on a card or in another person's chat.
  const displayName = usablePersonName(event.sender.displayName);
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const loaded = await loadContext(deps.db, {
      kelurahanId,
      channel: event.sender.channel,
      externalId: event.sender.externalId,
      displayName,
      messageId: event.messageId,
      ...pressedRefs(event),
      phones: event.kind === 'text' ? typedPhones(event.text).filter((p): p is string => p !== null).slice(0, 2) : [],
      typedNik: event.kind === 'text' ? nikIn(event.text) : null,
      now,
      ids: deps.ids,
      random: deps.random,
      maxUploadBytes: deps.maxUploadBytes,
      defaultLocale: deps.defaultLocale,
    });
    if (loaded.seen) return 'duplicate';

    const result = runDialogue(loaded.previous, event, loaded.ctx);
    const plan = planWrite(dbOf(deps.db), {
      kelurahanId,
      channel: event.sender.channel,
      messageId: event.messageId,
      ...pressedRefs(event),
      now,
      ids: deps.ids,
      identity: {
        id: loaded.ctx.identity.id,
        isNew: loaded.ctx.identity.isNew,
        externalId: event.sender.externalId,
        displayName,
        phone: event.sender.phone ?? null,
      },
      personId: loaded.ctx.person.id,
      newPerson: loaded.newPerson,
      expectedVersion: loaded.version,
      state: result.state,
      effects: result.effects,
    });

    let released: { id: string }[];
    try {
      released = await writeInbound(dbOf(deps.db), plan.statements, plan.releasedIndex);
    } catch (err) {
      const kind = classify(err);
      if (kind === 'duplicate') return 'duplicate';
      if (kind === 'conflict' && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
    await enqueue(deps.queue, [...plan.queue, ...released.map((r) => ({ type: 'deliver' as const, outboxId: r.id }))]);
    return result.pressRefused ? 'refused' : 'processed';
  }
}

/** After the batch has committed: if this fails, the rows wait in D1 and the cron re-queues them. */
export async function enqueue(queue: Queue, messages: QueueMessage[]): Promise<void> {
  if (messages.length === 0) return;
  try {
    await queue.sendBatch(messages.map((body) => ({ body })));
  } catch (err) {
    log.warn('queue.send_failed', { count: messages.length, error: err });
  }
}

/** Buttons name server-side things; load them so the dialogue can check who may press. */
function pressedRefs(event: InboundEvent): { pressedCaseId: string | null; pressedQuestionId: string | null; inviteCode: string | null } {
  if (event.kind === 'text') return { pressedCaseId: null, pressedQuestionId: null, inviteCode: inviteCodeIn(event.text) };
  if (event.kind !== 'choice') return { pressedCaseId: null, pressedQuestionId: null, inviteCode: null };
  // A complaint's buttons (cp:) name it too: loaded whatever its state, an answered or closed one included.
  const pressedCase = /^(?:rt:[a-z]{2}|cp:(?:ro|cl)):(.{1,64})$/.exec(event.choiceId);
  const nb = /^nb:[yn]:(.{1,64})$/.exec(event.choiceId);
  return { pressedCaseId: pressedCase?.[1] ?? null, pressedQuestionId: nb?.[1] ?? null, inviteCode: null };
}

function classify(err: unknown): 'duplicate' | 'conflict' | 'other' {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  if (message.includes('UNIQUE constraint failed: processed_messages')) return 'duplicate';
  if (
    message.includes('NOT NULL constraint failed: processed_messages.received_at') ||
    message.includes('NOT NULL constraint failed: case_events.at') ||
    message.includes('NOT NULL constraint failed: channel_identities.person_id') ||
    message.includes('UNIQUE constraint failed: channel_identities') ||
    message.includes('UNIQUE constraint failed: conversations')
  ) {
    return 'conflict';
  }
  return 'other';
}

/** A message that is a NIK as typed (16 digits, spaced or dotted): its open cases are read with it. */
function nikIn(text: string): string | null {
  const nik = normalizeNik(text);
  return nik.length === NIK_LENGTH && /^\d+$/.test(nik) ? nik : null;
}

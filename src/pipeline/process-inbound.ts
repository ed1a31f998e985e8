/**
 * The kelurahan bot on the framework's hot path (src/framework/inbound.ts): its dialogue is the
 * bot, and this store loads what the dialogue may need (one read batch) and writes its effects
 * over cases, letters and people (one write batch). A race with the same person's other message,
 * their first contact arriving twice, or someone else changing the same case in between makes
 * the write stale, and the framework runs the turn again from the top.
 */
import type { InboundEvent } from '../../adapters/channel';
import { runDialogue } from '../bot/dialogue';
import type { BotContext } from '../bot/context';
import type { Effect } from '../bot/effects';
import type { ConversationState } from '../bot/state';
import { inviteCodeIn } from '../bot/steps/invite';
import { typedPhones } from '../bot/steps/rt';
import { NIK_LENGTH, normalizeNik } from '../domain/nik';
import type { Locale } from '../domain/messages';
import { usablePersonName } from '../domain/person-name';
import type { Bot } from '../framework/bot';
import { runTurn, type Loaded, type TurnResult, type TurnStore, type Written } from '../framework/inbound';
import type { Clock, IdSource, RandomSource } from '../framework/ports';
import type { QueueMessage } from '../jobs/queue-messages';
import { dbOf } from '../db/client';
import { writeInbound } from '../db/inbound';
import { loadContext, type LoadedContext } from './load-context';
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

export type InboundResult = TurnResult;

/**
 * The kelurahan's dialogue as a framework bot, unchanged: its replies are among its effects (a
 * reply is a send to the sender, ordered with the sends to others), so `replies` stays empty.
 */
export const kelurahanBot: Bot<ConversationState, BotContext, Effect> = {
  name: 'kelurahan',
  turn(previous, event, context) {
    const result = runDialogue(previous, event, context);
    return { state: result.state, replies: [], effects: result.effects, ...(result.pressRefused ? { refused: result.pressRefused } : {}) };
  },
};

type KelurahanLoaded = Loaded<ConversationState, BotContext> & { loaded: LoadedContext };

/** The kelurahan store for one message of one kelurahan. */
function kelurahanStore(deps: PipelineDeps, kelurahanId: string, displayName: string | null): TurnStore<ConversationState, BotContext, Effect, QueueMessage> {
  return {
    async load(event, now): Promise<KelurahanLoaded> {
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
      return { seen: loaded.seen, previous: loaded.previous, context: loaded.ctx, loaded };
    },
    async write(event, l, turn, now): Promise<Written<QueueMessage>> {
      const { loaded } = l as KelurahanLoaded;
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
        state: turn.state,
        effects: turn.effects,
      });
      try {
        const released = await writeInbound(dbOf(deps.db), plan.statements, plan.releasedIndex);
        return { kind: 'written', nudges: [...plan.queue, ...released.map((r) => ({ type: 'deliver' as const, outboxId: r.id }))] };
      } catch (err) {
        const kind = classify(err);
        if (kind === 'other') throw err;
        return { kind };
      }
    },
  };
}

export async function processInbound(deps: PipelineDeps, kelurahanId: string, event: InboundEvent): Promise<InboundResult> {
  // The profile name is whatever the sender set in their chat app: used only if it is a name by
  // the name rule, so it never becomes a person's name on a card or in another person's chat.
  const displayName = usablePersonName(event.sender.displayName);
  return runTurn(kelurahanBot, kelurahanStore(deps, kelurahanId, displayName), deps, event);
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

function classify(err: unknown): 'duplicate' | 'stale' | 'other' {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  if (message.includes('UNIQUE constraint failed: processed_messages')) return 'duplicate';
  if (
    message.includes('NOT NULL constraint failed: processed_messages.received_at') ||
    message.includes('NOT NULL constraint failed: case_events.at') ||
    message.includes('NOT NULL constraint failed: channel_identities.person_id') ||
    message.includes('UNIQUE constraint failed: channel_identities') ||
    message.includes('UNIQUE constraint failed: conversations')
  ) {
    return 'stale';
  }
  return 'other';
}

/** A message that is a NIK as typed (16 digits, spaced or dotted): its open cases are read with it. */
function nikIn(text: string): string | null {
  const nik = normalizeNik(text);
  return nik.length === NIK_LENGTH && /^\d+$/.test(nik) ? nik : null;
}

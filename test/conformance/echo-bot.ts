/**
 * The conformance kit's own bot, on the framework's plain store: it answers every event with one
 * text naming the event's kind, to the person who sent it and no one else. It never repeats what
 * the person typed, so no one's words can land in another chat through it. Small enough that a
 * row in bot_outbox can only mean "this event reached the pipeline as this kind".
 */
import type { InboundEvent, OutboundMessage } from '../../adapters/channel';
import type { PlainBot } from '../../src/framework/plain-bot';

/** Both bots below keep their chats under this name, so one inbox shows what either sent. */
export const KIT_BOT = 'conformance-kit';

export interface KitState {
  turns: number;
}

export const echoText = (kind: InboundEvent['kind']): string => `Pesan Anda (${kind}) sudah kami terima.`;

export const echoBot: PlainBot<KitState> = {
  name: KIT_BOT,
  turn: (previous, event) => ({ state: { turns: (previous?.turns ?? 0) + 1 }, replies: [{ kind: 'text', text: echoText(event.kind) }], effects: [] }),
};

/** Answers whatever comes with the given messages: for checks that need a reply of a given shape. */
export function sayingBot(messages: OutboundMessage[]): PlainBot<KitState> {
  return {
    name: KIT_BOT,
    turn: (previous) => ({ state: { turns: (previous?.turns ?? 0) + 1 }, replies: messages, effects: [] }),
  };
}

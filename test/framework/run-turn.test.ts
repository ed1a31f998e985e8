/**
 * What runTurn tells its route: processed, a duplicate, or a press that meant nothing any more,
 * with the bot's own note for the button when it gave one (in the person's language).
 */
import { describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../adapters/channel';
import type { Bot } from '../../src/framework/bot';
import { runTurn, type TurnStore } from '../../src/framework/inbound';

const press: InboundEvent = { kind: 'choice', choiceId: 'old', messageId: 'm1', sender: { channel: 'simulator', externalId: '628111' }, at: 0 };
const queue = { sendBatch: async () => undefined } as unknown as Queue;
const clock = { now: () => 0 };

function store(seen = false): TurnStore<null, null, never, never> {
  return { load: async () => ({ seen, previous: null, context: null }), write: async () => ({ kind: 'written', nudges: [] }) };
}
const bot = (refused?: boolean | string): Bot<null, null, never> => ({
  name: 'b',
  turn: () => ({ state: null, replies: [], effects: [], ...(refused === undefined ? {} : { refused }) }),
});

describe('runTurn', () => {
  it('gives the bot\'s note for a refused press', async () => {
    expect(await runTurn(bot('This button is no longer valid.'), store(), { queue, clock }, press)).toEqual({ outcome: 'refused', refusedNote: 'This button is no longer valid.' });
  });
  it('says refused without a note when the bot gave none, so the route uses its own', async () => {
    expect(await runTurn(bot(true), store(), { queue, clock }, press)).toEqual({ outcome: 'refused' });
  });
  it('says processed, or duplicate for a message id seen before', async () => {
    expect(await runTurn(bot(), store(), { queue, clock }, press)).toEqual({ outcome: 'processed' });
    expect(await runTurn(bot('x'), store(true), { queue, clock }, press)).toEqual({ outcome: 'duplicate' });
  });
});

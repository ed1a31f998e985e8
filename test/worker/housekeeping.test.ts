/**
 * The daily housekeeping drops provider message ids once no provider would retry them, and only
 * those: a webhook Meta retries within its week is still recognised as a repeat.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { dropExpired } from '../../src/jobs/housekeeping';
import { useFreshDatabase } from '../support/fresh-database';
import { MONDAY_10_WIB, seed } from '../support/simulator';

useFreshDatabase();
beforeEach(seed);

const DAY = 24 * 3600_000;

describe('housekeeping of message ids', () => {
  it('keeps the ids of the last two weeks and drops older ones', async () => {
    const now = MONDAY_10_WIB + 30 * DAY;
    const insert = (id: string, at: number) =>
      env.DB.prepare("INSERT INTO processed_messages (channel, message_id, kelurahan_id, received_at) VALUES ('telegram', ?1, (SELECT id FROM kelurahan LIMIT 1), ?2)").bind(id, at);
    await env.DB.batch([insert('tg:1:old', now - 15 * DAY), insert('tg:1:week', now - 7 * DAY), insert('tg:1:today', now - 1000)]);
    await dropExpired(env, now);
    const { results } = await env.DB.prepare("SELECT message_id FROM processed_messages WHERE channel = 'telegram' ORDER BY received_at").all();
    expect(results).toEqual([{ message_id: 'tg:1:week' }, { message_id: 'tg:1:today' }]);
  });
});

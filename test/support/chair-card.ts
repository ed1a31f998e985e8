/**
 * A KTP of Siti's on Bapak Hasan's day-2 card, as several flow tests start: applied Monday 30
 * November 10:00 WIB, the pengantar approved at 11:00, day 1 closed by the 16:15 tick.
 */
import { createScheduledController } from 'cloudflare:test';
import { runScheduled } from '../../src/jobs/scheduled';
import { completeApplication } from './apply-helper';
import { choice, drainQueue, setClock, SimPerson, testEnv } from './simulator';

export const wib = (iso: string) => Date.parse(`${iso}:00+07:00`);
export const tick = (at: number) => runScheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), testEnv());

export async function onTheChairsCard(o: { name?: string } = {}) {
  const siti = new SimPerson('628123450001', 'Siti');
  const hasan = new SimPerson('628990000203', 'Bapak Hasan');
  const code = await completeApplication(siti, 'ktp', o);
  await drainQueue();
  setClock(wib('2026-11-30T11:00'));
  await hasan.press(choice(await hasan.replies(), 'Setujui'));
  await drainQueue();
  await tick(wib('2026-11-30T16:15'));
  await siti.replies();
  return { siti, hasan, code, card: await hasan.replies() };
}

/** English, on request. Same keys and parameters as chair.id.ts: the type makes a missing one a compile error. */
import type { chairId } from './chair.id';

export const chairEn: { [K in keyof typeof chairId]: (typeof chairId)[K] } = {
  'chair.waiting': (p) => `${p.chair}, ${p.count} case(s) are waiting for you. Answer with the buttons under each case.`,
  'chair.nothing_waiting': (p) => `${p.chair}, nothing is waiting for you right now. Thank you.`,
  'chair.more': (p) => `Below are the ${p.shown} oldest. Once you have answered them, type "rt" again to see the rest.`,
};

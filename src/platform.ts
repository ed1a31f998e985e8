/** The real implementations of the domain ports, for the Workers runtime. */
import type { Clock, IdSource, RandomSource } from './framework/ports';

export const systemClock: Clock = { now: () => Date.now() };
export const cryptoIds: IdSource = { newId: () => crypto.randomUUID() };
export const cryptoRandom: RandomSource = { bytes: (n) => crypto.getRandomValues(new Uint8Array(n)) };

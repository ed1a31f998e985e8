/** The pipeline's ports filled in from the Worker's bindings and settings. */
import { maxUploadBytes } from '../../adapters/ports';
import { isLocale } from '../domain/messages';
import type { Clock } from '../framework/ports';
import { cryptoIds, cryptoRandom, systemClock } from '../platform';
import type { PipelineDeps } from './process-inbound';

export function pipelineDeps(env: Env, clock: Clock = systemClock): PipelineDeps {
  return {
    db: env.DB,
    queue: env.OUTBOX,
    clock,
    ids: cryptoIds,
    random: cryptoRandom,
    maxUploadBytes: maxUploadBytes(env),
    defaultLocale: isLocale(env.DEFAULT_LOCALE) ? env.DEFAULT_LOCALE : 'id',
  };
}

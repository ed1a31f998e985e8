/** The pipeline's ports filled in from the Worker's bindings and settings. */
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
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES) || 10 * 1024 * 1024,
    defaultLocale: isLocale(env.DEFAULT_LOCALE) ? env.DEFAULT_LOCALE : 'id',
  };
}

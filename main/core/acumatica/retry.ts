// A few quick retries of transient failures inside one call; anything longer is the engine's job (its backoff
// and the 'retrying' state). Writes are resent only when the server surely did not receive them.
import type { Clock } from '../clock.js';
import { AppError, toAppError } from '../errors.js';
import { backoffDelay } from '../policy/backoff.js';
import { notDelivered } from './classify.js';
import type { HttpTuning } from './http.js';

export async function withRetries<T>(
  task: () => Promise<T>,
  opts: { tuning: HttpTuning; clock: Clock; random: () => number; idempotent: boolean; signal?: AbortSignal },
): Promise<T> {
  const policy = { baseMs: opts.tuning.retryBaseMs, maxMs: opts.tuning.retryMaxMs };
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (e) {
      const err = toAppError(e);
      const retriable = err.kind === 'transient' && (opts.idempotent || notDelivered(err));
      const wait = backoffDelay(attempt, opts.random(), err.retryAfterMs, policy);
      if (!retriable || attempt > opts.tuning.inlineRetries || wait > opts.tuning.maxInlineWaitMs || opts.signal?.aborted) {
        throw err;
      }
      await opts.clock.sleep(wait, opts.signal);
    }
  }
}

export function isKind(e: unknown, kind: AppError['kind']): e is AppError {
  return e instanceof AppError && e.kind === kind;
}

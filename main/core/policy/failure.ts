// The failure policy of the job queue as one pure function: given what went wrong with a step, how many times it
// was tried, the limits and the time, it says what happens next. The job runner only carries the decision out
// (writes the job row, stops or goes on with the side), so every rule is here and can be tested as a table.
// A leaf module: adapters may import it; it imports nothing from sync/, acumatica/ or wms/.
import type { ErrorKind } from '../errors.js';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.js';

/** What failed, as the policy sees it: the error's kind, or that the sync cycle's time ran out mid-step. */
export type FailureKind = ErrorKind | 'cycle-time-up';

export interface FailureLimits {
  /** Attempts a step gets for transient failures before it fails for the operator (settings: app.maxAttempts). */
  maxAttempts: number;
  /** How long a side waits when credentials were refused before it asks again (the user may have fixed them). */
  credentialWaitMs: number;
  /** How long a side waits when our own database could not be written (disk full). */
  storageWaitMs: number;
  /**
   * Transient failures in a row (no success between) after which the whole side is taken as down. One failure
   * alone is the step's: it waits for its own retry while the others go on, so a flaky link does not hold the queue
   * back, while an outage still stops the side after a few calls.
   */
  sideDownAfter: number;
  backoff: BackoffPolicy;
}

export const defaultFailureLimits: FailureLimits = {
  maxAttempts: 50,
  credentialWaitMs: 60_000,
  storageWaitMs: 60_000,
  sideDownAfter: 3,
  backoff: defaultBackoff,
};

export interface FailureInput {
  kind: FailureKind;
  /** The attempt that just failed (1 = the first). */
  attempt: number;
  /** Transient failures in a row on this side before this one (reset by any success). */
  transientInARow: number;
  /** The server's Retry-After, in ms from now: a floor for the next attempt. */
  retryAfterMs?: number | undefined;
  now: number;
  /** In [0,1); asked only when a backoff is computed, so a seeded source draws the same sequence as before. */
  random: () => number;
}

/**
 * What happens next. `sideDownUntil` (when present) stops the side for the rest of the cycle and keeps it from
 * being tried before that time; `attemptCounts: false` gives the attempt back (the step was not at fault).
 */
export type FailureDecision =
  /** The cycle's time ran out mid-step: not the step's failure. It stays due, the side stops for this cycle. */
  | { action: 'leave-for-next-cycle'; at: number; attemptCounts: false }
  /** A transient failure: try the step again at `at`; the side goes on unless enough failed in a row. */
  | { action: 'retry'; at: number; attemptCounts: true; sideDownUntil: number | null }
  /** The operator has to act (the server refused, the settings are wrong, or the attempts ran out). */
  | { action: 'fail'; attemptCounts: true }
  /** Credentials were refused: the side waits for the user without spending the step's attempt. */
  | { action: 'wait-for-credentials'; at: number; attemptCounts: false; sideDownUntil: number }
  /** Our own database could not be written: not the step's fault; the side waits and tries again. */
  | { action: 'wait-for-storage'; at: number; attemptCounts: false; sideDownUntil: number };

export function decide(input: FailureInput, limits: FailureLimits = defaultFailureLimits): FailureDecision {
  const { kind, now } = input;
  switch (kind) {
    case 'cycle-time-up':
      return { action: 'leave-for-next-cycle', at: now, attemptCounts: false };
    case 'credentials-rejected': {
      const at = now + limits.credentialWaitMs;
      return { action: 'wait-for-credentials', at, attemptCounts: false, sideDownUntil: at };
    }
    case 'storage': {
      const at = now + limits.storageWaitMs;
      return { action: 'wait-for-storage', at, attemptCounts: false, sideDownUntil: at };
    }
    case 'transient': {
      if (input.attempt >= limits.maxAttempts) return { action: 'fail', attemptCounts: true };
      const at = now + backoffDelay(input.attempt, input.random(), input.retryAfterMs, limits.backoff);
      const sideDown = input.transientInARow + 1 >= limits.sideDownAfter;
      return { action: 'retry', at, attemptCounts: true, sideDownUntil: sideDown ? at : null };
    }
    case 'business':
    case 'config':
    case 'keychain':
    case 'invalid-input':
    case 'not-found':
    case 'internal':
      return { action: 'fail', attemptCounts: true };
  }
}

// The errors of a call cut short because the sync cycle's time ran out (issue #18: every cycle has a bound). They are
// transient: the step stays queued with what it already recorded, and the next cycle goes on from there.
import { AppError } from '../errors.js';

/** Marks errors that only say "the cycle's time ran out" (the job runner does not count them as attempts). */
export const CYCLE_TIME_UP = 'cycle-time-up';

export function cycleTimeUp(what: string): AppError {
  return new AppError('transient', `The time of this sync cycle ran out ${what}; the step goes on in the next cycle.`, { cause: CYCLE_TIME_UP });
}

/** The request never left: it was still waiting for its turn when the cycle's time ran out. */
export function queueAbandoned(): AppError {
  return cycleTimeUp('while a request waited for its turn (the app keeps under the Acumatica licence limits)');
}

export function isCycleTimeUp(e: unknown): boolean {
  return e instanceof AppError && e.cause === CYCLE_TIME_UP;
}

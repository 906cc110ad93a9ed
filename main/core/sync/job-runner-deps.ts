// The job runner's narrow dependencies, cut out of the engine's step context: the job queue, a transaction, time,
// the failure limits from the settings, and the callbacks for the status and the change events.
import { toAppError, type AppError } from '../errors.js';
import { defaultFailureLimits } from '../policy/failure.js';
import { sqliteFailure } from '../store/db.js';
import { flushChanges, type StepContext } from './context.js';
import type { JobRunnerDeps } from './job-runner.js';

/** A SQLite failure (disk full, read-only file) as a storage error; anything else as toAppError does. */
export function classifyFailure(ctx: Pick<StepContext, 'store'>, e: unknown): AppError {
  return sqliteFailure(ctx.store.db.name, e) ?? toAppError(e);
}

export function jobRunnerDeps(ctx: StepContext): JobRunnerDeps {
  return {
    jobs: ctx.store.jobs,
    tx: (fn) => ctx.store.tx(fn),
    clock: ctx.clock,
    random: ctx.random,
    limits: () => ({ ...defaultFailureLimits, maxAttempts: ctx.settings().app.maxAttempts }),
    classify: (e) => classifyFailure(ctx, e),
    steps: ctx.steps,
    flush: () => flushChanges(ctx),
  };
}

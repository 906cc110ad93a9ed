// Runs due jobs of one side (the WMS or Acumatica) in queue order. `running` is committed before the effect, so a
// crash leaves evidence; errors are handled by kind: transient -> retry with backoff (after a few in a row the side
// waits, so the queue drains in order when the link returns), credentials-rejected -> wait for the user without
// spending an attempt, anything else -> failed with the server's words for the operator.
import { isCycleTimeUp } from '../acumatica/cycle-time.js';
import { errorInfo, toAppError, type AppError } from '../errors.js';
import { sqliteFailure } from '../store/db.js';
import type { Job, JobKind } from '../store/index.js';
import { backoffDelay } from './backoff.js';
import { flushChanges, type StepContext } from './context.js';

/**
 * A handler calls `effect()` right before a call that may change the remote system. It may return its final writes
 * (the outcome it records) instead of committing them itself: they are then committed in one transaction with
 * closing the job, so "recorded" and "done" cannot come apart, and a busy queue pays one commit less per job.
 */
export type JobHandler = (job: Job, effect: () => void) => Promise<FinalWrites | void>;
export type FinalWrites = () => void;

export interface SideOutcome {
  done: number;
  failed: number;
  /** Set when the side stopped early: the error that stopped it. */
  stoppedBy: AppError | null;
  /** When the side may be tried again. */
  blockedUntil: number | null;
}

export interface FailureHooks {
  /** The order/fulfillment shows the retry (state + last error). */
  onRetry(job: Job, error: AppError, retryAt: number): void;
  /** The job failed for the operator. */
  onFailed(job: Job, error: AppError): void;
}

const CREDENTIAL_WAIT_MS = 60_000;
const STORAGE_WAIT_MS = 60_000;
/**
 * Transient failures in a row (no success between) before the whole side is taken as down and waits. One failure
 * alone is the job's: it waits for its own retry while the others go on, so a flaky link (a dropped call here and
 * there) does not hold the queue back, while an outage still stops the side after a few calls.
 */
export const SIDE_DOWN_AFTER = 3;

/** A SQLite failure (disk full, read-only file) as a storage error; anything else as toAppError does. */
export function classifyFailure(ctx: StepContext, e: unknown): AppError {
  return sqliteFailure(ctx.store.db.name, e) ?? toAppError(e);
}

export interface RunOptions {
  batchSize?: number;
  /**
   * Jobs run at the same time (default 1: strictly in queue order). Jobs of the same group (e.g. the same order)
   * never run together.
   */
  concurrency?: number;
  groupOf?: (job: Job) => string;
  /** What the status says while the job runs ("Writing back SO-000123") and the order it is about. */
  describe?: (job: Job) => { ref: string | null; label: string };
}

export async function runJobs(
  ctx: StepContext,
  kinds: JobKind[],
  handlers: Partial<Record<JobKind, JobHandler>>,
  hooks: FailureHooks,
  shouldStop: () => boolean,
  options: RunOptions = {},
): Promise<SideOutcome> {
  const batchSize = options.batchSize ?? 500;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const groupOf = options.groupOf ?? ((job: Job) => job.subject);
  const outcome: SideOutcome = { done: 0, failed: 0, stoppedBy: null, blockedUntil: null };
  const stopped = (): boolean => outcome.stoppedBy !== null || shouldStop();
  let woke = false;
  let transientInARow = 0;
  const runStartedIso = ctx.nowIso();

  /** Runs one job; returns false when the side must stop. */
  async function runOne(job: Job, handler: JobHandler): Promise<boolean> {
    try {
      // Not waiting any more (another run has it, or it was settled meanwhile): not ours to run.
      if (!ctx.store.jobs.markRunning(job.id, ctx.nowIso())) return true;
    } catch (e) {
      // Storage trouble (disk full): nothing was attempted; the side waits and the engine retries later.
      outcome.stoppedBy = classifyFailure(ctx, e);
      outcome.blockedUntil = ctx.clock.now() + STORAGE_WAIT_MS;
      return false;
    }
    let effectStarted = false;
    const step = options.describe?.(job) ?? { ref: null, label: `${job.kind} ${job.subject}` };
    ctx.steps.start(String(job.id), step.ref, step.label, ctx.clock.now());
    try {
      const finalWrites = await handler(job, () => {
        effectStarted = true;
      });
      ctx.store.tx(() => {
        finalWrites?.();
        ctx.store.jobs.complete(job.id, ctx.nowIso());
      });
      outcome.done++;
      transientInARow = 0;
      // It had failed before and now got through: the link is back, so the other waiting steps need not sit out
      // their backoff (they drain now, in queue order).
      if (job.lastError?.kind === 'transient' && ctx.store.jobs.wakeTransientWaits(kinds, ctx.clock.now(), runStartedIso) > 0) woke = true;
    } catch (e) {
      const err = classifyFailure(ctx, e);
      if (isCycleTimeUp(err)) {
        // The cycle's time ran out mid-step: not the step's failure. It stays due (no attempt spent) with what it
        // recorded so far; a step cut off mid-write looks before it acts again.
        leaveForNextCycle(ctx, job, err, effectStarted);
        flushChanges(ctx);
        return false;
      }
      const stop = settleFailure(ctx, job, err, effectStarted, hooks);
      // An isolated transient failure: this job retries at its own time, the next ones go on.
      const isolated = err.kind === 'transient' && stop !== null && ++transientInARow < SIDE_DOWN_AFTER;
      if (stop !== null && !isolated) {
        outcome.stoppedBy ??= err;
        outcome.blockedUntil = Math.max(outcome.blockedUntil ?? 0, stop);
        flushChanges(ctx);
        return false;
      }
      if (stop === null) outcome.failed++;
    } finally {
      ctx.steps.end(String(job.id));
    }
    flushChanges(ctx);
    return true;
  }

  for (;;) {
    const due = ctx.store.jobs
      .due(ctx.clock.now(), batchSize * 2)
      .filter((j) => kinds.includes(j.kind) && handlers[j.kind])
      .slice(0, batchSize);
    if (due.length === 0) return outcome;
    const waiting = [...due];
    const busy = new Set<string>();
    // Each worker takes the next job whose group is not already in flight (queue order otherwise).
    const worker = async (): Promise<void> => {
      while (!stopped()) {
        const i = waiting.findIndex((j) => !busy.has(groupOf(j)));
        if (i < 0) return;
        const [job] = waiting.splice(i, 1);
        const group = groupOf(job!);
        busy.add(group);
        try {
          if (!(await runOne(job!, handlers[job!.kind]!))) return;
        } catch (e) {
          // Recording the outcome itself failed (the disk filled up): stop this side, and stop the other workers
          // before they take more jobs, so none is left running behind the engine's back.
          outcome.stoppedBy ??= classifyFailure(ctx, e);
          outcome.blockedUntil = Math.max(outcome.blockedUntil ?? 0, ctx.clock.now() + STORAGE_WAIT_MS);
          return;
        } finally {
          busy.delete(group);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    if (stopped()) return outcome;
    // Jobs left behind because their group was busy, or woken because the link is back, run in the next pass.
    if (waiting.length === 0 && due.length < batchSize && !woke) return outcome;
    woke = false;
  }
}

function leaveForNextCycle(ctx: StepContext, job: Job, err: AppError, effectStarted: boolean): void {
  const now = ctx.clock.now();
  ctx.store.tx(() => {
    ctx.store.jobs.retryLater(job.id, now, errorInfo(err, now), ctx.nowIso(), job.outcomeUnknown || effectStarted);
    ctx.store.jobs.uncountAttempt(job.id);
  });
}

/** Records the failure; returns the time until which the side should wait, or null to go on with the next job. */
function settleFailure(ctx: StepContext, job: Job, err: AppError, effectStarted: boolean, hooks: FailureHooks): number | null {
  const now = ctx.clock.now();
  const nowIso = ctx.nowIso();
  const info = errorInfo(err, now);
  // An attempt that may have reached the remote side leaves its outcome unknown: the next one looks first.
  const unknown = job.outcomeUnknown || (effectStarted && err.kind !== 'business');
  if (err.kind === 'credentials-rejected') {
    const at = now + CREDENTIAL_WAIT_MS;
    ctx.store.tx(() => {
      ctx.store.jobs.retryLater(job.id, at, info, nowIso, unknown);
      // markRunning counted an attempt; waiting for the user is not one.
      ctx.store.jobs.uncountAttempt(job.id);
    });
    return at;
  }
  if (err.kind === 'storage') {
    // Our own database could not be written (disk full): not the order's fault, so nothing is failed and no
    // attempt is spent. The note may not be writable either; the job then stays 'running' and the engine
    // recovers it as outcome-unknown (look before acting) at its next cycle.
    const at = now + STORAGE_WAIT_MS;
    try {
      ctx.store.tx(() => {
        ctx.store.jobs.retryLater(job.id, at, info, nowIso, unknown);
        ctx.store.jobs.uncountAttempt(job.id);
      });
    } catch {
      // still full
    }
    return at;
  }
  if (err.kind === 'transient') {
    const attempts = job.attempts + 1;
    if (attempts >= ctx.settings().app.maxAttempts) {
      ctx.store.tx(() => {
        ctx.store.jobs.fail(job.id, info, nowIso, unknown);
        hooks.onFailed(job, err);
      });
      return null;
    }
    const at = now + backoffDelay(attempts, ctx.random(), err.retryAfterMs);
    ctx.store.tx(() => {
      ctx.store.jobs.retryLater(job.id, at, { ...info, retryAt: new Date(at).toISOString() }, nowIso, unknown);
      hooks.onRetry(job, err, at);
    });
    return at;
  }
  ctx.store.tx(() => {
    ctx.store.jobs.fail(job.id, info, nowIso, unknown);
    hooks.onFailed(job, err);
  });
  return null;
}

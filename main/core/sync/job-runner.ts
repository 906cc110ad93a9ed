// Runs due jobs of one side (the WMS or Acumatica) in queue order. `running` is committed before the effect, so a
// crash leaves evidence. What a failure leads to (retry with backoff, the side taken as down after a few in a row,
// wait for the user's credentials without spending an attempt, fail for the operator with the server's words) is
// decided by the pure failure policy (policy/failure.ts); this module carries the decision out.
import { isCycleTimeUp } from '../acumatica/cycle-time.js';
import type { Clock } from '../clock.js';
import { errorInfo, type AppError } from '../errors.js';
import { decide, defaultFailureLimits, type FailureDecision, type FailureLimits } from '../policy/failure.js';
import type { Job, JobKind, Store } from '../store/index.js';
import type { StepTracker } from './slow-steps.js';

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

/** The part of the job store the runner uses: take due jobs, claim one, and close it one way or another. */
export type JobQueue = Pick<Store['jobs'], 'due' | 'markRunning' | 'complete' | 'retryLater' | 'fail' | 'uncountAttempt' | 'wakeTransientWaits'>;

/** What the runner needs besides the handlers: the queue, a transaction, time, the limits and a few callbacks. */
export interface JobRunnerDeps {
  jobs: JobQueue;
  /** Runs `fn` in one transaction. */
  tx<T>(fn: () => T): T;
  clock: Pick<Clock, 'now'>;
  random: () => number;
  /** Read at each failure, so a settings change applies to the next one. */
  limits: () => FailureLimits;
  /** Any thrown value as an AppError (a SQLite failure as 'storage'). */
  classify: (e: unknown) => AppError;
  /** Registers the running steps (the status shows the slow ones). */
  steps: Pick<StepTracker, 'start' | 'end'>;
  /** Announces the changes recorded so far (called after each job). */
  flush: () => void;
}

/** Kept for the tests that count calls up to it: see FailureLimits.sideDownAfter. */
export const SIDE_DOWN_AFTER = defaultFailureLimits.sideDownAfter;
const STORAGE_WAIT_MS = defaultFailureLimits.storageWaitMs;

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
  deps: JobRunnerDeps,
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
  const nowIso = (): string => new Date(deps.clock.now()).toISOString();
  let woke = false;
  let transientInARow = 0;
  const runStartedIso = nowIso();

  /** Runs one job; returns false when the side must stop. */
  async function runOne(job: Job, handler: JobHandler): Promise<boolean> {
    try {
      // Not waiting any more (another run has it, or it was settled meanwhile): not ours to run.
      if (!deps.jobs.markRunning(job.id, nowIso())) return true;
    } catch (e) {
      // Storage trouble (disk full): nothing was attempted; the side waits and the engine retries later.
      outcome.stoppedBy = deps.classify(e);
      outcome.blockedUntil = deps.clock.now() + STORAGE_WAIT_MS;
      return false;
    }
    let effectStarted = false;
    const step = options.describe?.(job) ?? { ref: null, label: `${job.kind} ${job.subject}` };
    deps.steps.start(String(job.id), step.ref, step.label, deps.clock.now());
    try {
      const finalWrites = await handler(job, () => {
        effectStarted = true;
      });
      deps.tx(() => {
        finalWrites?.();
        deps.jobs.complete(job.id, nowIso());
      });
      outcome.done++;
      transientInARow = 0;
      // It had failed before and now got through: the link is back, so the other waiting steps need not sit out
      // their backoff (they drain now, in queue order).
      if (job.lastError?.kind === 'transient' && deps.jobs.wakeTransientWaits(kinds, deps.clock.now(), runStartedIso) > 0) woke = true;
    } catch (e) {
      const err = deps.classify(e);
      const decision = decide(
        {
          kind: isCycleTimeUp(err) ? 'cycle-time-up' : err.kind,
          attempt: job.attempts + 1,
          transientInARow,
          retryAfterMs: err.retryAfterMs,
          now: deps.clock.now(),
          random: deps.random,
        },
        deps.limits(),
      );
      settle(deps, job, err, decision, effectStarted, hooks);
      if (decision.action === 'leave-for-next-cycle') {
        // The cycle's time ran out mid-step: the side stops for this cycle without being taken as down.
        deps.flush();
        return false;
      }
      if (decision.action === 'retry') transientInARow++;
      if (decision.action === 'fail') outcome.failed++;
      else if (decision.sideDownUntil !== null) {
        outcome.stoppedBy ??= err;
        outcome.blockedUntil = Math.max(outcome.blockedUntil ?? 0, decision.sideDownUntil);
        deps.flush();
        return false;
      }
    } finally {
      deps.steps.end(String(job.id));
    }
    deps.flush();
    return true;
  }

  for (;;) {
    const due = deps.jobs
      .due(deps.clock.now(), batchSize * 2)
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
          outcome.stoppedBy ??= deps.classify(e);
          outcome.blockedUntil = Math.max(outcome.blockedUntil ?? 0, deps.clock.now() + STORAGE_WAIT_MS);
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

/** Records the decision on the job (and, through the hooks, on its order or fulfillment). */
function settle(deps: JobRunnerDeps, job: Job, err: AppError, decision: FailureDecision, effectStarted: boolean, hooks: FailureHooks): void {
  const now = deps.clock.now();
  const nowIso = new Date(now).toISOString();
  const info = errorInfo(err, now);
  // An attempt that may have reached the remote side leaves its outcome unknown: the next one looks first.
  const unknown = job.outcomeUnknown || (effectStarted && err.kind !== 'business');
  switch (decision.action) {
    case 'retry':
      deps.tx(() => {
        deps.jobs.retryLater(job.id, decision.at, { ...info, retryAt: new Date(decision.at).toISOString() }, nowIso, unknown);
        hooks.onRetry(job, err, decision.at);
      });
      return;
    case 'fail':
      deps.tx(() => {
        deps.jobs.fail(job.id, info, nowIso, unknown);
        hooks.onFailed(job, err);
      });
      return;
    case 'leave-for-next-cycle':
    case 'wait-for-credentials':
    case 'wait-for-storage': {
      // Stays due with what it recorded so far; waiting (for the next cycle, the user, the disk) is not an attempt
      // (markRunning counted one).
      const wait = (): void =>
        deps.tx(() => {
          deps.jobs.retryLater(job.id, decision.at, info, nowIso, unknown);
          if (!decision.attemptCounts) deps.jobs.uncountAttempt(job.id);
        });
      if (decision.action !== 'wait-for-storage') return wait();
      // Our own database could not be written (disk full): not the order's fault, so nothing is failed. The note
      // may not be writable either; the job then stays 'running' and the engine recovers it as outcome-unknown
      // (look before acting) at its next cycle.
      try {
        wait();
      } catch {
        // still full
      }
      return;
    }
  }
}

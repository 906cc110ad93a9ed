// One sync cycle: import from Acumatica -> send to the warehouse -> collect what it shipped -> write it back, within
// the cycle's time limit (issue #18). A call while a cycle runs joins that cycle. All state is in the store, so what
// a cycle did not finish stays queued for the next.
import { errorInfo, type AppError } from '../errors.js';
import { cycleDeadlineMs } from '../settings/schema.js';
import { flushChanges, type StepContext } from './context.js';
import type { CycleReport } from './cycle-report.js';
import { importSide, warehouseSide, writebackSide, type CycleScope } from './cycle-steps.js';
import { classifyFailure } from './job-runner-deps.js';
import type { SideHealth } from './side-health.js';
import { PUBLISH_EVERY_MS, publishSlowSteps } from './slow-steps.js';

export type CycleRunner = ReturnType<typeof createCycleRunner>;

export function createCycleRunner(ctx: StepContext, health: SideHealth, isStopping: () => boolean) {
  let running: Promise<CycleReport> | null = null;
  // Set when our own database refused a write (disk full): jobs may be left 'running' without a worker.
  let storageTrouble = false;

  function stoppedBy(err: AppError): void {
    if (err.kind === 'storage') storageTrouble = true;
  }

  /** Classifies a failure; a storage one (disk full) makes the next cycle recover stranded jobs first. */
  function failure(e: unknown): AppError {
    const err = classifyFailure(ctx, e);
    stoppedBy(err);
    return err;
  }

  async function body(): Promise<CycleReport> {
    if (storageTrouble) {
      // Jobs whose result could not be written are left 'running': hand them back (outcome unknown, so each
      // looks before it acts). Only this process runs cycles, so no other worker owns them.
      ctx.store.jobs.recoverInterrupted(ctx.nowIso());
      storageTrouble = false;
    }
    const report: CycleReport = { startedAt: ctx.nowIso(), import: null, sent: null, collected: null, writtenBack: null, errors: [], timeUp: null };
    ctx.store.sideHealth.polled(report.startedAt);
    // Every cycle has a bound (issue #18): when it is up, nothing new starts, every wait of a running call ends, and
    // the unfinished steps stay queued with what they recorded; `run` starts the next cycle right after.
    const limitMs = cycleDeadlineMs(ctx.settings().app);
    // Wall-clock timers, not ctx.clock.sleep: a simulated clock's sleep moves its time forward, and a timer that
    // sleeps on it would push the simulation 40 s ahead at every cycle (found by the fault and long-run tests).
    const timeUp = new AbortController();
    const deadline = setTimeout(() => {
      ctx.logger.debug('sync cycle reached its time limit', { seconds: limitMs / 1000 });
      timeUp.abort();
    }, limitMs);
    const publisher = setInterval(() => {
      try {
        publishSlowSteps(ctx.store, ctx.steps.slow(ctx.clock.now()), ctx.clock.now());
      } catch (e) {
        ctx.logger.debug('could not publish slow steps', { error: e instanceof Error ? e.message : String(e) });
      }
    }, PUBLISH_EVERY_MS);
    publisher.unref();
    ctx.acumatica?.setCycleSignal?.(timeUp.signal);
    const scope: CycleScope = { ctx, health, report, timeUp: timeUp.signal, stop: () => isStopping() || timeUp.signal.aborted, failure, stoppedBy };
    try {
      const importRefusedCredentials = await importSide(scope);
      await warehouseSide(scope);
      await writebackSide(scope, importRefusedCredentials);
    } finally {
      clearTimeout(deadline);
      clearInterval(publisher);
      ctx.acumatica?.setCycleSignal?.(undefined);
      publishSlowSteps(ctx.store, [], ctx.clock.now());
    }
    if (timeUp.signal.aborted) {
      const stepsLeft = ctx.store.jobs.nextDueAt(['send-order', 'cancel-order', 'writeback']) === null ? 0 : countDue();
      report.timeUp = { afterSeconds: Math.round(limitMs / 1000), stepsLeft };
      ctx.logger.info('Sync cycle stopped at its time limit; the rest goes on in the next cycle', report.timeUp);
    }
    flushChanges(ctx);
    ctx.emit('counts.changed', {});
    return report;
  }

  function countDue(): number {
    const row = ctx.store.db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE status IN ('queued', 'needs-retry', 'running')`).get() as { n: number };
    return row.n;
  }

  return {
    /** Runs one cycle now; a call while a cycle runs joins that cycle. */
    run(): Promise<CycleReport> {
      running ??= body()
        .catch((e: unknown) => {
          // A write outside any step failed (disk full): reject with the storage error, not an "unexpected" one.
          throw failure(e);
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    /** The cycle running now, if any. */
    current: (): Promise<CycleReport> | null => running,
    failure,
    /** A cycle that failed outside any step, worded for the log. */
    describeFailure: (e: unknown): string => errorInfo(failure(e)).message,
  };
}

// The sync engine: one cycle = import from Acumatica -> send to the WMS -> collect what the WMS shipped -> write it
// back to Acumatica (plus any retries that are due). The loop runs a cycle on the poll interval or sooner when a
// retry falls due; stop() lets a running step finish. All state is in the store, so a restart goes on where it was.
import type { AcumaticaConnection } from '../acumatica/gateway.js';
import { AppError, errorInfo, type ErrorInfo } from '../errors.js';
import type { WmsConnection } from '../../ipc/views.js';
import { acumaticaConcurrency, cycleDeadlineMs } from '../settings/schema.js';
import { collectStep, type CollectReport } from './collect-step.js';
import { PUBLISH_EVERY_MS, publishSlowSteps } from './slow-steps.js';
import { flushChanges, makeContext, note, type EngineDeps, type StepContext } from './context.js';
import { importStep, type ImportReport } from './import-step.js';
import { classifyFailure, runJobs, type SideOutcome } from './job-runner.js';
import { markResolved, retryAllFailed, retryOrders } from './operator.js';
import { cancelOrderHandler, sendOrderHandler, settleUnknownSends, wmsFailureHooks } from './wms-jobs.js';
import { writebackFailureHooks, writebackHandler } from './writeback-job.js';

export interface CycleReport {
  startedAt: string;
  import: ImportReport | null;
  sent: SideOutcome | null;
  collected: CollectReport | null;
  writtenBack: SideOutcome | null;
  /** Errors that stopped a whole side this cycle (per-order failures are on the orders). */
  errors: { side: 'acumatica' | 'wms'; error: ErrorInfo }[];
  /** Set when the cycle reached its time limit (issue #18): the steps it did not finish stay queued for the next. */
  timeUp: { afterSeconds: number; stepsLeft: number } | null;
}

export const STATUS_KEYS = {
  acumatica: 'status.acumatica',
  wms: 'status.wms',
  lastPollAt: 'poll.lastAt',
  lastSuccessAt: 'poll.lastSuccessAt',
  nextPollAt: 'poll.nextAt',
} as const;

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(deps: EngineDeps) {
  const ctx: StepContext = makeContext(deps);
  const blockedUntil = { wms: 0, acumatica: 0 };
  let running: Promise<CycleReport> | null = null;
  let stopping = false;
  let loop: Promise<void> | null = null;
  let wake = new AbortController();
  // Set when our own database refused a write (disk full): jobs may be left 'running' without a worker.
  let storageTrouble = false;

  const recovered = ctx.store.tx(() => {
    const n = ctx.store.jobs.recoverInterrupted(ctx.nowIso());
    if (n > 0) note(ctx, null, 'recovered', `${n} step(s) were interrupted last time; each looks before it acts again`, 'warn');
    return n;
  });
  if (recovered > 0) ctx.logger.warn('Recovered interrupted jobs', { count: recovered });

  function setWms(conn: WmsConnection): void {
    const before = ctx.store.syncState.get<WmsConnection>(STATUS_KEYS.wms);
    ctx.store.syncState.set(STATUS_KEYS.wms, conn);
    if (before?.state !== conn.state || before.message !== conn.message) ctx.emit('connection.changed', { side: 'wms' });
  }

  function setAcumatica(conn: AcumaticaConnection): void {
    const before = ctx.store.syncState.get<AcumaticaConnection>(STATUS_KEYS.acumatica);
    ctx.store.syncState.set(STATUS_KEYS.acumatica, conn);
    if (before?.state !== conn.state || before.message !== conn.message) ctx.emit('connection.changed', { side: 'acumatica' });
  }

  function wmsStateFor(err: AppError, until: number | null): WmsConnection {
    const adapter = ctx.wms?.name;
    if (err.kind === 'credentials-rejected') return { state: 'credentials-rejected', message: err.message, ...(adapter ? { adapter } : {}) };
    if (err.kind === 'transient') {
      return { state: 'retrying', message: err.message, ...(until ? { retryAt: new Date(until).toISOString() } : {}), ...(adapter ? { adapter } : {}) };
    }
    return { state: 'error', message: err.message, ...(adapter ? { adapter } : {}) };
  }

  /** Classifies a failure; a storage one (disk full) makes the next cycle recover stranded jobs first. */
  function failure(e: unknown): AppError {
    const err = classifyFailure(ctx, e);
    if (err.kind === 'storage') storageTrouble = true;
    return err;
  }

  async function cycleBody(): Promise<CycleReport> {
    if (storageTrouble) {
      // Jobs whose result could not be written are left 'running': hand them back (outcome unknown, so each
      // looks before it acts). Only this process runs cycles, so no other worker owns them.
      ctx.store.jobs.recoverInterrupted(ctx.nowIso());
      storageTrouble = false;
    }
    const report: CycleReport = { startedAt: ctx.nowIso(), import: null, sent: null, collected: null, writtenBack: null, errors: [], timeUp: null };
    ctx.store.syncState.set(STATUS_KEYS.lastPollAt, report.startedAt);
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
    try {
      await sides(report, timeUp.signal);
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

  async function sides(report: CycleReport, timeUpSignal: AbortSignal): Promise<void> {
    const stop = () => stopping || timeUpSignal.aborted;

    let importRefusedCredentials = false;
    if (ctx.acumatica) {
      try {
        report.import = await importStep(ctx, timeUpSignal);
        ctx.store.syncState.set(STATUS_KEYS.lastSuccessAt, ctx.nowIso());
      } catch (e) {
        const info = errorInfo(failure(e), ctx.clock.now());
        importRefusedCredentials = info.kind === 'credentials-rejected';
        report.errors.push({ side: 'acumatica', error: info });
        ctx.logger.warn('Import did not run', { error: info.message });
      }
      flushChanges(ctx);
      setAcumatica(ctx.acumatica.connection());
    }

    if (ctx.wms) {
      let wmsError: AppError | null = null;
      let until: number | null = null;
      if (ctx.clock.now() >= blockedUntil.wms && !stop()) {
        const handlers = { 'send-order': sendOrderHandler(ctx, ctx.wms), 'cancel-order': cancelOrderHandler(ctx, ctx.wms) };
        // Different orders may go at once where the adapter allows it; a send and a cancel of one order never do.
        report.sent = await runJobs(ctx, ['send-order', 'cancel-order'], handlers, wmsFailureHooks(ctx), stop, {
          concurrency: ctx.wms.maxConcurrentSends ?? 1,
          describe: (job) => ({ ref: job.subject, label: `${job.kind === 'cancel-order' ? 'Cancelling' : 'Sending'} ${job.subject} at the warehouse` }),
        });
        if (report.sent.stoppedBy) {
          wmsError = report.sent.stoppedBy;
          if (wmsError.kind === 'storage') storageTrouble = true;
          until = report.sent.blockedUntil;
          blockedUntil.wms = until ?? 0;
        }
      }
      if (!stop()) {
        try {
          if (await settleUnknownSends(ctx, ctx.wms)) report.collected = await collectStep(ctx);
          else wmsError ??= new AppError('transient', 'The warehouse could not be asked about an interrupted send; collecting waits for it.');
          flushChanges(ctx);
        } catch (e) {
          wmsError = failure(e);
          ctx.logger.warn('Collecting from the warehouse failed', { error: wmsError.message });
        }
      }
      if (wmsError) report.errors.push({ side: 'wms', error: errorInfo(wmsError, ctx.clock.now()) });
      setWms(wmsError ? wmsStateFor(wmsError, until) : { state: 'connected', message: 'Connected', adapter: ctx.wms.name });
    }

    // Fix (found by the CLI e2e credential-lapse test): when the import was just refused for credentials, a write-back
    // can only be refused too, and that parks every due write-back for a minute in the database; a fresh
    // `sync --once` after the user fixed the secret then imported but wrote nothing back. Skip the side this cycle.
    if (ctx.acumatica && !stop() && !importRefusedCredentials && ctx.clock.now() >= blockedUntil.acumatica) {
      const acu = ctx.settings().acumatica;
      report.writtenBack = await runJobs(ctx, ['writeback'], { writeback: writebackHandler(ctx, ctx.acumatica) }, writebackFailureHooks(ctx), stop, {
        // Write-backs are independent across orders: as many at once as the session takes (1 unless it has
        // concurrent access); two shipments of one order never at the same time.
        concurrency: acu ? acumaticaConcurrency(acu) : 1,
        groupOf: (job) => ctx.store.fulfillments.get(job.subject)?.orderRef ?? job.subject,
        describe: (job) => {
          const ref = ctx.store.fulfillments.get(job.subject)?.orderRef ?? null;
          return { ref, label: `Writing back ${ref ?? job.subject} to Acumatica` };
        },
      });
      if (report.writtenBack.stoppedBy) {
        if (report.writtenBack.stoppedBy.kind === 'storage') storageTrouble = true;
        blockedUntil.acumatica = report.writtenBack.blockedUntil ?? 0;
        report.errors.push({ side: 'acumatica', error: errorInfo(report.writtenBack.stoppedBy, ctx.clock.now()) });
      }
      setAcumatica(ctx.acumatica.connection());
    }
  }

  /** Runs one cycle now; a call while a cycle runs joins that cycle. */
  function runCycle(): Promise<CycleReport> {
    if (!running) {
      running = cycleBody()
        .catch((e: unknown) => {
          // A write outside any step failed (disk full): reject with the storage error, not an "unexpected" one.
          throw failure(e);
        })
        .finally(() => {
        running = null;
      });
    }
    return running;
  }

  function nextWakeAt(): number {
    const now = ctx.clock.now();
    const candidates = [now + ctx.settings().app.pollIntervalSeconds * 1000];
    const sides = [
      { kinds: ['send-order', 'cancel-order'] as const, blocked: blockedUntil.wms },
      { kinds: ['writeback'] as const, blocked: blockedUntil.acumatica },
    ];
    for (const side of sides) {
      const due = ctx.store.jobs.nextDueAt([...side.kinds]);
      if (due !== null) candidates.push(Math.max(due, side.blocked));
    }
    return Math.max(Math.min(...candidates), now + 1000);
  }

  async function runLoop(): Promise<void> {
    while (!stopping) {
      if (!ctx.settings().app.paused) {
        try {
          await runCycle();
        } catch (e) {
          ctx.logger.error('Sync cycle failed', { error: errorInfo(failure(e)).message });
        }
      }
      if (stopping) break;
      const at = nextWakeAt();
      ctx.store.syncState.set(STATUS_KEYS.nextPollAt, new Date(at).toISOString());
      wake = new AbortController();
      await ctx.clock.sleep(at - ctx.clock.now(), wake.signal);
    }
  }

  return {
    context: ctx,
    runCycle,
    /** Starts the loop (idempotent). */
    start(): void {
      stopping = false;
      loop ??= runLoop().finally(() => {
        loop = null;
      });
    },
    /** Runs a cycle as soon as possible (wakes the loop, or runs one when the loop is not started). */
    syncNow(): boolean {
      if (loop) {
        wake.abort();
        return true;
      }
      void runCycle().catch(() => undefined);
      return true;
    },
    /** Graceful: the running step finishes, nothing new starts. */
    async stop(): Promise<void> {
      stopping = true;
      wake.abort();
      await running?.catch(() => undefined);
      await loop;
    },
    isRunning: () => running !== null,
    /** The user saved new credentials: whatever waited for them goes again now. */
    credentialsChanged(): void {
      blockedUntil.wms = 0;
      blockedUntil.acumatica = 0;
      ctx.store.jobs.wakeCredentialWaits(ctx.clock.now());
      if (loop) wake.abort();
    },
    retry: (refs: string[]) => finish(retryOrders(ctx, refs)),
    retryAllFailed: (only?: Parameters<typeof retryAllFailed>[1]) => finish(retryAllFailed(ctx, only)),
    markResolved: (refs: string[]) => finish(markResolved(ctx, refs)),
  };

  function finish(n: number): number {
    flushChanges(ctx);
    if (loop) wake.abort();
    return n;
  }
}

// The sides of one cycle, in order: import from Acumatica, send to the warehouse and collect what it shipped, write
// the shipments back to Acumatica. Each records what stopped it in the report and the side's health; per-order
// failures are on the orders.
import { AppError, errorInfo } from '../errors.js';
import { acumaticaConcurrency } from '../settings/schema.js';
import { collectStep } from './collect-step.js';
import { flushChanges, type StepContext } from './context.js';
import type { CycleReport } from './cycle-report.js';
import { importStep } from './import-step.js';
import { jobRunnerDeps } from './job-runner-deps.js';
import { runJobs } from './job-runner.js';
import { wmsConnection, type SideHealth } from './side-health.js';
import { cancelOrderHandler, sendOrderHandler, settleUnknownSends, wmsFailureHooks } from './wms-jobs.js';
import { writebackFailureHooks, writebackHandler } from './writeback-job.js';

/** What the steps of one cycle share. */
export interface CycleScope {
  ctx: StepContext;
  health: SideHealth;
  report: CycleReport;
  /** Aborts when the cycle's time is up: every wait of a running call ends. */
  timeUp: AbortSignal;
  /** True once nothing new may start (the engine stops, or the time is up). */
  stop: () => boolean;
  /** Classifies a failure; a storage one makes the next cycle recover stranded jobs first. */
  failure: (e: unknown) => AppError;
  /** Notes an error that stopped a side: a storage one makes the next cycle recover stranded jobs first. */
  stoppedBy: (err: AppError) => void;
}

/** Imports from Acumatica; returns true when it was refused for credentials. */
export async function importSide(s: CycleScope): Promise<boolean> {
  const { ctx, report } = s;
  if (!ctx.acumatica) return false;
  let refusedCredentials = false;
  try {
    report.import = await importStep(ctx, s.timeUp);
    ctx.store.sideHealth.succeeded(ctx.nowIso());
  } catch (e) {
    const info = errorInfo(s.failure(e), ctx.clock.now());
    refusedCredentials = info.kind === 'credentials-rejected';
    report.errors.push({ side: 'acumatica', error: info });
    ctx.logger.warn('Import did not run', { error: info.message });
  }
  flushChanges(ctx);
  s.health.report('acumatica', ctx.acumatica.connection());
  return refusedCredentials;
}

/** Sends (and cancels) at the warehouse, then collects what it shipped. */
export async function warehouseSide(s: CycleScope): Promise<void> {
  const { ctx, report } = s;
  const wms = ctx.wms;
  if (!wms) return;
  let wmsError: AppError | null = null;
  let until: number | null = null;
  if (s.health.isOpen('wms') && !s.stop()) {
    const handlers = { 'send-order': sendOrderHandler(ctx, wms), 'cancel-order': cancelOrderHandler(ctx, wms) };
    // Different orders may go at once where the adapter allows it; a send and a cancel of one order never do.
    report.sent = await runJobs(jobRunnerDeps(ctx), ['send-order', 'cancel-order'], handlers, wmsFailureHooks(ctx), s.stop, {
      concurrency: wms.maxConcurrentSends ?? 1,
      describe: (job) => ({ ref: job.subject, label: `${job.kind === 'cancel-order' ? 'Cancelling' : 'Sending'} ${job.subject} at the warehouse` }),
    });
    if (report.sent.stoppedBy) {
      wmsError = report.sent.stoppedBy;
      s.stoppedBy(wmsError);
      until = report.sent.blockedUntil;
      s.health.block('wms', until);
    }
  }
  if (!s.stop()) {
    try {
      if (await settleUnknownSends(ctx, wms)) report.collected = await collectStep(ctx);
      else wmsError ??= new AppError('transient', 'The warehouse could not be asked about an interrupted send; collecting waits for it.');
      flushChanges(ctx);
    } catch (e) {
      wmsError = s.failure(e);
      ctx.logger.warn('Collecting from the warehouse failed', { error: wmsError.message });
    }
  }
  if (wmsError) report.errors.push({ side: 'wms', error: errorInfo(wmsError, ctx.clock.now()) });
  s.health.report('wms', wmsConnection(wms.name, wmsError, until));
}

/** Writes the shipments back to Acumatica. */
export async function writebackSide(s: CycleScope, importRefusedCredentials: boolean): Promise<void> {
  const { ctx, report } = s;
  const gateway = ctx.acumatica;
  // Fix (found by the CLI e2e credential-lapse test): when the import was just refused for credentials, a write-back
  // can only be refused too, and that parks every due write-back for a minute in the database; a fresh
  // `sync --once` after the user fixed the secret then imported but wrote nothing back. Skip the side this cycle.
  if (!gateway || s.stop() || importRefusedCredentials || !s.health.isOpen('acumatica')) return;
  const acu = ctx.settings().acumatica;
  report.writtenBack = await runJobs(jobRunnerDeps(ctx), ['writeback'], { writeback: writebackHandler(ctx, gateway) }, writebackFailureHooks(ctx), s.stop, {
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
    s.stoppedBy(report.writtenBack.stoppedBy);
    s.health.block('acumatica', report.writtenBack.blockedUntil);
    report.errors.push({ side: 'acumatica', error: errorInfo(report.writtenBack.stoppedBy, ctx.clock.now()) });
  }
  s.health.report('acumatica', gateway.connection());
}

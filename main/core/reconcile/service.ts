// Reconciliation for the shells: one run at a time (a second request joins the running one), progress and the
// end announced as events, the last report read back from the database, actions applied through the engine.
import { errorInfo } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { applyReconcileAction, type ActionRequest } from './actions.js';
import { lastReport, type ReconcileReport } from './report.js';
import { runReconciliation } from './run.js';

export interface ReconcileService {
  /** Starts a run in the background (or joins the running one); the end comes as 'reconcile.finished'. */
  start(since?: string): { started: boolean };
  /** Runs to the end and returns the report (the CLI, the schedule). */
  run(since?: string, signal?: AbortSignal): Promise<ReconcileReport>;
  isRunning(): boolean;
  last(): ReconcileReport | null;
  apply(req: ActionRequest): Promise<{ message: string }>;
  /** Stops a running reconciliation at its next page (it resumes next time) and waits for it. */
  stop(): Promise<void>;
}

export function createReconcileService(rt: Runtime): ReconcileService {
  const emit = rt.emit;
  let running: Promise<ReconcileReport> | null = null;
  const stopping = new AbortController();

  function run(since?: string, signal?: AbortSignal): Promise<ReconcileReport> {
    running ??= runReconciliation(
      {
        store: rt.store,
        acumatica: rt.acumatica(),
        wms: rt.wms(),
        settings: () => rt.settingsNow(),
        clock: rt.clock,
        logger: rt.logger.child({ module: 'reconcile' }),
        onProgress: (p) => emit('reconcile.progress', p),
      },
      { ...(since ? { since } : {}), signal: signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal },
    )
      .then((report) => {
        emit('reconcile.finished', { runId: report.runId, ok: true, discrepancies: report.discrepancies.length });
        return report;
      })
      .catch((e: unknown) => {
        emit('reconcile.finished', { runId: null, ok: false, discrepancies: 0, error: errorInfo(e) });
        throw e;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    start(since) {
      const already = running !== null;
      void run(since).catch((e: unknown) => rt.logger.warn('Reconciliation did not finish', { error: errorInfo(e).message }));
      return { started: !already };
    },
    run,
    isRunning: () => running !== null,
    last: () => lastReport(rt.store),
    async stop() {
      stopping.abort();
      await running?.catch(() => undefined);
    },
    async apply(req) {
      const message = await applyReconcileAction(rt.engine.context, req);
      rt.engine.syncNow();
      return { message };
    },
  };
}

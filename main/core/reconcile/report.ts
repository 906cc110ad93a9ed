// The outcome of a reconciliation run as the CLI, the UI and the CSV export show it.
import type { Store } from '../store/index.js';
import { DISCREPANCY_KINDS, type Discrepancy, type DiscrepancyKind } from './views.js';

export interface ReconcileReport {
  runId: number;
  since: string;
  startedAt: string;
  finishedAt: string;
  /** The warehouse answered during this run. */
  warehouseLive: boolean;
  /** Why the warehouse side is "what was last seen" (null when it answered). */
  warehouseNote: string | null;
  acumaticaRequests: number;
  ordersCompared: number;
  /** Discrepancies found again that an operator had marked resolved (not listed). */
  resolvedHidden: number;
  counts: Record<DiscrepancyKind, number>;
  discrepancies: Discrepancy[];
}

export function summarise(r: Omit<ReconcileReport, 'counts'>): ReconcileReport {
  const counts = Object.fromEntries(DISCREPANCY_KINDS.map((k) => [k, 0])) as Record<DiscrepancyKind, number>;
  for (const d of r.discrepancies) counts[d.kind]++;
  return { ...r, counts };
}

/** Acumatica requests per 1,000 orders compared (the budget figure in docs/BENCHMARKS.md). */
export function requestsPerThousand(r: Pick<ReconcileReport, 'acumaticaRequests' | 'ordersCompared'>): number {
  return r.ordersCompared === 0 ? 0 : (r.acumaticaRequests * 1000) / r.ordersCompared;
}

/** The newest finished run as a report (its discrepancies from the results table), or null before the first. */
export function lastReport(store: Store): ReconcileReport | null {
  const run = store.reconcile.lastFinished();
  if (!run) return null;
  if (run.status === 'failed' || !run.summary) return null;
  const summary = run.summary as Omit<ReconcileReport, 'discrepancies'>;
  return { ...summary, discrepancies: store.reconcile.results<Discrepancy>(run.id) };
}

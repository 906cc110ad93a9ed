// What the UI sees of reconciliation: the core's own types, named here so the renderer imports only from main/ipc.
export type { ReconcileReport } from '../core/reconcile/report.js';
export type { ReconcileProgress } from '../core/reconcile/run.js';
export type {
  AcumaticaSide,
  Discrepancy,
  DiscrepancyKind,
  DropStreamView,
  ReconcileAction,
  WarehouseOrderView,
} from '../core/reconcile/views.js';
export { DISCREPANCY_KINDS, KIND_LABELS, RECONCILE_ACTIONS } from '../core/reconcile/views.js';
import type { ErrorInfo } from '../core/errors.js';

/** The end of a run: how many discrepancies, or why it stopped. */
export interface ReconcileFinished {
  runId: number | null;
  ok: boolean;
  discrepancies: number;
  error?: ErrorInfo;
}

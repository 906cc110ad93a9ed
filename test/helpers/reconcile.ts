// Running a reconciliation over a round trip (real SQLite file, Acumatica double, the adapter as the app builds it)
// and the planting helpers the reconciliation tests share.
import { systemClock } from '../../main/core/clock.js';
import { silentLogger } from '../../main/core/log/logger.js';
import { runReconciliation, type ReconcileProgress } from '../../main/core/reconcile/run.js';
import type { ReconcileReport } from '../../main/core/reconcile/report.js';
import type { Store } from '../../main/core/store/index.js';
import { importStep } from '../../main/core/sync/import-step.js';
import type { Engine } from '../../main/core/sync/engine.js';
import type { AcumaticaGateway } from '../../main/core/acumatica/gateway.js';
import type { Settings } from '../../main/core/settings/schema.js';
import type { WmsAdapter } from '../../main/core/wms/adapter.js';
import type { AcumaticaDouble } from '../fakes/acumatica/index.js';

export interface Reconcilable {
  store: Store;
  gateway: AcumaticaGateway;
  settings: Settings;
  adapter?: WmsAdapter;
  wms?: WmsAdapter;
}

export function reconcile(
  rt: Reconcilable,
  opts: { since?: string; signal?: AbortSignal; onProgress?: (p: ReconcileProgress) => void } = {},
): Promise<ReconcileReport> {
  const { onProgress, ...rest } = opts;
  return runReconciliation(
    { store: rt.store, acumatica: rt.gateway, wms: rt.adapter ?? rt.wms ?? null, settings: () => rt.settings, clock: systemClock, logger: silentLogger, ...(onProgress ? { onProgress } : {}) },
    rest,
  );
}

/** "ref kind" pairs, sorted: what a test compares against the planted discrepancies. */
export function found(report: ReconcileReport): string[] {
  return report.discrepancies.map((d) => `${d.reference} ${d.kind}`).sort();
}

/** Imports from Acumatica without sending anything, then drops the send job: known to DropStream, never sent. */
export async function importWithoutSending(engine: Engine, store: Store, ref: string): Promise<void> {
  await importStep(engine.context);
  const job = store.jobs.open('send-order', ref);
  if (!job) throw new Error(`no send job for ${ref}`);
  store.jobs.cancel(job.id, new Date().toISOString());
}

/** A sales-order line of `qty` WIDGET-BLUE, open in full. */
export const widgetLine = (qty: number) => ({ InventoryID: 'WIDGET-BLUE', OrderQty: qty, OpenQty: qty, LineType: 'Goods for Inventory' });

/** Enters an open sales order of `qty` WIDGET-BLUE in the Acumatica double; returns its reference (TYPE-NBR). */
export function plantOrder(double: AcumaticaDouble, qty: number): string {
  const so = double.addSalesOrder({ Details: [widgetLine(qty)] });
  return `${so.OrderType}-${so.OrderNbr}`;
}

// A reconciliation run: reads Acumatica page by page (read-only, through the client's rate limiter), asks the
// warehouse what it knows (or falls back to what DropStream last saw of it), reads DropStream's own records, and
// compares. Every page read is stored with the run's position, so a run interrupted by a crash or a stop goes on
// from the next page instead of starting over.
import type { AcumaticaDocView, AcumaticaShipmentView } from '../acumatica/reconcile-read.js';
import { AppError, toAppError } from '../errors.js';
import type { ReconcilePhase, ReconcileRunRecord } from '../store/reconcile-repo.js';
import { isoNow, type RunParts } from '../sync/context.js';
import { knownOrder } from '../sync/shipped.js';
import type { WarehouseOrderView } from '../wms/listing.js';
import { compareViews } from './compare.js';
import { dropStreamView, lastSeenWarehouse } from './dropstream-view.js';
import { summarise, type ReconcileReport } from './report.js';
import type { AcumaticaSide, DropStreamView } from './views.js';

export const DEFAULT_PERIOD_DAYS = 30;
export const WAREHOUSE_OFFLINE_NOTE = 'warehouse not reachable: compared with what was last seen';
export const WAREHOUSE_CANNOT_LIST_NOTE = 'this warehouse cannot list its orders: compared with what was last seen';

export interface ReconcileProgress {
  runId: number;
  phase: ReconcilePhase;
  /** Records read so far in this phase. */
  done: number;
}

/** The same parts the sync engine works with (sync/context.ts), and where progress goes. */
export interface ReconcileDeps extends RunParts {
  onProgress?: (p: ReconcileProgress) => void;
}

export interface ReconcileOptions {
  /** ISO date or time; default: 30 days before now. */
  since?: string;
  signal?: AbortSignal;
}

/** The start of the default period. */
export function defaultSince(now: number): string {
  return new Date(now - DEFAULT_PERIOD_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** Resumes an unfinished run of the same period, or starts a new one, and runs it to the end. */
export async function runReconciliation(deps: ReconcileDeps, opts: ReconcileOptions = {}): Promise<ReconcileReport> {
  const { store, clock } = deps;
  const gateway = deps.acumatica;
  const reader = gateway?.reconcileReader?.();
  if (!gateway || !reader) throw new AppError('config', 'Acumatica is not set up: connect it in Settings before reconciling.');
  const since = opts.since ?? defaultSince(clock.now());
  if (Number.isNaN(Date.parse(since))) throw new AppError('config', `"${since}" is not a date: give the period start as YYYY-MM-DD.`);
  const nowIso = isoNow(clock);
  const open = store.reconcile.unfinished();
  const run: ReconcileRunRecord = open && open.since === since ? open : store.reconcile.start(since, nowIso());
  if (open && open.id !== run.id) store.reconcile.fail(open.id, 'Superseded by a run of another period.', nowIso());
  if (run.id === open?.id) deps.logger.info('Resuming reconciliation', { runId: run.id, phase: run.phase, cursor: run.cursor });

  const stopCheck = (): void => {
    if (opts.signal?.aborted) throw new AppError('transient', 'Reconciliation was stopped; the next run goes on where it stopped.');
  };
  try {
    let phase = run.phase;
    let cursor = run.cursor;
    const progress = (done: number): void => deps.onProgress?.({ runId: run.id, phase, done });

    // Acumatica, page by page; each page and the position after it commit together.
    const pagePhases: { phase: 'documents' | 'shipments'; next: ReconcilePhase }[] = [
      { phase: 'documents', next: 'shipments' },
      { phase: 'shipments', next: 'lookups' },
    ];
    for (const step of pagePhases) {
      if (phase !== step.phase) continue;
      let done = cursor;
      for (;;) {
        stopCheck();
        const before = gateway.requestCount();
        const page = step.phase === 'documents' ? await reader.documents(since, cursor) : await reader.shipments(since, cursor);
        const cost = gateway.requestCount() - before;
        const entries = page.items.map((v) => ({ key: 'ref' in v ? v.ref : v.shipmentNbr, view: v }));
        const nextPhase = page.next === null ? step.next : step.phase;
        const nextCursor = page.next ?? 0;
        store.tx(() => {
          store.reconcile.saveSeen(run.id, step.phase === 'documents' ? 'document' : 'shipment', entries);
          store.reconcile.advance(run.id, nextPhase, nextCursor, cost);
        });
        done += page.items.length;
        progress(done);
        phase = nextPhase;
        cursor = nextCursor;
        if (page.next === null) break;
      }
    }

    // DropStream's side: every order of the period and every order either remote side mentioned.
    const documents = store.reconcile.seen<AcumaticaDocView>(run.id, 'document');
    const refs = new Set([...store.reconcile.orderRefsInPeriod(since), ...documents.map((d) => d.ref)]);
    const dropstream = new Map<string, DropStreamView>();
    for (const ref of refs) {
      const rec = store.orders.get(ref);
      if (rec) dropstream.set(ref, dropStreamView(store, rec));
    }

    // Shipments DropStream wrote that the period's list did not hold: looked up one by one (few, usually none).
    const shipments = new Map(store.reconcile.seen<AcumaticaShipmentView>(run.id, 'shipment').map((s) => [s.shipmentNbr, s]));
    const missing = new Set<string>();
    if (phase === 'lookups') {
      const wanted = [...dropstream.values()].flatMap((d) => d.fulfillments.flatMap((f) => (f.state === 'written' && f.shipmentNbr ? [f.shipmentNbr] : [])));
      for (const nbr of new Set(wanted)) {
        if (shipments.has(nbr)) continue;
        stopCheck();
        const before = gateway.requestCount();
        const found = await reader.shipment(nbr);
        if (found) shipments.set(nbr, found);
        else missing.add(nbr);
        store.reconcile.advance(run.id, 'lookups', 0, gateway.requestCount() - before);
      }
      phase = 'warehouse';
    }

    // The warehouse, live if it answers, else what DropStream last saw of it.
    const lookup = (ref: string) => knownOrder(store, ref);
    let warehouseLive = false;
    let warehouseNote: string | null = null;
    const warehouse = new Map<string, WarehouseOrderView>();
    phase = 'warehouse';
    progress(0);
    if (deps.wms?.listOrders) {
      try {
        stopCheck();
        const listed = await deps.wms.listOrders({ since, refs: [...new Set([...refs, ...dropstream.keys()])], lookup });
        for (const w of listed) warehouse.set(w.orderRef, w);
        warehouseLive = true;
      } catch (e) {
        const err = toAppError(e);
        if (err.kind === 'storage') throw err;
        deps.logger.warn('Warehouse not reachable for reconciliation', { error: err.message });
        warehouseNote = `${WAREHOUSE_OFFLINE_NOTE} (${err.message})`;
      }
    } else {
      warehouseNote = deps.wms ? WAREHOUSE_CANNOT_LIST_NOTE : 'no warehouse is set up: compared with what was last seen';
    }
    if (!warehouseLive) {
      for (const d of dropstream.values()) {
        const seen = lastSeenWarehouse(d);
        if (seen) warehouse.set(d.ref, seen);
      }
    }

    const acumatica = new Map<string, AcumaticaSide>();
    const sideOf = (ref: string): AcumaticaSide => {
      let side = acumatica.get(ref);
      if (!side) acumatica.set(ref, (side = { document: null, shipments: [], missingShipments: [] }));
      return side;
    };
    for (const doc of documents) sideOf(doc.ref).document = doc;
    for (const d of dropstream.values()) {
      const nbrs = new Set([...(acumatica.get(d.ref)?.document?.shipmentNbrs ?? []), ...d.fulfillments.flatMap((f) => (f.shipmentNbr ? [f.shipmentNbr] : []))]);
      if (nbrs.size === 0) continue;
      const side = sideOf(d.ref);
      for (const nbr of nbrs) {
        const sh = shipments.get(nbr);
        if (sh) side.shipments.push(sh);
        else if (missing.has(nbr)) side.missingShipments.push(nbr);
      }
    }

    phase = 'compare';
    const settings = deps.settings();
    const found = compareViews({ acumatica, warehouse, dropstream, warehouseLive, openStatuses: settings.acumatica?.statuses ?? ['Open'] });
    const resolved = new Map(store.reconcile.resolutions().map((r) => [`${r.ref}\u0000${r.kind}`, r.detail]));
    const discrepancies = found.filter((f) => resolved.get(`${f.reference}\u0000${f.kind}`) !== f.detail);
    const finishedAt = nowIso();
    const requests = (store.reconcile.get(run.id)?.acumaticaRequests ?? 0);
    const report = summarise({
      runId: run.id,
      since,
      startedAt: run.startedAt,
      finishedAt,
      warehouseLive,
      warehouseNote,
      acumaticaRequests: requests,
      ordersCompared: new Set([...acumatica.keys(), ...dropstream.keys(), ...warehouse.keys()]).size,
      resolvedHidden: found.length - discrepancies.length,
      discrepancies,
    });
    store.tx(() =>
      store.reconcile.finish(
        run.id,
        discrepancies.map((d) => ({ ref: d.reference, kind: d.kind, discrepancy: d })),
        { ...report, discrepancies: undefined },
        warehouseLive,
        finishedAt,
      ),
    );
    deps.onProgress?.({ runId: run.id, phase: 'done', done: report.ordersCompared });
    return report;
  } catch (e) {
    const err = toAppError(e);
    // A stop or a transient failure leaves the run open to resume; anything else closes it with the reason.
    if (err.kind !== 'transient' && err.kind !== 'storage') store.reconcile.fail(run.id, err.message, nowIso());
    throw err;
  }
}

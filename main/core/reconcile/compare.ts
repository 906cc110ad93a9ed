// The three-way comparison itself, pure: three views in, discrepancies out. Matching is by order reference. Each
// rule names the kind and the actions that settle it; an order may show under more than one kind.
import { statusMeaning } from '../domain/statuses.js';
import type { AcumaticaSide, Discrepancy, DiscrepancyKind, DropStreamView, ReconcileAction, ThreeViews, WarehouseOrderView } from './views.js';

const EPSILON = 1e-9;
const lower = (s: string): string => s.trim().toLowerCase();

/** Orders DropStream has settled or that never concern the warehouse. */
const CLOSED_STATES = new Set(['cancelled', 'done']);

export function compareViews(views: ThreeViews): Discrepancy[] {
  const refs = new Set<string>([...views.acumatica.keys(), ...views.dropstream.keys(), ...views.warehouse.keys()]);
  const out: Discrepancy[] = [];
  for (const ref of [...refs].sort()) out.push(...compareOne(ref, views));
  return out;
}

function compareOne(ref: string, views: ThreeViews): Discrepancy[] {
  const a = views.acumatica.get(ref) ?? null;
  const d = views.dropstream.get(ref) ?? null;
  const w = views.warehouse.get(ref) ?? null;
  const found: Discrepancy[] = [];
  const add = (kind: DiscrepancyKind, detail: string, actions: ReconcileAction[]): void => {
    found.push({ kind, reference: ref, detail, acumatica: a, warehouse: w, dropstream: d, actions: [...actions, 'mark-resolved'] });
  };
  const doc = a?.document ?? null;
  const meaning = doc ? (doc.heldReason ? 'open' : statusMeaning(doc.status, views.openStatuses)) : null;

  // 1. Acumatica expects it shipped; DropStream never heard of it (filtered out, imported while the app was off…).
  if (doc && meaning === 'open' && !d) {
    add('unknown-to-dropstream', `Acumatica has ${ref} ${doc.status || 'open'}, DropStream has no record of it.`, ['re-read']);
  }
  if (!d) {
    if (w && w.status === 'shipped' && meaning === 'cancelled') add('cancelled-but-shipped', `Cancelled in Acumatica, yet the warehouse reports it shipped.`, ['re-read']);
    return found;
  }

  // 2. Known, not closed, never sent, and Acumatica still wants it (or DropStream is all it knows).
  if (!d.sent && !CLOSED_STATES.has(d.state) && (meaning === null || meaning === 'open')) {
    add('never-sent', `DropStream has it ${d.state}${d.attention ? ` (${d.attention})` : ''}; it never went to the warehouse.`, ['send-now']);
  }

  // 3. Sent, but the warehouse (asked now) does not know it.
  if (d.sent && views.warehouseLive && !w && d.state !== 'cancelled') {
    add('unknown-at-warehouse', `DropStream sent it${d.wmsRef ? ` as ${d.wmsRef}` : ''}; the warehouse does not know it.`, ['send-now']);
  }

  const cancelled = meaning === 'cancelled';
  const warehouseShipped = w?.status === 'shipped' || d.fulfillments.length > 0;

  // 6. Cancelled in Acumatica, shipped all the same.
  if (cancelled && warehouseShipped) {
    add('cancelled-but-shipped', `Acumatica has it ${doc?.status ?? 'cancelled'}, yet the warehouse shipped it.`, ['re-read']);
  }

  // 4. The warehouse shipped something Acumatica has not been told about.
  if (!cancelled) {
    const recorded = new Set(d.fulfillments.flatMap((f) => f.trackingNumbers.map(lower)));
    const unrecorded = (w?.trackingNumbers ?? []).filter((t) => !recorded.has(lower(t)));
    const unwritten = d.fulfillments.filter((f) => f.state !== 'written');
    if (unrecorded.length > 0 || unwritten.length > 0) {
      const parts = [
        unrecorded.length ? `the warehouse reports tracking ${unrecorded.join(', ')} that DropStream never recorded` : '',
        unwritten.length ? `${unwritten.length} shipment(s) recorded but not written back (${unwritten.map((f) => f.state).join(', ')})` : '',
      ].filter(Boolean);
      add('shipped-not-written-back', `${capitalise(parts.join('; '))}.`, ['write-back-now']);
    }
  }

  // 5 and 7 need Acumatica's side of the shipments DropStream wrote.
  if (a) writebackChecks(ref, a, w, d, add);
  return found;
}

function writebackChecks(
  ref: string,
  a: AcumaticaSide,
  w: WarehouseOrderView | null,
  d: DropStreamView,
  add: (kind: DiscrepancyKind, detail: string, actions: ReconcileAction[]) => void,
): void {
  const byNbr = new Map(a.shipments.map((s) => [s.shipmentNbr, s]));
  const problems: string[] = [];
  let gone = false;
  for (const f of d.fulfillments) {
    if (f.state !== 'written' || !f.shipmentNbr) continue;
    const sh = byNbr.get(f.shipmentNbr);
    if (!sh) {
      problems.push(`Shipment ${f.shipmentNbr} is not in Acumatica`);
      gone = true;
      continue;
    }
    const have = new Set(sh.trackingNumbers.map(lower));
    const missing = f.trackingNumbers.filter((t) => !have.has(lower(t)));
    if (missing.length) problems.push(`Shipment ${f.shipmentNbr} lacks tracking ${missing.join(', ')}`);
    else if (sh.packageCount < f.packageCount) problems.push(`Shipment ${f.shipmentNbr} has ${sh.packageCount} package(s), the warehouse shipped ${f.packageCount}`);
  }
  // Writing again is offered only for a shipment that is gone: over one that exists it would post packages twice.
  if (problems.length) add('writeback-differs', `${problems.join('; ')}.`, gone ? ['write-back-now', 're-read'] : ['re-read']);

  // Quantities: what DropStream wrote per line against what Acumatica's shipments of this order hold.
  const written = d.fulfillments.filter((f) => f.state === 'written' && f.shipmentNbr && byNbr.has(f.shipmentNbr));
  const differs: string[] = [];
  if (written.length > 0) {
    const inAcumatica: Record<string, number> = {};
    for (const nbr of new Set(written.map((f) => f.shipmentNbr!))) {
      for (const [line, q] of Object.entries(byNbr.get(nbr)?.shippedByLine[ref] ?? {})) inAcumatica[line] = (inAcumatica[line] ?? 0) + q;
    }
    for (const line of new Set([...Object.keys(inAcumatica), ...Object.keys(d.writtenByLine)])) {
      const want = d.writtenByLine[line] ?? 0;
      const have = inAcumatica[line] ?? 0;
      if (Math.abs(want - have) > EPSILON) differs.push(`line ${line}: warehouse shipped ${want}, Acumatica has ${have}`);
    }
  }
  // The warehouse's own count against what it reported to DropStream (warehouse units on both sides).
  if (w && w.shippedUnits !== null && d.fulfillments.length > 0) {
    const reported = d.fulfillments.reduce((n, f) => n + f.units, 0);
    if (Math.abs(reported - w.shippedUnits) > EPSILON) differs.push(`the warehouse reports ${w.shippedUnits} unit(s) shipped, DropStream recorded ${reported}`);
  }
  if (differs.length) add('quantity-differs', `${capitalise(differs.join('; '))}.`, ['re-read']);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// What the warehouse has shipped of an order so far, read from the store, in warehouse terms (as sent) and in Acumatica
// terms. The pure rules are in domain/shipped.ts.
import { cancelsRemainder } from '../acumatica/plan.js';
import { packageKey } from '../domain/index.js';
import type { OrderRecord, Store } from '../store/index.js';
import type { KnownOrder } from '../wms/adapter.js';
import { toAcumaticaTerms } from '../domain/sku-mapping.js';

/** Shipped quantity per sent line ref, over every fulfillment recorded for the order. */
export function shippedWmsByLine(store: Store, ref: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of store.fulfillments.forOrder(ref)) {
    for (const l of f.fulfillment.lines) out[l.lineRef] = (out[l.lineRef] ?? 0) + l.quantity;
  }
  return out;
}

/** Shipped quantity per Acumatica line, over the fulfillments already written back. */
export function writtenBackByLine(store: Store, rec: OrderRecord): Record<string, number> {
  const out: Record<string, number> = {};
  if (!rec.order) return out;
  for (const f of store.fulfillments.forOrder(rec.ref)) {
    if (f.state !== 'written') continue;
    const acu = toAcumaticaTerms(f.fulfillment, rec.sent ?? rec.order);
    for (const l of acu.lines) out[l.lineRef] = (out[l.lineRef] ?? 0) + l.quantity;
  }
  return out;
}

/**
 * Everything the warehouse was asked for has been reported shipped. A line with the Shipping Rule "Cancel Remainder"
 * is done once some of it shipped: Acumatica cancels the rest on that shipment, so it is not waited for.
 */
export function fullyShipped(store: Store, rec: OrderRecord): boolean {
  if (!rec.sent) return false;
  const shipped = shippedWmsByLine(store, rec.ref);
  return rec.sent.lines.every((l) => (shipped[l.lineRef] ?? 0) + 1e-9 >= l.quantity || (cancelsRemainder(l) && (shipped[l.lineRef] ?? 0) > 0));
}

/** The engine's answer to an adapter validating a confirmation. */
export function knownOrder(store: Store, ref: string): KnownOrder | undefined {
  const rec = store.orders.get(ref);
  if (!rec?.sent) return undefined;
  return {
    order: rec.sent,
    shippedByLine: shippedWmsByLine(store, ref),
    knownPackages: new Set(store.fulfillments.packageKeys(ref).map((p) => packageKey(ref, p))),
  };
}

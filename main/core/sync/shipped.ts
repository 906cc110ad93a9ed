// What the warehouse has shipped of an order so far, in warehouse terms (as sent) and in Acumatica terms.
import { cancelsRemainder } from '../acumatica/plan.js';
import { packageKey, type Fulfillment, type Order } from '../domain/index.js';
import type { OrderRecord, Store } from '../store/index.js';
import type { KnownOrder } from '../wms/adapter.js';
import { toAcumaticaTerms } from './sku-mapping.js';

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

/** One fulfillment's shipped quantity per Acumatica line. */
export function shippedAcumaticaByLine(f: Fulfillment, sent: Order): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of toAcumaticaTerms(f, sent).lines) out[l.lineRef] = (out[l.lineRef] ?? 0) + l.quantity;
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

/**
 * The order's attention after Acumatica cancelled remainders ("Cancel Remainder"): the warehouse still has them open
 * and nothing tells it otherwise (a change request would also have to be accepted by every adapter), so the operator
 * is asked to cancel them there; a later shipment of them would find no open quantity to write back to.
 */
export function remainderAttention(remainders: string[]): string | null {
  if (remainders.length === 0) return null;
  return `Remainder cancelled in Acumatica (Shipping Rule "Cancel Remainder"): ${remainders.join('; ')}. The warehouse still has it open: cancel it there, or a later shipment of it cannot be written back.`;
}

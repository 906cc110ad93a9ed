// What a shipment means for the order, in pure terms (the store-reading side is in sync/shipped.ts).
import type { Fulfillment } from './fulfillment.js';
import type { Order } from './order.js';
import { toAcumaticaTerms } from './sku-mapping.js';

/** One fulfillment's shipped quantity per Acumatica line. */
export function shippedAcumaticaByLine(f: Fulfillment, sent: Order): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of toAcumaticaTerms(f, sent).lines) out[l.lineRef] = (out[l.lineRef] ?? 0) + l.quantity;
  return out;
}

/**
 * The order's attention text after Acumatica cancelled remainders ("Cancel Remainder"): the warehouse still has them
 * open and nothing tells it otherwise (a change request would also have to be accepted by every adapter), so the
 * operator is asked to cancel them there; a later shipment of them would find no open quantity to write back to.
 */
export function remainderAttentionText(remainders: string[]): string | null {
  if (remainders.length === 0) return null;
  return `Remainder cancelled in Acumatica (Shipping Rule "Cancel Remainder"): ${remainders.join('; ')}. The warehouse still has it open: cancel it there, or a later shipment of it cannot be written back.`;
}

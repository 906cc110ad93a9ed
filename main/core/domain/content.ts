// What of an order matters to the warehouse, and whether it changed since it was sent. Quantities are compared as
// "total to ship" (still open in Acumatica + already shipped through this app), so the app's own partial
// write-backs, which lower Acumatica's open quantity, never look like an edit.
import { createHash } from 'node:crypto';
import type { Order } from './order.js';

export function withShippedBack(order: Order, shippedByLine: Record<string, number>): Order {
  return {
    ...order,
    lines: order.lines.map((l) => ({ ...l, quantity: l.quantity + (shippedByLine[l.lineRef] ?? 0) })),
  };
}

export function contentHash(order: Order): string {
  const relevant = {
    shipTo: order.shipTo,
    shipVia: order.shipVia,
    customerPo: order.customerPo,
    notes: order.notes,
    lines: order.lines
      .map((l) => [l.lineRef, l.inventoryId.toUpperCase(), l.uom, l.quantity, l.warehouseId])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 32);
}

// Fulfillments as a warehouse would report them for an imported order.
import type { Fulfillment, Order } from '../../../main/core/domain/index.js';

export function fulfillmentFor(order: Order, opts: { id?: string; tracking?: string[]; carrier?: string; service?: string; packageType?: string; partial?: boolean } = {}): Fulfillment {
  const tracking = opts.tracking ?? ['1Z999AA10123456784'];
  const lines = order.lines.map((l) => ({ lineRef: l.lineRef, sku: l.sku, quantity: opts.partial ? Math.max(1, Math.floor(l.quantity / 2)) : l.quantity }));
  return {
    id: opts.id ?? `wms-${order.ref}`,
    orderRef: order.ref,
    shipDate: '2026-11-27',
    carrier: opts.carrier ?? 'UPS',
    service: opts.service ?? 'Ground',
    packages: tracking.map((t, i) => ({
      boxId: `CTN-${i + 1}`,
      trackingNumber: t,
      packageType: opts.packageType ?? 'BOX-M',
      weight: 2.5 + i,
      weightUom: 'LB',
      length: 12,
      width: 10,
      height: 8,
      dimensionUom: 'IN',
      contents: i === 0 ? lines.map((l) => ({ lineRef: l.lineRef, sku: l.sku, quantity: l.quantity })) : [],
    })),
    lines,
  };
}

// Acumatica lines -> warehouse lines through the SKU mapping, and back. A rule's factor converts Acumatica units to
// WMS units; a kit line becomes one WMS line per component, with line refs "<line>/<n>" so shipped components can be
// turned back into kit quantities at write-back.
import type { Fulfillment, Order, OrderLine, Package } from '../domain/index.js';
import { normaliseInventoryId, type SkuRule } from '../store/sku-repo.js';

export type SkuLookup = (inventoryId: string, uom: string) => SkuRule | undefined;

export function skuLookup(rules: SkuRule[]): SkuLookup {
  const byKey = new Map(rules.map((r) => [`${normaliseInventoryId(r.inventoryId)}\u0000${r.uom.trim().toUpperCase()}`, r]));
  return (inventoryId, uom) =>
    byKey.get(`${normaliseInventoryId(inventoryId)}\u0000${uom.trim().toUpperCase()}`) ??
    byKey.get(`${normaliseInventoryId(inventoryId)}\u0000`);
}

/** The order as the warehouse gets it. Unmapped InventoryIDs pass through unchanged. */
export function toWarehouseOrder(order: Order, lookup: SkuLookup): Order {
  const lines: OrderLine[] = [];
  for (const line of order.lines) {
    const rule = lookup(line.inventoryId, line.uom);
    if (!rule) {
      lines.push({ ...line, sku: line.inventoryId });
    } else if (rule.components.length > 0) {
      rule.components.forEach((c, i) =>
        lines.push({ ...line, lineRef: `${line.lineRef}/${i + 1}`, sku: c.sku, quantity: round(line.quantity * c.quantity) }),
      );
    } else {
      lines.push({ ...line, sku: rule.sku, quantity: round(line.quantity * rule.factor) });
    }
  }
  return { ...order, lines };
}

/**
 * A fulfillment in warehouse terms (line refs and quantities as sent) -> Acumatica terms (the order's own lines and
 * units). Kits count as shipped as far as every component is.
 */
export function toAcumaticaTerms(f: Fulfillment, acumaticaOrder: Order, sent: Order): Fulfillment {
  const sentByRef = new Map(sent.lines.map((l) => [l.lineRef, l]));
  const perLine = new Map<string, Map<string, number>>();
  for (const l of f.lines) {
    const base = l.lineRef.split('/')[0] ?? l.lineRef;
    const parts = perLine.get(base) ?? new Map<string, number>();
    parts.set(l.lineRef, (parts.get(l.lineRef) ?? 0) + l.quantity);
    perLine.set(base, parts);
  }
  const lines = acumaticaOrder.lines.flatMap((line) => {
    const parts = perLine.get(line.lineRef);
    if (!parts) return [];
    const quantity = acumaticaQuantity(line, parts, sentByRef);
    return quantity > 0 ? [{ lineRef: line.lineRef, sku: line.inventoryId, quantity }] : [];
  });
  const packages: Package[] = f.packages.map((p) => ({
    ...p,
    contents: p.contents.flatMap((c) => {
      const base = c.lineRef.split('/')[0] ?? c.lineRef;
      const line = acumaticaOrder.lines.find((l) => l.lineRef === base);
      if (!line) return [];
      const quantity = acumaticaQuantity(line, new Map([[c.lineRef, c.quantity]]), sentByRef, true);
      return quantity > 0 ? [{ lineRef: base, sku: line.inventoryId, quantity }] : [];
    }),
  }));
  return { ...f, lines, packages };
}

function acumaticaQuantity(
  line: OrderLine,
  parts: Map<string, number>,
  sentByRef: Map<string, OrderLine>,
  partial = false,
): number {
  const direct = parts.get(line.lineRef);
  const sentLine = sentByRef.get(line.lineRef);
  if (direct !== undefined && sentLine) {
    const factor = line.quantity > 0 && sentLine.quantity > 0 ? sentLine.quantity / line.quantity : 1;
    return round(direct / factor);
  }
  if (direct !== undefined) return direct;
  // Kit: each component's shipped quantity / its quantity per kit; the kit is shipped as far as its scarcest part.
  const ratios: number[] = [];
  for (const [ref, qty] of parts) {
    const comp = sentByRef.get(ref);
    if (!comp || line.quantity <= 0) continue;
    ratios.push(qty / (comp.quantity / line.quantity));
  }
  if (ratios.length === 0) return 0;
  const kits = Math.min(...ratios);
  return partial ? round(kits) : Math.floor(kits + 1e-9);
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

// Acumatica lines -> warehouse lines through the SKU mapping, and back. A rule's factor converts Acumatica units to
// WMS units; a kit line becomes one WMS line per component, with line refs "<line>/<n>" so shipped components can be
// turned back into kit quantities at write-back. Each sent line carries its factor, so the way back does not depend
// on the mapping as it is today or on what Acumatica still has open.
import type { Fulfillment, LotSerialQuantity, Package } from './fulfillment.js';
import type { Order, OrderLine } from './order.js';

/** One row of the SKU mapping: an Acumatica InventoryID (and UOM, '' = any) as the warehouse knows it. */
export interface SkuRule {
  inventoryId: string;
  uom: string;
  sku: string;
  factor: number;
  components: { sku: string; quantity: number }[];
}

/** InventoryIDs are matched trimmed and case-insensitively (Acumatica pads and keeps case as typed). */
export const normaliseInventoryId = (id: string): string => id.trim().toUpperCase();

export type SkuLookup = (inventoryId: string, uom: string) => SkuRule | undefined;

export function skuLookup(rules: SkuRule[]): SkuLookup {
  const byKey = new Map(rules.map((r) => [`${normaliseInventoryId(r.inventoryId)}\u0000${r.uom.trim().toUpperCase()}`, r]));
  return (inventoryId, uom) =>
    byKey.get(`${normaliseInventoryId(inventoryId)}\u0000${uom.trim().toUpperCase()}`) ??
    byKey.get(`${normaliseInventoryId(inventoryId)}\u0000`);
}

export const baseLineRef = (lineRef: string): string => lineRef.split('/')[0] ?? lineRef;

/** The order as the warehouse gets it. Unmapped InventoryIDs pass through unchanged. */
export function toWarehouseOrder(order: Order, lookup: SkuLookup): Order {
  const lines: OrderLine[] = [];
  for (const line of order.lines) {
    const rule = lookup(line.inventoryId, line.uom);
    if (!rule) {
      lines.push({ ...line, sku: line.inventoryId, factor: 1 });
    } else if (rule.components.length > 0) {
      rule.components.forEach((c, i) =>
        lines.push({ ...line, lineRef: `${line.lineRef}/${i + 1}`, sku: c.sku, quantity: round(line.quantity * c.quantity), factor: c.quantity }),
      );
    } else {
      lines.push({ ...line, sku: rule.sku, quantity: round(line.quantity * rule.factor), factor: rule.factor });
    }
  }
  return { ...order, lines };
}

/**
 * The order to write back against: today's lines from Acumatica, plus every line that was sent even if Acumatica no
 * longer lists it as open (a shipment found after an interrupted attempt has already used up its open quantity).
 */
export function writebackOrder(current: Order, sent: Order | null, writtenBack: Record<string, number> = {}): Order {
  const byRef = new Map(current.lines.map((l) => [l.lineRef, l]));
  for (const s of sent?.lines ?? []) {
    const base = baseLineRef(s.lineRef);
    if (!byRef.has(base)) byRef.set(base, { ...s, lineRef: base, sku: s.inventoryId, quantity: 0 });
  }
  // Once anything was written back, every line's ShippedQty on a shipment is ours (0 on lines not shipped yet).
  const any = Object.keys(writtenBack).length > 0;
  const lines = [...byRef.values()].map((l) => (any ? { ...l, writtenBackQty: writtenBack[l.lineRef] ?? 0 } : l));
  return { ...current, lines };
}

/** A fulfillment in warehouse terms (line refs and quantities as sent) -> Acumatica terms (its lines and units). */
export function toAcumaticaTerms(f: Fulfillment, sent: Order): Fulfillment {
  const sentByRef = new Map(sent.lines.map((l) => [l.lineRef, l]));
  const convert = (parts: Map<string, number>, wholeKits: boolean): Map<string, { inventoryId: string; quantity: number }> => {
    const out = new Map<string, { inventoryId: string; quantity: number }>();
    const kits = new Map<string, number[]>();
    for (const [ref, qty] of parts) {
      const line = sentByRef.get(ref);
      const base = baseLineRef(ref);
      const inventoryId = line?.inventoryId ?? base;
      if (ref.includes('/')) {
        const ratios = kits.get(base) ?? [];
        ratios.push(qty / (line?.factor ?? 1));
        kits.set(base, ratios);
        out.set(base, { inventoryId, quantity: 0 });
      } else {
        out.set(base, { inventoryId, quantity: round(qty / (line?.factor ?? 1)) });
      }
    }
    for (const [base, ratios] of kits) {
      const components = sent.lines.filter((l) => baseLineRef(l.lineRef) === base && l.lineRef.includes('/')).length;
      // A kit ships as far as its scarcest component; a component missing here counts as none.
      const kitsShipped = ratios.length < components ? 0 : Math.min(...ratios);
      out.get(base)!.quantity = wholeKits ? Math.floor(kitsShipped + 1e-9) : round(kitsShipped);
    }
    return out;
  };

  const lineParts = new Map<string, number>();
  for (const l of f.lines) lineParts.set(l.lineRef, (lineParts.get(l.lineRef) ?? 0) + l.quantity);
  // Lot/serial numbers travel with plain lines (not kit components) in the line's units.
  const factorOf = (ref: string): number => sentByRef.get(ref)?.factor ?? 1;
  const lotsOf = (ref: string): LotSerialQuantity[] | undefined => {
    const lots = f.lines.filter((l) => l.lineRef === ref).flatMap((l) => l.lotSerials ?? []);
    return lots.length ? lots.map((x) => ({ lotSerialNbr: x.lotSerialNbr, quantity: round(x.quantity / factorOf(ref)) })) : undefined;
  };
  const lines = [...convert(lineParts, true)]
    .filter(([, v]) => v.quantity > 0)
    .map(([lineRef, v]) => {
      const lots = lineRef.includes('/') ? undefined : lotsOf(lineRef);
      return { lineRef, sku: v.inventoryId, quantity: v.quantity, ...(lots ? { lotSerials: lots } : {}) };
    });
  const packages: Package[] = f.packages.map((p) => {
    const parts = new Map<string, number>();
    const plain = new Map<string, { lineRef: string; sku: string; quantity: number; lotSerialNbr?: string }>();
    for (const c of p.contents) {
      if (c.lineRef.includes('/') || !c.lotSerialNbr) parts.set(c.lineRef, (parts.get(c.lineRef) ?? 0) + c.quantity);
      else {
        const key = `${c.lineRef}\u0000${c.lotSerialNbr}`;
        const seen = plain.get(key);
        const q = round(c.quantity / factorOf(c.lineRef));
        if (seen) seen.quantity = round(seen.quantity + q);
        else plain.set(key, { lineRef: c.lineRef, sku: sentByRef.get(c.lineRef)?.inventoryId ?? c.lineRef, quantity: q, lotSerialNbr: c.lotSerialNbr });
      }
    }
    const contents = [
      ...[...convert(parts, false)]
        .filter(([, v]) => v.quantity > 0)
        .map(([lineRef, v]) => ({ lineRef, sku: v.inventoryId, quantity: v.quantity })),
      ...[...plain.values()].filter((c) => c.quantity > 0),
    ];
    return { ...p, contents };
  });
  return { ...f, lines, packages };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

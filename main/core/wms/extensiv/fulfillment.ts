// A shipped Extensiv order -> one Fulfillment of the parent order. Package contents name order items; order items
// name SKUs; SKUs are mapped back to the line refs the engine sent (lookup(ref).order.lines), spreading a SKU that
// appears on several lines over their open quantities. Lot and serial numbers come from the package contents
// (lotNumber, serialNumber, serialNumbers[]) when the warehouse reports them there, else from the order items'
// allocations (detail.itemTraits.lotNumber / serialNumber) onto the lines.
import { linesFromPackages, type Fulfillment, type FulfillmentLine, type LotSerialQuantity, type Package, type PackageContent } from '../../domain/index.js';
import type { Logger } from '../../log/logger.js';
import type { KnownOrder } from '../adapter.js';
import { fillInOrder } from '../../domain/fill-in-order.js';
import { itemsOf, packagesOf, ssccOf, type ExtensivItem, type ExtensivOrder, type ExtensivPackage } from './wire.js';

export function fulfillmentId(orderId: number): string {
  return `extensiv:${orderId}`;
}

/** Hands out shipped quantities of a SKU to the lines carrying it, first the ones with quantity still open. */
function lineAllocator(known: KnownOrder) {
  const remaining = new Map(known.order.lines.map((l) => [l.lineRef, l.quantity - (known.shippedByLine[l.lineRef] ?? 0)]));
  return (sku: string, qty: number, lotSerialNbr = ''): PackageContent[] => {
    const lot = lotSerialNbr ? { lotSerialNbr } : {};
    const lines = known.order.lines.filter((l) => l.sku.trim().toUpperCase() === sku.trim().toUpperCase());
    if (lines.length === 0) return [{ lineRef: '', sku, quantity: qty, ...lot }];
    const { takes, left } = fillInOrder(qty, lines, (line) => remaining.get(line.lineRef) ?? 0);
    const out: PackageContent[] = takes.map(({ bucket: line, take }) => {
      remaining.set(line.lineRef, (remaining.get(line.lineRef) ?? 0) - take);
      return { lineRef: line.lineRef, sku: line.sku, quantity: take, ...lot };
    });
    // More shipped than open: keep it on the last line so the engine sees (and judges) the over-shipment.
    const last = lines[lines.length - 1];
    if (left > 0 && last) out.push({ lineRef: last.lineRef, sku: last.sku, quantity: left, ...lot });
    return out;
  };
}

type Allocate = ReturnType<typeof lineAllocator>;
type Content = NonNullable<ExtensivPackage['packageContents']>[number];

/** One package content row: a serial number per unit when listed, else the lot for the whole quantity. */
function splitPackageContent(allocate: Allocate, sku: string, c: Content): PackageContent[] {
  const qty = c.qty ?? 0;
  const serials = (c.serialNumbers ?? []).map((s) => s.trim()).filter(Boolean);
  if (serials.length === 0 && c.serialNumber?.trim()) serials.push(c.serialNumber.trim());
  const lot = c.lotNumber?.trim() ?? '';
  if (serials.length === 0) return allocate(sku, qty, lot);
  const each = serials.slice(0, Math.max(0, Math.floor(qty))).flatMap((sn) => allocate(sku, 1, sn));
  const rest = qty - Math.min(serials.length, Math.floor(qty));
  return rest > 0 ? [...each, ...allocate(sku, rest, lot)] : each;
}

/** Lot/serial numbers per SKU from the items' allocations, in allocation order (serial first, else lot). */
function allocatedLots(items: ExtensivItem[]): Map<string, LotSerialQuantity[]> {
  const bySku = new Map<string, LotSerialQuantity[]>();
  for (const item of items) {
    const sku = item.itemIdentifier?.sku?.trim().toUpperCase();
    if (!sku) continue;
    for (const a of item.readOnly?.allocations ?? []) {
      const traits = a.detail?.itemTraits;
      const nbr = traits?.serialNumber?.trim() || traits?.lotNumber?.trim() || '';
      if (!nbr || !((a.qty ?? 0) > 0)) continue;
      const list = bySku.get(sku) ?? [];
      list.push({ lotSerialNbr: nbr, quantity: a.qty ?? 0 });
      bySku.set(sku, list);
    }
  }
  return bySku;
}

/**
 * Hands the allocated lots of each SKU to the fulfilment's lines of that SKU, in line order. SKUs whose boxes
 * already name their lots (`tracedInBoxes`) keep those: the decision is per SKU, so one box with lots never hides
 * the allocations of the order's other items.
 */
function withAllocatedLots(lines: FulfillmentLine[], items: ExtensivItem[], tracedInBoxes: ReadonlySet<string>): FulfillmentLine[] {
  const lots = allocatedLots(items);
  if (lots.size === 0) return lines;
  return lines.map((line) => {
    const sku = line.sku.trim().toUpperCase();
    if (tracedInBoxes.has(sku)) return line;
    const queue = lots.get(sku);
    if (!queue) return line;
    const taken: LotSerialQuantity[] = [];
    for (const { bucket: lot, take } of fillInOrder(line.quantity, queue, (l) => l.quantity).takes) {
      const seen = taken.find((t) => t.lotSerialNbr === lot.lotSerialNbr);
      if (seen) seen.quantity += take;
      else taken.push({ lotSerialNbr: lot.lotSerialNbr, quantity: take });
      lot.quantity -= take;
    }
    while (queue[0] && queue[0].quantity <= 0) queue.shift();
    return taken.length ? { ...line, lotSerials: taken } : line;
  });
}

/**
 * The SCAC when the warehouse reports one (as the X12 side reports W27's SCAC), else the carrier's name; the name
 * stays as an alternate so Ship Via mappings keyed by name ("UPS|Ground") keep matching.
 */
function carrierOf(order: ExtensivOrder): Pick<Fulfillment, 'carrier' | 'carrierAlternates'> {
  const scac = order.routingInfo?.scacCode?.trim() ?? '';
  const name = order.routingInfo?.carrier?.trim() ?? '';
  if (!scac) return { carrier: name };
  return name && name.toLowerCase() !== scac.toLowerCase() ? { carrier: scac, carrierAlternates: [name] } : { carrier: scac };
}

function positive(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

export function toFulfillment(
  order: ExtensivOrder,
  parentRef: string,
  known: KnownOrder,
  units: { weight: string; dimension: string },
  logger: Logger,
  /** YYYY-MM-DD, used when the order carries no date at all. */
  today: string,
): Fulfillment {
  const orderId = order.readOnly.orderId;
  const items = itemsOf(order);
  const skuOfItem = new Map(items.flatMap((i) => (i.readOnly?.orderItemId != null && i.itemIdentifier?.sku ? [[i.readOnly.orderItemId, i.itemIdentifier.sku] as const] : [])));
  const allocate = lineAllocator(known);
  const allItems = (): PackageContent[] => items.flatMap((i) => (i.itemIdentifier?.sku && (i.qty ?? 0) > 0 ? allocate(i.itemIdentifier.sku, i.qty ?? 0) : []));
  const routingTracking = order.routingInfo?.trackingNumber?.trim() ?? '';
  const raw = packagesOf(order);

  const packages: Package[] = raw.map((p, i) => {
    const contents = (p.packageContents ?? []).flatMap((c) => {
      const sku = c.orderItemId == null ? undefined : skuOfItem.get(c.orderItemId);
      if (!sku) {
        logger.warn('Extensiv package content names an order item that is not on the order', { orderId, orderItemId: c.orderItemId });
        return [{ lineRef: '', sku: `orderItem:${c.orderItemId ?? '?'}`, quantity: c.qty ?? 0 }];
      }
      return splitPackageContent(allocate, sku, c);
    });
    return {
      // The SSCC (ucc128) is the carton's printed identity, as the X12 945's MAN*GM: the box id when there is one.
      boxId: ssccOf(p.readOnly?.ucc128 ?? p.ucc128) || String(p.packageId ?? p.cartonId ?? i + 1),
      trackingNumber: p.trackingNumber?.trim() || (raw.length === 1 ? routingTracking : ''),
      packageType: p.packageDefIdentifier?.name?.trim() ?? '',
      weight: positive(p.weight),
      weightUom: units.weight,
      length: positive(p.length),
      width: positive(p.width),
      height: positive(p.height),
      dimensionUom: units.dimension,
      contents,
    };
  });

  let lines: FulfillmentLine[];
  const anyContents = packages.some((p) => p.contents.length > 0);
  if (packages.length === 0) {
    // Confirmed without package detail: the whole order in one "package" carrying the order's tracking number.
    const contents = allItems();
    packages.push({ boxId: String(orderId), trackingNumber: routingTracking, packageType: '', weight: null, weightUom: units.weight, length: null, width: null, height: null, dimensionUom: units.dimension, contents });
    lines = linesFromPackages(packages);
  } else if (!anyContents && packages.length === 1 && packages[0]) {
    packages[0].contents = allItems();
    lines = linesFromPackages(packages);
  } else if (!anyContents) {
    lines = linesFromPackages([{ contents: allItems() } as Package]);
  } else {
    lines = linesFromPackages(packages);
  }
  // Per SKU: lots in the boxes say it all; otherwise the allocations tell which lots its lines shipped from.
  const tracedInBoxes = new Set(packages.flatMap((p) => p.contents.filter((c) => c.lotSerialNbr).map((c) => c.sku.trim().toUpperCase())));
  lines = withAllocatedLots(lines, items, tracedInBoxes);

  const ro = order.readOnly;
  const date = ro.processDate ?? ro.packDoneDate ?? ro.pickDoneDate ?? ro.lastModifiedDate ?? '';
  return {
    id: fulfillmentId(orderId),
    orderRef: parentRef,
    shipDate: /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : today,
    ...carrierOf(order),
    service: order.routingInfo?.mode?.trim() ?? '',
    packages,
    lines,
  };
}

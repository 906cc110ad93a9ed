// Pure: the PUT /Shipment body for a fulfillment. Sales-order mode creates a Shipment from the order's lines;
// shipment mode adds the new packages to the existing Shipment. Missing mappings hold the write-back.
import { createHash } from 'node:crypto';
import type { Fulfillment, FulfillmentLine, Order, OrderLine, Package } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { AcumaticaSettings } from '../settings/schema.js';
import type { ShipmentPlan } from './gateway.js';
import { contentPieces, isLotSerialTracked, lotsByLine, type LotPiece } from './package-contents.js';
import { qty } from './map-common.js';
import { wrapFields } from './values.js';

/** SOShipment.ShipmentDesc and SOPackageDetail.Description are 255/256 characters; stay under both. */
export const DESCRIPTION_LENGTH = 255;

/** The marker put in a created Shipment's Description, to recognise it after a lost answer. */
export function shipmentMarker(fulfillmentId: string, warehouseId = ''): string {
  return `DropStream ${fulfillmentId}${warehouseId ? ` (${warehouseId})` : ''}`.slice(0, DESCRIPTION_LENGTH);
}

/** Shipments this app created carry the marker in their Description. */
export function createdByApp(description: string): boolean {
  return description.trim().startsWith('DropStream ');
}

/**
 * The marker put in CustomRefNbr1 of every package a fulfillment adds (ShipmentPackage.CustomRefNbr1 in Default
 * 24.200.001), so a lost answer never adds packages twice, tracking numbers or not (issue #14 item 8). A short
 * digest: the field is a short reference (length not published: kept at 19 characters).
 */
export function packageMarker(fulfillmentId: string): string {
  return `DS-${createHash('sha256').update(fulfillmentId).digest('hex').slice(0, 16)}`;
}


function lookup(map: Record<string, string>, key: string): string | undefined {
  const want = key.trim().toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.trim().toLowerCase() === want && v.trim()) return v.trim();
  return undefined;
}

/**
 * The Ship Via for a fulfillment's carrier and service. The carrier may be reported by its SCAC and by its name
 * (`alternates`, e.g. Extensiv's routingInfo.scacCode and .carrier): a mapping keyed by either matches, tried as
 * carrier|service, alternate|service, carrier, alternate, before any fallback to the order's own Ship Via.
 */
export function shipViaFor(settings: AcumaticaSettings, order: Order, carrier: string, service: string, alternates: readonly string[] = []): string {
  const names = [carrier, ...alternates.filter((a) => a.trim() && a.trim().toLowerCase() !== carrier.trim().toLowerCase())];
  const keys = [...names.map((n) => `${n}|${service}`), ...names];
  let mapped: string | undefined;
  for (const key of keys) if ((mapped = lookup(settings.shipViaMap, key))) break;
  if (mapped) return mapped;
  if (settings.shipViaFallbackToOrder && order.shipVia) return order.shipVia;
  const also = names.length > 1 ? ` (also reported as ${names.slice(1).join(', ')})` : '';
  throw new AppError('business', `No Ship Via mapping for carrier ${carrier || '(none)'}${also} service ${service || '(none)'}: add one in Settings > Mappings.`);
}

export function boxIdFor(settings: AcumaticaSettings, packageType: string): string {
  const mapped = packageType ? lookup(settings.boxMap, packageType) : undefined;
  const box = mapped ?? settings.defaultBoxId.trim();
  if (box) return box;
  throw new AppError('business', `No Box ID for package type ${packageType || '(none)'}: add one in Settings > Mappings, or set a default Box ID.`);
}

function lineOf(order: Order, lineRef: string, what: string): OrderLine {
  const line = order.lines.find((l) => l.lineRef === lineRef);
  if (!line) throw new AppError('business', `The warehouse reported ${what} for line ${lineRef}, which is not a shipped line of ${order.ref}.`);
  return line;
}

function originOf(order: Order, line: OrderLine): { orderType: string; orderNbr: string; orderLineNbr: string } | undefined {
  if (order.key.kind === 'sales-order') return { orderType: order.key.orderType, orderNbr: order.key.orderNbr, orderLineNbr: line.lineRef };
  return line.origin;
}

interface Ctx {
  settings: AcumaticaSettings;
  order: Order;
  marker: string;
  lots: Map<string, LotPiece[]>;
}

function packageBody(ctx: Ctx, pkg: Package): Record<string, unknown> {
  const { settings, order } = ctx;
  const rows = settings.packageContents !== false
    ? contentPieces(pkg.contents, (ref) => lineOf(order, ref, 'package contents'), (l) => isLotSerialTracked(settings, l), ctx.lots, order).map(({ line, piece }) => {
        const origin = originOf(order, line);
        return wrapFields(
          { InventoryID: line.inventoryId, LotSerialNbr: piece.lotSerialNbr, Quantity: piece.quantity, UOM: line.uom, OrigOrderType: origin?.orderType, OrigOrderNbr: origin?.orderNbr },
          ['LotSerialNbr'],
        );
      })
    : [];
  return {
    ...wrapFields({
      BoxID: boxIdFor(settings, pkg.packageType),
      TrackingNbr: pkg.trackingNumber,
      Weight: pkg.weight ?? undefined,
      Length: pkg.length ?? undefined,
      Width: pkg.width ?? undefined,
      Height: pkg.height ?? undefined,
      Description: pkg.boxId.slice(0, DESCRIPTION_LENGTH),
      CustomRefNbr1: ctx.marker,
    }),
    ...(rows.length ? { PackageContents: rows } : {}),
  };
}

/** Latest of the warehouse's ship date and the lines' Ship On dates: an earlier shipment does not offer them. */
export function shipmentDate(shipDate: string, lines: OrderLine[]): string {
  return [shipDate, ...lines.map((l) => l.shipOn ?? '')].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().at(-1) ?? '';
}

const isRule = (line: Pick<OrderLine, 'shippingRule'>, rule: string): boolean => (line.shippingRule ?? '').trim().toLowerCase() === rule;

/** Shipping Rule "Ship Complete": a partial shipment is held with that reason (issue #14 item 6). */
function checkShipComplete(order: Order, f: Fulfillment): void {
  const shipped = new Map(f.lines.map((l) => [l.lineRef, l.quantity]));
  for (const line of order.lines) {
    if (!isRule(line, 'ship complete') || !(line.quantity > 0)) continue;
    const got = shipped.get(line.lineRef) ?? 0;
    if (got + 1e-9 < line.quantity) {
      throw new AppError(
        'business',
        `${order.ref} must ship complete (Shipping Rule "Ship Complete" in Acumatica), but the warehouse shipped ${got} of ${line.quantity} ${line.uom} of line ${line.lineRef} (${line.inventoryId}): ` +
          'wait for the rest, or change the Shipping Rule on the order in Acumatica (e.g. Back Order Allowed) and retry.',
      );
    }
  }
}

function planUpdate(ctx: Ctx, shipVia: string, fulfillment: Fulfillment, packages: Record<string, unknown>[], trackingNumbers: string[]): ShipmentPlan {
  const { order } = ctx;
  if (order.key.kind !== 'shipment') throw new AppError('internal', 'planUpdate needs a shipment-mode order.');
  // Each line's ShippedQty becomes what the warehouse shipped (PUT Details by id), so a partial shipment is not
  // confirmed at the full quantity; a line shipped short stays open on the order (issue #14 item 7). ShippedQty is
  // absolute: it counts what earlier fulfillments already wrote back, or a second one would undo the first (and a
  // resend after a lost answer sets the same values again).
  const shipped = new Map<string, number>();
  for (const l of fulfillment.lines) shipped.set(l.lineRef, (shipped.get(l.lineRef) ?? 0) + l.quantity);
  const details: Record<string, unknown>[] = [];
  let total = 0;
  for (const line of order.lines) {
    const q = qty((line.writtenBackQty ?? 0) + (shipped.get(line.lineRef) ?? 0));
    total += q;
    // After an earlier write-back the shipment no longer holds the planned quantities: every line is sent.
    if (line.acumaticaLineId && (line.writtenBackQty !== undefined || Math.abs(q - line.quantity) > 1e-9)) details.push({ id: line.acumaticaLineId, ShippedQty: { value: q } });
  }
  return {
    mode: 'update',
    shipmentNbr: order.key.shipmentNbr,
    body: {
      ...wrapFields({ ShipmentNbr: order.key.shipmentNbr, ShipVia: shipVia }),
      ...(details.length ? { Details: details, ControlQty: { value: qty(total) } } : {}),
      Packages: packages,
    },
    trackingNumbers,
    packageMarker: ctx.marker,
  };
}

function detailBody(ctx: Ctx, line: OrderLine, l: FulfillmentLine): Record<string, unknown> {
  const { order } = ctx;
  if (order.key.kind !== 'sales-order') throw new AppError('internal', 'detailBody needs a sales-order-mode order.');
  const orderLineNbr = Number(line.lineRef);
  if (!Number.isInteger(orderLineNbr)) throw new AppError('business', `Line ${line.lineRef} of ${order.ref} has no numeric line number.`);
  const lots = ctx.lots.get(line.lineRef);
  return {
    ...wrapFields({ OrderType: order.key.orderType, OrderNbr: order.key.orderNbr, OrderLineNbr: orderLineNbr, InventoryID: line.inventoryId, ShippedQty: l.quantity, UOM: line.uom }),
    // Tracked items: one allocation per lot/serial number the warehouse reported, as Acumatica's sample does.
    ...(lots ? { Allocations: lots.map((x) => wrapFields({ LotSerialNbr: x.lotSerialNbr, Qty: x.quantity })) } : {}),
  };
}

export function planShipment(settings: AcumaticaSettings, orderIn: Order, fulfillment: Fulfillment): ShipmentPlan {
  // The plan cuts quantities over the order's splits: work on a copy so planning twice gives the same plan.
  const order = structuredClone(orderIn);
  const shipVia = shipViaFor(settings, order, fulfillment.carrier, fulfillment.service, fulfillment.carrierAlternates);
  const lineFor = (ref: string): OrderLine => lineOf(order, ref, 'a shipped quantity');
  const lots = lotsByLine(settings, order, fulfillment, lineFor);
  const pool = new Map([...lots].map(([k, v]) => [k, v.map((x) => ({ ...x }))]));
  const ctx: Ctx = { settings, order, marker: packageMarker(fulfillment.id), lots: pool };

  if (order.key.kind === 'shipment') {
    const packages = fulfillment.packages.map((p) => packageBody(ctx, p));
    return planUpdate(ctx, shipVia, fulfillment, packages, fulfillment.packages.map((p) => p.trackingNumber.trim()).filter(Boolean));
  }

  checkShipComplete(order, fulfillment);
  const shippedLines = fulfillment.lines.filter((l) => l.quantity > 0);
  if (shippedLines.length === 0) throw new AppError('business', `The warehouse reported no shipped quantity for ${order.ref}: nothing to post.`);

  // One warehouse per shipment (issue #14 item 3): group the shipped lines by their Acumatica warehouse.
  const byWarehouse = new Map<string, FulfillmentLine[]>();
  for (const l of shippedLines) {
    const wh = lineFor(l.lineRef).warehouseId || order.warehouseId;
    byWarehouse.set(wh, [...(byWarehouse.get(wh) ?? []), l]);
  }
  const warehouses = [...byWarehouse.keys()];
  const key = order.key;
  const warehouseOfPackage = (pkg: Package): string => {
    const whs = new Set(pkg.contents.filter((c) => c.quantity > 0).map((c) => lineOf(order, c.lineRef, 'package contents').warehouseId || order.warehouseId));
    if (whs.size > 1) throw new AppError('business', `Package ${pkg.boxId || pkg.trackingNumber} of ${order.ref} holds lines of several Acumatica warehouses (${[...whs].join(', ')}): one shipment per warehouse, so a box cannot hold both. Check the warehouse's report.`);
    return [...whs][0] ?? warehouses[0]!;
  };
  const packagesOf = new Map<string, Package[]>();
  for (const p of fulfillment.packages) {
    const wh = warehouseOfPackage(p);
    packagesOf.set(wh, [...(packagesOf.get(wh) ?? []), p]);
  }

  const plans = warehouses.map((wh): ShipmentPlan => {
    const lines = byWarehouse.get(wh)!;
    const details = lines.map((l) => detailBody(ctx, lineFor(l.lineRef), l));
    const pkgs = packagesOf.get(wh) ?? [];
    const controlQty = qty(lines.reduce((s, l) => s + l.quantity, 0));
    const marker = shipmentMarker(fulfillment.id, warehouses.length > 1 ? wh : '');
    return {
      mode: 'create',
      shipmentNbr: null,
      body: {
        ...wrapFields({
          Type: 'Shipment',
          CustomerID: order.customerId,
          WarehouseID: wh,
          // A date field: sent without an offset so the server does not move it across a time zone. Never before
          // the lines' Ship On dates: Acumatica does not offer a line on an earlier shipment (issue #14 item 4).
          ShipmentDate: (() => {
            const d = shipmentDate(fulfillment.shipDate, lines.map((l) => lineFor(l.lineRef)));
            return d ? `${d}T00:00:00` : undefined;
          })(),
          ShipVia: shipVia,
          Description: marker,
          // "Hold Shipments on Entry" would create it On Hold, and "Validate Shipment Total on Confirmation" needs
          // the control quantity: both set so confirmation works with either preference (issue #14 item 5).
          Hold: false,
          ControlQty: controlQty,
        }),
        Details: details,
        Packages: pkgs.map((p) => packageBody(ctx, p)),
      },
      trackingNumbers: pkgs.map((p) => p.trackingNumber.trim()).filter(Boolean),
      packageMarker: ctx.marker,
      warehouseId: wh,
      salesOrder: { orderType: key.orderType, orderNbr: key.orderNbr },
      shipmentMarker: marker,
      controlQty,
    };
  });
  const [first, ...rest] = plans;
  return { ...first!, ...(rest.length ? { otherWarehouses: rest } : {}) };
}

/** Lines whose remainder Acumatica cancels on a partial shipment (Shipping Rule "Cancel Remainder"). */
export function cancelsRemainder(line: Pick<OrderLine, 'shippingRule'>): boolean {
  return isRule(line, 'cancel remainder');
}


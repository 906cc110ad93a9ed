// Pure: the PUT /Shipment body for a fulfillment. Sales-order mode creates a Shipment from the order's lines;
// shipment mode adds the new packages to the existing Shipment. Missing mappings hold the write-back.
import type { Fulfillment, Order, OrderLine, Package } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { AcumaticaSettings } from '../settings/schema.js';
import type { ShipmentPlan } from './gateway.js';
import { wrapFields } from './values.js';

/** SOShipment.ShipmentDesc and SOPackageDetail.Description are 255/256 characters; stay under both. */
export const DESCRIPTION_LENGTH = 255;

/** The marker put in a created Shipment's Description, to recognise it after a lost answer. */
export function shipmentMarker(fulfillmentId: string): string {
  return `DropStream ${fulfillmentId}`.slice(0, DESCRIPTION_LENGTH);
}

function lookup(map: Record<string, string>, key: string): string | undefined {
  const want = key.trim().toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.trim().toLowerCase() === want && v.trim()) return v.trim();
  return undefined;
}

export function shipViaFor(settings: AcumaticaSettings, order: Order, carrier: string, service: string): string {
  const mapped = lookup(settings.shipViaMap, `${carrier}|${service}`) ?? lookup(settings.shipViaMap, carrier);
  if (mapped) return mapped;
  if (settings.shipViaFallbackToOrder && order.shipVia) return order.shipVia;
  throw new AppError('business', `No Ship Via mapping for carrier ${carrier || '(none)'} service ${service || '(none)'}: add one in Settings > Mappings.`);
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

function packageBody(settings: AcumaticaSettings, order: Order, pkg: Package): Record<string, unknown> {
  const contents = pkg.contents.map((c) => {
    const line = lineOf(order, c.lineRef, 'package contents');
    const origin = originOf(order, line);
    return wrapFields({ InventoryID: line.inventoryId, Quantity: c.quantity, UOM: line.uom, OrigOrderType: origin?.orderType, OrigOrderNbr: origin?.orderNbr });
  });
  return {
    ...wrapFields({
      BoxID: boxIdFor(settings, pkg.packageType),
      TrackingNbr: pkg.trackingNumber,
      Weight: pkg.weight ?? undefined,
      Length: pkg.length ?? undefined,
      Width: pkg.width ?? undefined,
      Height: pkg.height ?? undefined,
      Description: pkg.boxId.slice(0, DESCRIPTION_LENGTH),
    }),
    ...(contents.length ? { PackageContents: contents } : {}),
  };
}

export function planShipment(settings: AcumaticaSettings, order: Order, fulfillment: Fulfillment): ShipmentPlan {
  const shipVia = shipViaFor(settings, order, fulfillment.carrier, fulfillment.service);
  const packages = fulfillment.packages.map((p) => packageBody(settings, order, p));
  const trackingNumbers = fulfillment.packages.map((p) => p.trackingNumber.trim()).filter(Boolean);

  if (order.key.kind === 'shipment') {
    return {
      mode: 'update',
      shipmentNbr: order.key.shipmentNbr,
      body: { ...wrapFields({ ShipmentNbr: order.key.shipmentNbr, ShipVia: shipVia }), Packages: packages },
      trackingNumbers,
    };
  }

  const { orderType, orderNbr } = order.key;
  const details = fulfillment.lines
    .filter((l) => l.quantity > 0)
    .map((l) => {
      const line = lineOf(order, l.lineRef, 'a shipped quantity');
      const orderLineNbr = Number(line.lineRef);
      if (!Number.isInteger(orderLineNbr)) throw new AppError('business', `Line ${line.lineRef} of ${order.ref} has no numeric line number.`);
      return wrapFields({ OrderType: orderType, OrderNbr: orderNbr, OrderLineNbr: orderLineNbr, InventoryID: line.inventoryId, ShippedQty: l.quantity, UOM: line.uom });
    });
  if (details.length === 0) throw new AppError('business', `The warehouse reported no shipped quantity for ${order.ref}: nothing to post.`);
  const warehouseId = order.lines.find((l) => l.lineRef === fulfillment.lines[0]?.lineRef)?.warehouseId || order.warehouseId;

  return {
    mode: 'create',
    shipmentNbr: null,
    body: {
      ...wrapFields({
        Type: 'Shipment',
        CustomerID: order.customerId,
        WarehouseID: warehouseId,
        // A date field: sent without an offset so the server does not move it across a time zone.
        ShipmentDate: `${fulfillment.shipDate}T00:00:00`,
        ShipVia: shipVia,
        Description: shipmentMarker(fulfillment.id),
      }),
      Details: details,
      Packages: packages,
    },
    trackingNumbers,
  };
}

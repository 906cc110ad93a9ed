// A SalesOrder record -> the canonical Order (ships each line's open quantity), or a HeldImport saying why not.
import type { HeldImport, Order, OrderLine } from '../domain/index.js';
import { fieldPath, looseText, qty, shapeReason, toAddress, toContact } from './map-common.js';
import { salesOrderRecord } from './records.js';
import { datePart } from './values.js';
import type { AcumaticaSettings } from '../settings/schema.js';

export interface MapOptions {
  /** Only lines of this warehouse go to the WMS ('' = all). */
  warehouseId: string;
  /** The import statuses. A document in another status (Canceled, Completed…) is returned as it is, never held:
   * the engine needs to see it to stop or cancel what it sent. */
  statuses: readonly string[];
  /** Line Types sent to the warehouse (default: stock goods and non-stock goods that require shipment). */
  shipLineTypes?: readonly string[];
}

/** The map options of the settings (the import and fetchOrder both call mapSalesOrder with these). */
export function salesOrderMapOptions(settings: Pick<AcumaticaSettings, 'warehouseId' | 'statuses' | 'shipLineTypes'>): MapOptions {
  return { warehouseId: settings.warehouseId, statuses: settings.statuses, ...(settings.shipLineTypes ? { shipLineTypes: settings.shipLineTypes } : {}) };
}

const defaultShipLineTypes = ['Goods for Inventory', 'Non-Inventory Goods'];
/** Line Type labels and their short codes as some builds send them. */
const lineTypeCodes: Record<string, string> = { gi: 'goods for inventory', gn: 'non-inventory goods', mi: 'misc. charge' };
const lineTypeKey = (t: string): string => lineTypeCodes[t.trim().toLowerCase()] ?? t.trim().toLowerCase();

/** Whether a line of this Line Type is shipped by the warehouse. An empty LineType (field not sent) counts as stock. */
export function shipsLineType(lineType: string, shipLineTypes: readonly string[] = defaultShipLineTypes): boolean {
  if (!lineType.trim()) return true;
  const t = lineTypeKey(lineType);
  return shipLineTypes.some((x) => lineTypeKey(x) === t);
}

export function inImportStatus(status: string, statuses: readonly string[]): boolean {
  const s = status.trim().toLowerCase();
  return statuses.some((x) => x.trim().toLowerCase() === s);
}

/** Only stock goods go through a warehouse; an empty LineType (field not sent) counts as stock. */
export function isStockLine(lineType: string): boolean {
  const t = lineType.trim().toLowerCase();
  return t === '' || t === 'goods for inventory' || t === 'gi';
}

/** null: the order has no line in the configured warehouse, so it is none of this app's business. */
export function mapSalesOrder(raw: unknown, opts: MapOptions): Order | HeldImport | null {
  const orderType = looseText(raw, 'OrderType');
  const orderNbr = looseText(raw, 'OrderNbr');
  const heldKey = orderType && orderNbr ? { kind: 'sales-order' as const, orderType, orderNbr } : null;
  const hold = (reason: string): HeldImport => ({
    ref: heldKey ? `${orderType}-${orderNbr}` : '(unknown sales order)',
    source: 'sales-order',
    key: heldKey,
    reason,
    lastModified: looseText(raw, 'LastModified'),
    raw,
  });

  const parsed = salesOrderRecord.safeParse(raw);
  if (!parsed.success) return hold(shapeReason(parsed.error));
  const so = parsed.data;
  if (!so.OrderType.trim() || !so.OrderNbr.trim()) return hold('The record has no OrderType or OrderNbr.');
  const key = { kind: 'sales-order' as const, orderType: so.OrderType.trim(), orderNbr: so.OrderNbr.trim() };

  const lines: OrderLine[] = [];
  const skippedLines: Order['skippedLines'] = [];
  let inWarehouse = 0;
  (so.Details ?? []).forEach((d, i) => {
    const inventoryId = d.InventoryID.trim();
    const lineRef = d.LineNbr === null ? '' : String(d.LineNbr);
    const skip = (reason: string): void => void skippedLines.push({ lineRef, inventoryId, reason });
    const warehouseId = d.WarehouseID.trim();
    if (opts.warehouseId && warehouseId.toLowerCase() !== opts.warehouseId.toLowerCase()) {
      return skip(`ships from warehouse ${warehouseId || '(none)'}, not ${opts.warehouseId}`);
    }
    inWarehouse++;
    if (lineRef === '') return skip(`line ${fieldPath(['Details', i])} has no LineNbr`);
    // RMA lines (Operation = Receipt) bring goods back: not warehouse outbound work (issue #14 item 9).
    if (d.Operation.trim().toLowerCase() === 'receipt') return skip('Receipt line (return): not shipped by the warehouse');
    if (!shipsLineType(d.LineType, opts.shipLineTypes)) return skip(`${d.LineType} line: not shipped by the warehouse`);
    if (!inventoryId) return skip('no InventoryID');
    if (d.Completed === true) return skip('line completed in Acumatica');
    // The line's rule wins; the order's Shipping Settings rule is the default of its lines.
    const shippingRule = (d.ShippingRule || so.ShippingSettings?.ShippingRule || '').trim();
    const ordered = d.OrderQty ?? 0;
    const open = d.OpenQty ?? ordered - (d.QtyOnShipments ?? 0);
    if (!(open > 0)) return skip('nothing left to ship (open quantity 0)');
    lines.push({
      lineRef,
      inventoryId,
      alternateId: d.AlternateID.trim(),
      sku: inventoryId,
      quantity: qty(open),
      uom: d.UOM.trim(),
      description: d.LineDescription.trim(),
      warehouseId,
      ...(datePart(d.ShipOn) ? { shipOn: datePart(d.ShipOn) } : {}),
      ...(shippingRule ? { shippingRule } : {}),
      ...(d.LotSerialNbr.trim() ? { lotSerialTracked: true } : {}),
      ...(d.LineType.trim() ? { lineType: d.LineType.trim() } : {}),
    });
  });

  if (opts.warehouseId && inWarehouse === 0 && (so.Details ?? []).length > 0) return null;

  const address = toAddress(so.ShipToAddress);
  const active = inImportStatus(so.Status, opts.statuses);
  if (active && !address.country) {
    return hold('The ship-to address has no country: fill in the Ship-To Country on the sales order in Acumatica.');
  }
  if (active && lines.length === 0) {
    const why = skippedLines.length ? skippedLines.map((s) => `line ${s.lineRef || '?'}: ${s.reason}`).join('; ') : 'the order has no lines';
    return hold(`Nothing on this order can be shipped by the warehouse (${why}).`);
  }

  return {
    ref: `${key.orderType}-${key.orderNbr}`,
    source: 'sales-order',
    key,
    acumaticaId: so.id ?? '',
    status: so.Status.trim(),
    customerId: so.CustomerID.trim(),
    customerPo: so.CustomerOrder.trim(),
    orderDate: datePart(so.Date),
    requestedOn: datePart(so.RequestedOn),
    shipVia: (so.ShipVia || so.ShippingSettings?.ShipVia || '').trim(),
    warehouseId: lines[0]?.warehouseId || so.PreferredWarehouseID.trim(),
    notes: so.Description.trim(),
    shipTo: { address, contact: toContact(so.ShipToContact) },
    lines,
    lastModified: so.LastModified,
    skippedLines,
  };
}

// The business rules of Acumatica's Shipments graph (PX.Objects.SO.SOShipmentEntry) that the double enforces, so it
// refuses what a real instance refuses (issue #14). Evidence for each rule is noted beside it; wording is matched by
// meaning where the exact text is not published ([I] = inferred).
import { randomUUID } from 'node:crypto';
import type { PackageRec, SalesOrderLineRec, SalesOrderRec, ShipmentLineRec, ShipmentRec, ShipmentSplitRec } from './model.js';

const norm = (a: string): string => a.trim().toLowerCase();
export const eqi = (a: string, b: string): boolean => norm(a) === norm(b);
const day = (v: string): string => v.slice(0, 10);

/** Line Types a shipment carries: stock goods and non-stock goods that require shipment ("Misc. Charge" does not). */
export function shippable(line: SalesOrderLineRec): boolean {
  return line.LineType === 'Goods for Inventory' || line.LineType === 'Non-Inventory Goods';
}

/** Shipments that still block a new one for the same order and warehouse. */
export function isOpen(status: string): boolean {
  return status === 'Open' || status === 'On Hold';
}

/**
 * One open shipment per order and warehouse: SOShipmentEntry refuses to create a second while one is unconfirmed
 * (issue #14 item 2, "New shipment cannot be created for the sales order … already has the … open shipment").
 */
export function openShipmentConflict(so: SalesOrderRec, warehouseId: string, shipments: (nbr: string) => ShipmentRec | undefined): string | null {
  for (const ref of so.Shipments) {
    const sh = shipments(ref.ShipmentNbr);
    if (sh && isOpen(sh.Status) && eqi(sh.WarehouseID, warehouseId)) {
      return `New shipment cannot be created for the sales order ${so.OrderType} ${so.OrderNbr} because it already has the ${sh.ShipmentNbr} open shipment.`;
    }
  }
  return null;
}

/** Why an order line cannot go on a shipment of this warehouse and date, or null. */
export function lineRefusal(so: SalesOrderRec, line: SalesOrderLineRec, warehouseId: string, shipmentDate: string): { field: string; message: string } | null {
  // RMA lines (Operation Receipt) go on receipts, never on an Issue shipment (issue #14 item 9; Acumatica's sample
  // uses SalesOrderCreateReceipt for them).
  if (eqi(line.Operation, 'Receipt')) return { field: 'OrderLineNbr', message: `The line ${line.LineNbr} of ${so.OrderType} ${so.OrderNbr} has the Receipt operation and cannot be added to a shipment.` };
  if (!shippable(line)) return { field: 'OrderLineNbr', message: `The line ${line.LineNbr} of ${so.OrderType} ${so.OrderNbr} (${line.LineType}) does not require shipment.` };
  // One warehouse per shipment: SOShipment.SiteID is the warehouse of every line (issue #14 item 3).
  if (!eqi(line.WarehouseID, warehouseId)) return { field: 'WarehouseID', message: `The line ${line.LineNbr} of ${so.OrderType} ${so.OrderNbr} ships from warehouse ${line.WarehouseID}, not ${warehouseId}.` };
  // Lines whose Ship On date is after the shipment date are not offered (issue #14 item 4). [I] wording
  if (line.ShipOn && shipmentDate && day(line.ShipOn) > day(shipmentDate)) {
    return { field: 'OrderLineNbr', message: `The line ${line.LineNbr} of ${so.OrderType} ${so.OrderNbr} is scheduled to ship on ${day(line.ShipOn)}, after the shipment date ${day(shipmentDate)}.` };
  }
  return null;
}

/**
 * The splits of a new shipment line: the request's Allocations when given (as Acumatica's own sample sends them),
 * else one split of the whole quantity, with no lot for untracked items and an auto-assigned lot for tracked ones.
 */
export function splitsFor(line: Pick<ShipmentLineRec, 'InventoryID' | 'ShippedQty' | 'UOM' | 'LocationID'>, given: { LotSerialNbr: string; Qty: number }[], tracked: boolean, firstNbr: number): ShipmentSplitRec[] {
  const rows = given.length ? given : [{ LotSerialNbr: tracked ? `${line.InventoryID.trim()}-LOT0001` : '', Qty: line.ShippedQty }];
  return rows.map((r, i) => ({ id: randomUUID(), SplitLineNbr: firstNbr + i, InventoryID: line.InventoryID, LotSerialNbr: r.LotSerialNbr, Qty: r.Qty, UOM: line.UOM, LocationID: line.LocationID }));
}

/** A changed ShippedQty resizes the line's splits (taken off the last ones first). */
export function resizeSplits(line: ShipmentLineRec, qty: number, nextSplitLineNbr = 1): void {
  let diff = qty - line.Allocations.reduce((s, a) => s + a.Qty, 0);
  if (diff > 0 && line.Allocations.length) line.Allocations.at(-1)!.Qty += diff;
  // A line set to 0 earlier lost its split; raising it again gets a new one (an unassigned one for a tracked item),
  // as the shipment form does when ShippedQty grows.
  else if (diff > 0) line.Allocations.push({ id: randomUUID(), SplitLineNbr: nextSplitLineNbr, InventoryID: line.InventoryID, LotSerialNbr: line.LotSerialNbr, Qty: diff, UOM: line.UOM, LocationID: line.LocationID });
  for (let i = line.Allocations.length - 1; diff < 0 && i >= 0; i--) {
    const a = line.Allocations[i]!;
    const take = Math.min(a.Qty, -diff);
    a.Qty -= take;
    diff += take;
  }
  line.Allocations = line.Allocations.filter((a) => a.Qty > 0);
}

/**
 * Package contents: each row must fit ONE split by InventoryID, OrigOrderType/OrigOrderNbr, LotSerialNbr compared
 * exactly ("" for untracked; a missing LotSerialNbr or origin order matches nothing) and a quantity within the split's room; otherwise the
 * whole request fails with "No suitable items found to pack" (issue #14 item 1; SOShipmentEntry package detail
 * logic; Acumatica's sample "Create a Shipment for Two Sales Orders with Allocations and Package Contents" sends one
 * row per allocation with "LotSerialNbr": {"value": ""}). Sets ShipmentSplitLineNbr on the rows it matched.
 */
export function packContents(lines: ShipmentLineRec[], packages: PackageRec[]): string | null {
  const room = new Map<string, number>();
  for (const l of lines) for (const s of l.Allocations) room.set(s.id, s.Qty);
  for (const p of packages) {
    for (const c of p.PackageContents) {
      const hit = lines
        .flatMap((l) => l.Allocations.map((s) => ({ l, s })))
        .find(
          ({ l, s }) =>
            eqi(l.InventoryID, c.InventoryID) &&
            eqi(l.OrderType, c.OrigOrderType) &&
            eqi(l.OrderNbr, c.OrigOrderNbr) &&
            c.LotSerialNbr !== null &&
            c.LotSerialNbr === s.LotSerialNbr &&
            (room.get(s.id) ?? 0) + 1e-9 >= c.Quantity,
        );
      if (!hit) return 'No suitable items found to pack.';
      room.set(hit.s.id, (room.get(hit.s.id) ?? 0) - c.Quantity);
      c.ShipmentSplitLineNbr = hit.s.SplitLineNbr;
    }
  }
  return null;
}

/**
 * Why ConfirmShipment refuses, or null: a held shipment (the "Hold Shipments on Entry" preference creates them On
 * Hold), a control quantity that differs from the shipped quantity with "Validate Shipment Total on Confirmation"
 * (issue #14 item 5; FACTS.md §5 [F]), and a partial shipment of an order that must ship complete (item 6). [I] wording
 */
export function confirmRefusal(sh: ShipmentRec, validateTotal: boolean, orderLine: (d: ShipmentLineRec) => SalesOrderLineRec | undefined): string | null {
  if (sh.Status === 'On Hold' || sh.Hold) return `The shipment ${sh.ShipmentNbr} is on hold: remove the hold before confirming.`;
  if (sh.Status !== 'Open') return `Confirm Shipment: the action is not available for shipment ${sh.ShipmentNbr} in the ${sh.Status} status.`;
  if (validateTotal && Math.abs(sh.ControlQty - sh.ShippedQty) > 1e-9) {
    return `The control quantity ${sh.ControlQty} of shipment ${sh.ShipmentNbr} does not match the shipped quantity ${sh.ShippedQty}.`;
  }
  for (const d of sh.Details) {
    const line = orderLine(d);
    if (line && eqi(line.ShippingRule, 'Ship Complete') && line.ShippedQty + d.ShippedQty + 1e-9 < line.OrderQty) {
      return `The shipment cannot be confirmed: the sales order ${d.OrderType} ${d.OrderNbr} must be shipped complete (line ${line.LineNbr}).`;
    }
  }
  return null;
}

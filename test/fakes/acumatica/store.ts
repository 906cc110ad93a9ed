// The double's documents and the business rules it enforces: shipments created from sales-order lines (open
// quantity checked), packages with known Box IDs, known Ship Via codes, confirmation updating the order.
import { randomUUID } from 'node:crypto';
import type { PackageRec, SalesOrderLineRec, SalesOrderRec, ShipmentLineRec, ShipmentRec } from './model.js';
import { confirmRefusal, lineRefusal, openShipmentConflict, packContents, shippable, splitsFor } from './shipment-rules.js';
import { updateShipment } from './update-shipment.js';
import { list, num, str, val } from './wire.js';

export interface StoreOptions {
  now: () => number;
  knownShipVia: string[];
  knownBoxIds: string[];
  /** Preference "Hold Shipments on Entry": a new shipment is On Hold unless the request says Hold: false. */
  holdShipmentsOnEntry: boolean;
  /** Preference "Validate Shipment Total on Confirmation": ControlQty must equal the shipped quantity. */
  validateShipmentTotal: boolean;
  /** Lot/serial-tracked InventoryIDs: their splits carry a lot number (auto-assigned unless the request allocates). */
  lotSerialItems: string[];
}

export type Answer = { status: number; body?: unknown };

export function noEntity(): Answer {
  return {
    status: 500,
    body: {
      message: 'An error has occurred.',
      exceptionMessage: 'No entity satisfies the condition.',
      exceptionType: 'PX.Api.ContractBased.NoEntitySatisfiesTheConditionException',
      stackTrace: '   at PX.Api.ContractBased.EntityService.GetByKeys(...)',
    },
  };
}

export function pxError(message: string): Answer {
  return { status: 500, body: { message: 'An error has occurred.', exceptionMessage: message, exceptionType: 'PX.Data.PXException', stackTrace: '' } };
}

const norm = (a: string): string => a.trim().toLowerCase();
const eqi = (a: string, b: string): boolean => norm(a) === norm(b);

/** Records of an append-only list by their keys; the first record with a key wins, as Array.find would. */
class KeyIndex<T> {
  private byKey = new Map<string, T>();
  private indexed = 0;
  private list: T[] | null = null;

  constructor(private readonly keysOf: (item: T) => string[]) {}

  lookup(list: T[], key: string): T | undefined {
    // A test that replaced or shortened the list: index it again from the start.
    if (list !== this.list || list.length < this.indexed) {
      this.byKey.clear();
      this.indexed = 0;
      this.list = list;
    }
    for (; this.indexed < list.length; this.indexed++) {
      const item = list[this.indexed]!;
      for (const k of this.keysOf(item)) if (!this.byKey.has(k)) this.byKey.set(k, item);
    }
    return this.byKey.get(key);
  }
}

export class AcumaticaStore {
  salesOrders: SalesOrderRec[] = [];
  shipments: ShipmentRec[] = [];
  private lastStamp = 0;
  private shipmentCounter = 0;
  orderCounters = new Map<string, number>();

  constructor(readonly opts: StoreOptions) {}

  /** A strictly increasing change stamp with an explicit offset, as the server writes them. */
  stamp(): string {
    this.lastStamp = Math.max(this.opts.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString().replace('Z', '+00:00');
  }

  nextOrderNbr(orderType: string): string {
    const n = (this.orderCounters.get(orderType) ?? 0) + 1;
    this.orderCounters.set(orderType, n);
    return String(n).padStart(6, '0');
  }

  nextShipmentNbr(): string {
    return String(++this.shipmentCounter).padStart(6, '0');
  }

  findOrder(orderType: string, orderNbr: string): SalesOrderRec | undefined {
    const hit = this.orderIndex.lookup(this.salesOrders, `${norm(orderType)}|${norm(orderNbr)}`);
    return hit && eqi(hit.OrderType, orderType) && eqi(hit.OrderNbr, orderNbr) ? hit : undefined;
  }

  findShipment(nbrOrId: string): ShipmentRec | undefined {
    const hit = this.shipmentIndex.lookup(this.shipments, norm(nbrOrId)) ?? this.shipmentIndex.lookup(this.shipments, `id:${nbrOrId}`);
    return hit && (eqi(hit.ShipmentNbr, nbrOrId) || hit.id === nbrOrId) ? hit : undefined;
  }

  // Lookups by key, as the real server's indexes make them: a linear scan per request made the 10k benchmark
  // measure the double. The lists only grow (push), so an index is brought up to date from where it left off.
  private orderIndex = new KeyIndex<SalesOrderRec>((o) => [`${norm(o.OrderType)}|${norm(o.OrderNbr)}`]);
  private shipmentIndex = new KeyIndex<ShipmentRec>((s) => [norm(s.ShipmentNbr), `id:${s.id}`]);

  tracked(inventoryId: string): boolean {
    return this.opts.lotSerialItems.some((x) => eqi(x, inventoryId));
  }

  static recomputeLine(l: SalesOrderLineRec): void {
    l.OpenQty = l.Completed ? 0 : Math.max(0, l.OrderQty - l.QtyOnShipments);
  }

  packageFrom(body: Record<string, unknown>, lineNbr: number): PackageRec {
    return {
      id: randomUUID(),
      LineNbr: lineNbr,
      BoxID: str(body, 'BoxID'),
      Type: str(body, 'Type') || 'Manual',
      TrackingNbr: str(body, 'TrackingNbr'),
      Description: str(body, 'Description'),
      CustomRefNbr1: str(body, 'CustomRefNbr1'),
      Weight: num(body, 'Weight') ?? 0,
      Length: num(body, 'Length'),
      Width: num(body, 'Width'),
      Height: num(body, 'Height'),
      Confirmed: false,
      PackageContents: list(body, 'PackageContents').map((c) => ({
        id: randomUUID(),
        InventoryID: str(c, 'InventoryID'),
        Quantity: num(c, 'Quantity') ?? 0,
        UOM: str(c, 'UOM'),
        OrigOrderType: str(c, 'OrigOrderType'),
        OrigOrderNbr: str(c, 'OrigOrderNbr'),
        LotSerialNbr: val(c, 'LotSerialNbr') === undefined || val(c, 'LotSerialNbr') === null ? null : str(c, 'LotSerialNbr'),
        ShipmentSplitLineNbr: null,
      })),
    };
  }

  /** Marks an error on a field of the echoed body, the way a 422 answer carries it. */
  static flag(target: Record<string, unknown>, field: string, message: string): void {
    const current = target[field];
    target[field] = { ...(current && typeof current === 'object' ? current : {}), error: message };
  }

  checkPackages(packages: Record<string, unknown>[], echo: Record<string, unknown>[]): boolean {
    let ok = true;
    packages.forEach((p, i) => {
      if (p.delete === true) return;
      const box = str(p, 'BoxID');
      if (box === '' && p.id) return; // an update of an existing package may leave the box as is
      if (!this.opts.knownBoxIds.some((b) => eqi(b, box))) {
        AcumaticaStore.flag(echo[i] ?? {}, 'BoxID', `Box '${box}' cannot be found in the system.`);
        ok = false;
      }
    });
    return ok;
  }

  putShipment(body: Record<string, unknown>, headers: { ifMatch: boolean; ifNoneMatch: boolean }): Answer {
    const keyNbr = str(body, 'ShipmentNbr');
    const byId = typeof body.id === 'string' ? this.findShipment(body.id) : undefined;
    const existing = byId ?? (keyNbr ? this.findShipment(keyNbr) : undefined);
    if (existing && headers.ifNoneMatch) return { status: 412, body: { message: 'The record already exists.' } };
    if (!existing && headers.ifMatch) return { status: 412, body: { message: 'The record does not exist.' } };
    if (!existing && keyNbr) return { status: 422, body: { ...body, error: `Shipment '${keyNbr}' cannot be found in the system.` } };
    const echo = structuredClone(body);
    return existing ? updateShipment(this, existing, body, echo) : this.createShipment(body, echo);
  }

  private createShipment(body: Record<string, unknown>, echo: Record<string, unknown>): Answer {
    let ok = true;
    const type = str(body, 'Type') || 'Shipment';
    if (type !== 'Shipment') {
      AcumaticaStore.flag(echo, 'Type', `'${type}' is not a valid shipment type.`);
      ok = false;
    }
    const customerId = str(body, 'CustomerID');
    const warehouseId = str(body, 'WarehouseID');
    if (!warehouseId) {
      AcumaticaStore.flag(echo, 'WarehouseID', "'Warehouse ID' cannot be empty.");
      ok = false;
    }
    const shipVia = str(body, 'ShipVia');
    if (shipVia && !this.opts.knownShipVia.some((s) => eqi(s, shipVia))) {
      AcumaticaStore.flag(echo, 'ShipVia', `Ship Via '${shipVia}' cannot be found in the system.`);
      ok = false;
    }
    const details = list(body, 'Details');
    const echoDetails = list(echo, 'Details');
    const shipmentDate = str(body, 'ShipmentDate') || this.stamp();
    const resolved: { so: SalesOrderRec; line: SalesOrderLineRec; qty: number; allocations: { LotSerialNbr: string; Qty: number }[] }[] = [];
    details.forEach((d, i) => {
      const so = this.findOrder(str(d, 'OrderType'), str(d, 'OrderNbr'));
      const line = so?.Details.find((l) => l.LineNbr === num(d, 'OrderLineNbr'));
      const e = echoDetails[i] ?? {};
      if (!so || !line) {
        AcumaticaStore.flag(e, 'OrderNbr', `The order line ${str(d, 'OrderType')} ${str(d, 'OrderNbr')} ${String(val(d, 'OrderLineNbr'))} cannot be found.`);
        ok = false;
        return;
      }
      if (customerId && !eqi(so.CustomerID, customerId)) {
        AcumaticaStore.flag(e, 'OrderNbr', `The order belongs to customer ${so.CustomerID}, not ${customerId}.`);
        ok = false;
      }
      if (!['Open', 'Back Order', 'Shipping'].includes(so.Status)) {
        AcumaticaStore.flag(e, 'OrderNbr', `The order ${so.OrderType} ${so.OrderNbr} has the status ${so.Status} and cannot be shipped.`);
        ok = false;
      }
      const refusal = warehouseId ? lineRefusal(so, line, warehouseId, shipmentDate) : null;
      if (refusal) {
        AcumaticaStore.flag(e, refusal.field, refusal.message);
        ok = false;
      }
      const qty = num(d, 'ShippedQty') ?? 0;
      if (qty <= 0 || qty > line.OpenQty + 1e-9) {
        AcumaticaStore.flag(e, 'ShippedQty', `The shipped quantity ${qty} exceeds the open quantity ${line.OpenQty} of line ${line.LineNbr}.`);
        ok = false;
      }
      const allocations = list(d, 'Allocations').map((a) => ({ LotSerialNbr: str(a, 'LotSerialNbr'), Qty: num(a, 'Qty') ?? 0 }));
      if (allocations.length && Math.abs(allocations.reduce((t, a) => t + a.Qty, 0) - qty) > 1e-9) {
        AcumaticaStore.flag(e, 'ShippedQty', `The allocated quantity of line ${line.LineNbr} does not match the shipped quantity ${qty}.`);
        ok = false;
      }
      resolved.push({ so, line, qty, allocations });
    });
    if (details.length === 0) {
      echo.error = 'The shipment has no lines.';
      ok = false;
    }
    if (!this.checkPackages(list(body, 'Packages'), list(echo, 'Packages'))) ok = false;
    if (!ok) return { status: 422, body: echo };
    for (const so of new Set(resolved.map((r) => r.so))) {
      const conflict = openShipmentConflict(so, warehouseId, (nbr) => this.findShipment(nbr));
      if (conflict) return pxError(conflict);
    }

    const first = resolved[0]!.so;
    const nbr = this.nextShipmentNbr();
    const lines: ShipmentLineRec[] = resolved.map((r, i) => ({
      id: randomUUID(),
      LineNbr: i + 1,
      OrderType: r.so.OrderType,
      OrderNbr: r.so.OrderNbr,
      OrderLineNbr: r.line.LineNbr,
      InventoryID: r.line.InventoryID,
      Description: r.line.LineDescription,
      ShippedQty: r.qty,
      OrderedQty: r.line.OrderQty,
      UOM: r.line.UOM,
      WarehouseID: r.line.WarehouseID,
      LocationID: 'R1S1',
      LotSerialNbr: r.allocations[0]?.LotSerialNbr ?? '',
      Allocations: [],
    }));
    let splitNbr = 1;
    lines.forEach((l, i) => {
      l.Allocations = splitsFor(l, resolved[i]!.allocations, this.tracked(l.InventoryID), splitNbr);
      splitNbr += l.Allocations.length;
    });
    const packages = list(body, 'Packages').map((p, i) => this.packageFrom(p, i + 1));
    const unpacked = packContents(lines, packages);
    if (unpacked) return pxError(unpacked);
    const hold = val(body, 'Hold') === undefined ? this.opts.holdShipmentsOnEntry : val(body, 'Hold') === true;
    const stamp = this.stamp();
    const shipment: ShipmentRec = {
      id: randomUUID(),
      ShipmentNbr: nbr,
      Type: 'Shipment',
      Status: hold ? 'On Hold' : 'Open',
      Hold: hold,
      Operation: 'Issue',
      ShipmentDate: shipmentDate,
      CustomerID: first.CustomerID,
      WarehouseID: warehouseId,
      ShipVia: shipVia || first.ShipVia,
      Description: str(body, 'Description'),
      ShippedQty: lines.reduce((s, l) => s + l.ShippedQty, 0),
      ControlQty: num(body, 'ControlQty') ?? 0,
      PackageCount: packages.length,
      LastModifiedDateTime: stamp,
      ShippingSettings: { ShipToAddress: { ...first.ShipToAddress }, ShipToContact: { ...first.ShipToContact } },
      Details: lines,
      Orders: [...new Map(resolved.map((r) => [`${r.so.OrderType}|${r.so.OrderNbr}`, r.so])).values()].map((so) => ({ id: randomUUID(), OrderType: so.OrderType, OrderNbr: so.OrderNbr, ShipmentNbr: nbr })),
      Packages: packages,
    };
    this.shipments.push(shipment);
    for (const r of resolved) {
      r.line.QtyOnShipments += r.qty;
      AcumaticaStore.recomputeLine(r.line);
    }
    for (const so of new Set(resolved.map((r) => r.so))) {
      so.Shipments.push({ id: randomUUID(), ShipmentNbr: nbr, ShipmentType: 'Shipment', Status: shipment.Status, ShippedQty: resolved.filter((r) => r.so === so).reduce((s, r) => s + r.qty, 0), ShipmentDate: shipment.ShipmentDate });
      if (so.Details.every((l) => l.OpenQty === 0)) so.Status = 'Shipping';
      so.LastModified = this.stamp();
    }
    return { status: 200, body: shipment };
  }

  confirm(sh: ShipmentRec): Answer | null {
    const orderLine = (d: ShipmentLineRec): SalesOrderLineRec | undefined => this.findOrder(d.OrderType, d.OrderNbr)?.Details.find((l) => l.LineNbr === d.OrderLineNbr);
    const refused = confirmRefusal(sh, this.opts.validateShipmentTotal, orderLine);
    if (refused) return pxError(refused);
    sh.Status = 'Confirmed';
    sh.Packages.forEach((p) => (p.Confirmed = true));
    sh.LastModifiedDateTime = this.stamp();
    for (const d of sh.Details) {
      const line = orderLine(d);
      if (!line) continue;
      line.ShippedQty += d.ShippedQty;
      // A line shipped short stays open (Back Order Allowed) unless its rule cancels the remainder.
      if (line.ShippedQty >= line.OrderQty || (eqi(line.ShippingRule, 'Cancel Remainder') && d.ShippedQty > 0)) line.Completed = true;
      AcumaticaStore.recomputeLine(line);
    }
    for (const o of sh.Orders) {
      const so = this.findOrder(o.OrderType, o.OrderNbr);
      if (!so) continue;
      const ref = so.Shipments.find((s) => s.ShipmentNbr === sh.ShipmentNbr);
      if (ref) ref.Status = 'Confirmed';
      const stock = so.Details.filter(shippable);
      so.Status = stock.every((l) => l.Completed) ? 'Completed' : stock.some((l) => l.OpenQty > 0) ? 'Back Order' : 'Shipping';
      so.LastModified = this.stamp();
    }
    return null;
  }

  /** SalesOrderCreateShipment: everything open on the order (optionally of one warehouse) goes on a new shipment. */
  createShipmentFromOrder(so: SalesOrderRec, shipmentDate: string, warehouseId: string): Answer {
    const day = shipmentDate.slice(0, 10);
    const lines = so.Details.filter((l) => shippable(l) && eqi(l.Operation, 'Issue') && l.OpenQty > 0 && (!l.ShipOn || l.ShipOn.slice(0, 10) <= day) && (!warehouseId || eqi(l.WarehouseID, warehouseId)));
    if (lines.length === 0) return pxError(`The sales order ${so.OrderType} ${so.OrderNbr} has nothing to ship.`);
    return this.createShipment(
      {
        Type: { value: 'Shipment' },
        CustomerID: { value: so.CustomerID },
        WarehouseID: { value: warehouseId || lines[0]!.WarehouseID },
        ShipmentDate: { value: shipmentDate },
        Hold: { value: this.opts.holdShipmentsOnEntry },
        Details: lines.map((l) => ({ OrderType: { value: so.OrderType }, OrderNbr: { value: so.OrderNbr }, OrderLineNbr: { value: l.LineNbr }, ShippedQty: { value: l.OpenQty } })),
        ControlQty: { value: lines.reduce((t, l) => t + l.OpenQty, 0) },
      },
      {},
    );
  }
}

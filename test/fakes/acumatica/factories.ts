// Building complete records from partial ones, and seeding many plausible ones deterministically.
import { randomUUID } from 'node:crypto';
import type { DeepPartial, SalesOrderLineRec, SalesOrderRec, ShipmentRec } from './model.js';
import { customers, nonStockItems, pad, pick, seededRandom, stockItems, type Customer } from './seed.js';
import { shippable, splitsFor } from './shipment-rules.js';
import { AcumaticaStore } from './store.js';

export interface SeedOptions {
  seed?: number;
  status?: string;
  orderType?: string;
  warehouseId?: string;
  /** Inclusive range of stock lines per order. */
  lines?: [number, number];
  /** Share of orders that also carry a non-stock line (freight, installation). */
  nonStockShare?: number;
}

function dateOnly(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00+00:00`;
}

export function buildLine(p: DeepPartial<SalesOrderLineRec>, lineNbr: number, warehouseId: string): SalesOrderLineRec {
  const item = stockItems[(lineNbr - 1) % stockItems.length]!;
  const line: SalesOrderLineRec = {
    id: randomUUID(),
    LineNbr: lineNbr,
    InventoryID: pad(item.InventoryID),
    AlternateID: item.alternateId ?? '',
    LineDescription: item.description,
    LineType: item.lineType,
    OrderQty: 1,
    OpenQty: 1,
    QtyOnShipments: 0,
    ShippedQty: 0,
    UnitPrice: item.price,
    UOM: item.uom,
    WarehouseID: warehouseId,
    Completed: false,
    Operation: 'Issue',
    ShipOn: '',
    ShippingRule: 'Back Order Allowed',
    LotSerialNbr: '',
    ...p,
  };
  if (p.OpenQty === undefined) AcumaticaStore.recomputeLine(line);
  return line;
}

export function buildSalesOrder(store: AcumaticaStore, p: DeepPartial<SalesOrderRec>, customer: Customer = customers[0]!): SalesOrderRec {
  const orderType = p.OrderType ?? 'SO';
  const now = store.opts.now();
  const warehouseId = 'WHOLESALE';
  const { Details, ShipToAddress, ShipToContact, ShippingSettings, Shipments, ...header } = p;
  const so: SalesOrderRec = {
    id: randomUUID(),
    OrderType: orderType,
    OrderNbr: p.OrderNbr ?? store.nextOrderNbr(orderType),
    Status: 'Open',
    Hold: false,
    CustomerID: customer.CustomerID,
    CustomerOrder: '',
    ExternalRef: '',
    Description: '',
    Date: dateOnly(now),
    RequestedOn: dateOnly(now + 3 * 86_400_000),
    ShipVia: customer.shipVia,
    LocationID: 'MAIN',
    LastModified: store.stamp(),
    ShipToAddress: { ...customer.address, ...(ShipToAddress as object) },
    ShipToContact: { ...customer.contact, ...(ShipToContact as object) },
    ShippingSettings: { ShipVia: customer.shipVia, ShippingRule: 'Back Order Allowed', ShipSeparately: false, ...(ShippingSettings as object) },
    Details: (Details ?? [{}]).map((d, i) => buildLine(d, i + 1, warehouseId)),
    Shipments: (Shipments ?? []) as SalesOrderRec['Shipments'],
    ...(header as Partial<SalesOrderRec>),
  };
  // As Acumatica does: a line's Ship On defaults to the order's Requested On, its Shipping Rule to the order's.
  for (const [i, l] of so.Details.entries()) {
    const given = Details?.[i];
    if (!given?.ShipOn) l.ShipOn = so.RequestedOn;
    if (!given?.ShippingRule) l.ShippingRule = so.ShippingSettings.ShippingRule;
  }
  return so;
}

export function seedSalesOrders(store: AcumaticaStore, n: number, opts: SeedOptions = {}): SalesOrderRec[] {
  const random = seededRandom(opts.seed ?? 20240715);
  const [minLines, maxLines] = opts.lines ?? [1, 4];
  const warehouseId = opts.warehouseId ?? 'WHOLESALE';
  const out: SalesOrderRec[] = [];
  for (let i = 0; i < n; i++) {
    const customer = pick(random, customers);
    const count = minLines + Math.floor(random() * (maxLines - minLines + 1));
    const details: DeepPartial<SalesOrderLineRec>[] = [];
    const used = new Set<string>();
    for (let l = 0; l < count; l++) {
      let item = pick(random, stockItems);
      while (used.has(item.InventoryID)) item = pick(random, stockItems);
      used.add(item.InventoryID);
      const qty = 1 + Math.floor(random() * (item.price > 200 ? 2 : 12));
      details.push({ InventoryID: pad(item.InventoryID), AlternateID: item.alternateId ?? '', LineDescription: item.description, LineType: item.lineType, OrderQty: qty, UnitPrice: item.price, UOM: item.uom, WarehouseID: warehouseId });
    }
    if (random() < (opts.nonStockShare ?? 0.15)) {
      const item = pick(random, nonStockItems);
      details.push({ InventoryID: pad(item.InventoryID), LineDescription: item.description, LineType: item.lineType, OrderQty: 1, UnitPrice: item.price, UOM: item.uom, WarehouseID: warehouseId });
    }
    const daysAgo = Math.floor(random() * 20);
    const so = buildSalesOrder(
      store,
      {
        OrderType: opts.orderType ?? 'SO',
        Status: opts.status ?? 'Open',
        CustomerOrder: `PO-${100000 + Math.floor(random() * 900000)}`,
        Description: random() < 0.2 ? 'Deliver to the loading dock, weekdays 8-16' : '',
        Date: dateOnly(store.opts.now() - daysAgo * 86_400_000),
        Details: details,
      },
      customer,
    );
    so.Details.forEach((d) => (d.WarehouseID = warehouseId));
    // Last touched some time on its order day, never in the last ten minutes: like an instance's history.
    const now = store.opts.now();
    const touched = Math.min(now - 600_000 - (n - i), Date.parse(so.Date) + Math.floor(random() * 86_400_000));
    so.LastModified = new Date(touched).toISOString().replace('Z', '+00:00');
    out.push(so);
  }
  return out;
}

/** An open shipment carrying all open stock lines of a (new) sales order. */
export function buildShipmentFor(store: AcumaticaStore, so: SalesOrderRec, p: DeepPartial<ShipmentRec> = {}): ShipmentRec {
  const nbr = p.ShipmentNbr ?? store.nextShipmentNbr();
  const stock = so.Details.filter((l) => shippable(l) && l.Operation === 'Issue' && l.OpenQty > 0);
  const { Details, Packages, ShippingSettings, Orders, ...header } = p;
  const sh: ShipmentRec = {
    id: randomUUID(),
    ShipmentNbr: nbr,
    Type: 'Shipment',
    Status: 'Open',
    Hold: false,
    Operation: 'Issue',
    ShipmentDate: so.Date,
    CustomerID: so.CustomerID,
    WarehouseID: stock[0]?.WarehouseID ?? 'WHOLESALE',
    ShipVia: so.ShipVia,
    Description: '',
    ShippedQty: stock.reduce((s, l) => s + l.OpenQty, 0),
    ControlQty: stock.reduce((s, l) => s + l.OpenQty, 0),
    PackageCount: 0,
    LastModifiedDateTime: store.stamp(),
    ShippingSettings: {
      ShipToAddress: { ...so.ShipToAddress, ...(ShippingSettings?.ShipToAddress as object) },
      ShipToContact: { ...so.ShipToContact, ...(ShippingSettings?.ShipToContact as object) },
    },
    Details: (Details as ShipmentRec['Details'] | undefined) ??
      stock.map((l, i) => {
        const line = { id: randomUUID(), LineNbr: i + 1, OrderType: so.OrderType, OrderNbr: so.OrderNbr, OrderLineNbr: l.LineNbr, InventoryID: l.InventoryID, Description: l.LineDescription, ShippedQty: l.OpenQty, OrderedQty: l.OrderQty, UOM: l.UOM, WarehouseID: l.WarehouseID, LocationID: 'R1S1', LotSerialNbr: l.LotSerialNbr, Allocations: [] as ShipmentRec['Details'][number]['Allocations'] };
        line.Allocations = splitsFor(line, l.LotSerialNbr ? [{ LotSerialNbr: l.LotSerialNbr, Qty: l.OpenQty }] : [], false, i + 1);
        return line;
      }),
    Orders: (Orders as ShipmentRec['Orders'] | undefined) ?? [{ id: randomUUID(), OrderType: so.OrderType, OrderNbr: so.OrderNbr, ShipmentNbr: nbr }],
    Packages: (Packages as ShipmentRec['Packages'] | undefined) ?? [],
    ...(header as Partial<ShipmentRec>),
  };
  for (const d of sh.Details) {
    const line = so.Details.find((l) => l.LineNbr === d.OrderLineNbr);
    if (line) {
      line.QtyOnShipments += d.ShippedQty;
      AcumaticaStore.recomputeLine(line);
    }
  }
  so.Shipments.push({ id: randomUUID(), ShipmentNbr: nbr, ShipmentType: 'Shipment', Status: sh.Status, ShippedQty: sh.ShippedQty, ShipmentDate: sh.ShipmentDate });
  if (so.Details.every((l) => l.OpenQty === 0)) so.Status = 'Shipping';
  return sh;
}

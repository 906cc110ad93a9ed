// How records from the double become canonical orders: padding, non-stock lines, open quantities, held records.
import { mapSalesOrder, salesOrderMapOptions } from '../../../main/core/acumatica/map-sales-order.js';
import type { Order } from '../../../main/core/domain/index.js';
import { describe, expect, it } from 'vitest';
import { useAcumatica } from './setup.js';

describe('Acumatica mapping', () => {
  const start = useAcumatica();

  it('holds a malformed record with a reason while the others import', async () => {
    const h = await start();
    h.double.seedSalesOrders(20);
    const bad = h.double.addSalesOrder({ wire: { Details: [{ id: 'x', LineNbr: { value: 1 }, InventoryID: { value: 'AALEGO500' }, OrderQty: { value: 'ten' } }] } });
    const noCountry = h.double.addSalesOrder({ ShipToAddress: { Country: '' } });
    const result = await h.gateway.importOrders({ since: null });
    expect(result.orders).toHaveLength(20);
    expect(result.held.map((x) => x.ref).sort()).toEqual([`SO-${bad.OrderNbr}`, `SO-${noCountry.OrderNbr}`].sort());
    const shape = result.held.find((x) => x.ref === `SO-${bad.OrderNbr}`)!;
    expect(shape.reason).toMatch(/Details\[0\]\.OrderQty/);
    expect(shape.key).toEqual({ kind: 'sales-order', orderType: 'SO', orderNbr: bad.OrderNbr });
    expect(shape.raw).toBeTruthy();
    expect(shape.lastModified).toBe(bad.LastModified);
    expect(result.held.find((x) => x.ref === `SO-${noCountry.OrderNbr}`)!.reason).toMatch(/no country/);
  });

  it('trims InventoryID padding, keeps AlternateID and UOM', async () => {
    const h = await start();
    const so = h.double.addSalesOrder({ Details: [{ InventoryID: 'AA-BB-CC          ', AlternateID: 'CUST-77', UOM: 'CASE', OrderQty: 4 }] });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    expect(order!.lines[0]).toMatchObject({ inventoryId: 'AA-BB-CC', sku: 'AA-BB-CC', alternateId: 'CUST-77', uom: 'CASE', quantity: 4, lineRef: '1' });
    // the double really sent the padded value
    expect(h.double.salesOrders()[0]!.Details[0]!.InventoryID).toBe('AA-BB-CC          ');
    expect(order!.ref).toBe(`SO-${so.OrderNbr}`);
  });

  it('leaves out charges, return lines and lines with nothing open, with a note; sends non-stock goods that require shipment', async () => {
    const h = await start();
    h.double.addSalesOrder({
      Details: [
        { InventoryID: 'AALEGO500', OrderQty: 10, QtyOnShipments: 4 },
        // A non-stock item that requires shipment has the Line Type "Non-Inventory Goods": the warehouse ships it.
        { InventoryID: 'GIFTBOX', LineType: 'Non-Inventory Goods', OrderQty: 1 },
        { InventoryID: 'FREIGHT', LineType: 'Misc. Charge', OrderQty: 1 },
        { InventoryID: 'INSTALL', LineType: 'Misc. Charge', OrderQty: 2 },
        { InventoryID: 'APPLES', OrderQty: 3, QtyOnShipments: 3 },
        // An RMA line (Operation Receipt) brings goods back: never sent to the warehouse (issue #14 item 9).
        { InventoryID: 'CUP-CERAMIC', OrderQty: 2, Operation: 'Receipt' },
      ],
    });
    const noStock = h.double.addSalesOrder({ Details: [{ InventoryID: 'INSTALL', LineType: 'Misc. Charge', OrderQty: 1 }] });
    const result = await h.gateway.importOrders({ since: null });
    const order = result.orders[0]!;
    expect(order.lines.map((l) => [l.inventoryId, l.quantity])).toEqual([['AALEGO500', 6], ['GIFTBOX', 1]]);
    expect(order.skippedLines.map((s) => [s.inventoryId, s.reason])).toEqual([
      ['FREIGHT', 'Misc. Charge line: not shipped by the warehouse'],
      ['INSTALL', 'Misc. Charge line: not shipped by the warehouse'],
      ['APPLES', 'nothing left to ship (open quantity 0)'],
      ['CUP-CERAMIC', 'Receipt line (return): not shipped by the warehouse'],
    ]);
    expect(result.held).toHaveLength(1);
    expect(result.held[0]!.ref).toBe(`SO-${noStock.OrderNbr}`);
    expect(result.held[0]!.reason).toMatch(/Nothing on this order can be shipped/);
  });

  it('the import and the re-read of one order apply the Line Types setting', async () => {
    const h = await start({ settings: { shipLineTypes: ['Goods for Inventory'] } });
    const so = h.double.addSalesOrder({
      Details: [
        { InventoryID: 'AALEGO500', OrderQty: 2 },
        { InventoryID: 'GIFTBOX', LineType: 'Non-Inventory Goods', OrderQty: 1 },
      ],
    });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    expect(order!.lines.map((l) => l.inventoryId)).toEqual(['AALEGO500']);
    expect(order!.skippedLines.map((s) => s.inventoryId)).toEqual(['GIFTBOX']);
    const reread = await h.gateway.fetchOrder({ kind: 'sales-order', orderType: 'SO', orderNbr: so.OrderNbr });
    expect(reread && 'lines' in reread ? reread.lines.map((l) => l.inventoryId) : reread).toEqual(['AALEGO500']);
  });

  it('the Line Types sent to the warehouse are a setting (salesOrderMapOptions)', () => {
    const raw = {
      OrderType: { value: 'SO' },
      OrderNbr: { value: '000001' },
      Status: { value: 'Open' },
      ShipToAddress: { Country: { value: 'US' } },
      Details: [
        { LineNbr: { value: 1 }, InventoryID: { value: 'GIFTBOX' }, LineType: { value: 'Non-Inventory Goods' }, OrderQty: { value: 1 }, OpenQty: { value: 1 }, Operation: { value: 'Issue' } },
        { LineNbr: { value: 2 }, InventoryID: { value: 'AALEGO500' }, LineType: { value: 'Goods for Inventory' }, OrderQty: { value: 1 }, OpenQty: { value: 1 }, ShipOn: { value: '2026-12-09T00:00:00+00:00' }, ShippingRule: { value: 'Ship Complete' } },
      ],
    };
    const stockOnly = mapSalesOrder(raw, salesOrderMapOptions({ warehouseId: '', statuses: ['Open'], shipLineTypes: ['Goods for Inventory'] })) as Order;
    expect(stockOnly.lines.map((l) => l.inventoryId)).toEqual(['AALEGO500']);
    expect(stockOnly.lines[0]).toMatchObject({ shipOn: '2026-12-09', shippingRule: 'Ship Complete', lineType: 'Goods for Inventory' });
    const both = mapSalesOrder(raw, { warehouseId: '', statuses: ['Open'] }) as Order;
    expect(both.lines.map((l) => l.inventoryId)).toEqual(['GIFTBOX', 'AALEGO500']);
  });

  it('fetchOrder: the order as it is now, a canceled one with its status, null when gone', async () => {
    const h = await start();
    const so = h.double.addSalesOrder({ Details: [{ OrderQty: 2 }] });
    const order = await h.gateway.fetchOrder({ kind: 'sales-order', orderType: 'SO', orderNbr: so.OrderNbr });
    expect(order).toMatchObject({ ref: `SO-${so.OrderNbr}`, status: 'Open' });
    h.double.cancelSalesOrder('SO', so.OrderNbr);
    expect(await h.gateway.fetchOrder({ kind: 'sales-order', orderType: 'SO', orderNbr: so.OrderNbr })).toMatchObject({ status: 'Canceled', lines: [] });
    expect(await h.gateway.fetchOrder({ kind: 'sales-order', orderType: 'SO', orderNbr: '999999' })).toBeNull();
    expect(await h.gateway.fetchOrder({ kind: 'shipment', shipmentNbr: '999999' })).toBeNull();
    const missing = h.double.requests.at(-1)!;
    expect(missing.status).toBe(500);
    expect(h.gateway.connection().state).toBe('connected');
  });

  it('shipment mode: a shipment without ship-to country is held, the rest import', async () => {
    const h = await start({ settings: { mode: 'shipments' } });
    h.double.seedShipments(5);
    const bad = h.double.addShipment({ ShippingSettings: { ShipToAddress: { Country: '' } } });
    const result = await h.gateway.importOrders({ since: null });
    expect(result.orders).toHaveLength(5);
    expect(result.held.map((x) => [x.ref, x.key])).toEqual([[bad.ShipmentNbr, { kind: 'shipment', shipmentNbr: bad.ShipmentNbr }]]);
  });
});

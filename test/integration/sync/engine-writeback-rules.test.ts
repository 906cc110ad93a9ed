// The engine's write-back under Acumatica's shipment rules (issue #14 items 3 and 6): one shipment per warehouse,
// and a "Cancel Remainder" partial shown as done with the remainder cancelled, not waited for.
import { describe, expect, it } from 'vitest';
import { useEngine } from '../../helpers/engine-harness.js';

const setup = useEngine();

describe('engine write-back under Acumatica shipment rules', () => {
  it('an order shipping from two Acumatica warehouses becomes two confirmed shipments, each of one warehouse', async () => {
    const h = await setup();
    const so = h.double.addSalesOrder({ Details: [{ InventoryID: 'AALEGO500', OrderQty: 2 }, { InventoryID: 'APPLES', OrderQty: 1, WarehouseID: 'RETAIL' }] });
    await h.engine.runCycle();
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    const lines = h.wms.orders.get(ref)!.lines;
    h.wms.ship(ref, lines.map((l, i) => ({ trackingNumber: `1ZWH${i}`, contents: [{ lineRef: l.lineRef, sku: l.sku, quantity: l.quantity }] })));
    await h.engine.runCycle();
    const shipments = h.double.shipments();
    expect(shipments.map((s) => [s.WarehouseID, s.Status, s.Packages.map((p) => p.TrackingNbr)])).toEqual([
      ['WHOLESALE', 'Confirmed', ['1ZWH0']],
      ['RETAIL', 'Confirmed', ['1ZWH1']],
    ]);
    expect(h.store.orders.get(ref)!.state).toBe('done');
    const [f] = h.store.fulfillments.forOrder(ref);
    expect(f!.state).toBe('written');
    // A further cycle writes nothing again.
    await h.engine.runCycle();
    expect(h.double.shipments()).toHaveLength(2);
  });

  it('a "Cancel Remainder" partial is written and the order is done with the remainder shown as cancelled, and flagged to cancel at the warehouse', async () => {
    const h = await setup();
    const so = h.double.addSalesOrder({ ShippingSettings: { ShippingRule: 'Cancel Remainder' }, Details: [{ InventoryID: 'AALEGO500', OrderQty: 4 }] });
    await h.engine.runCycle();
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    const line = h.wms.orders.get(ref)!.lines[0]!;
    h.wms.ship(ref, [{ trackingNumber: '1ZPART', contents: [{ lineRef: line.lineRef, sku: line.sku, quantity: 1 }] }]);
    await h.engine.runCycle();
    expect(h.double.salesOrders().find((o) => o.OrderNbr === so.OrderNbr)!.Status).toBe('Completed');
    expect(h.store.orders.get(ref)!.state).toBe('done');
    const notes = h.store.activity.list({ search: 'Remainder cancelled', offset: 0, limit: 10 }).rows.map((r) => r.message);
    expect(notes).toEqual(['Remainder cancelled in Acumatica (Shipping Rule "Cancel Remainder"): line 1 AALEGO500: 3 EA']);
    // Review M5: the warehouse still has the remainder open; if it ships it, the write-back has nothing to post to.
    expect(h.store.orders.get(ref)!.attention).toBe(
      'Remainder cancelled in Acumatica (Shipping Rule "Cancel Remainder"): line 1 AALEGO500: 3 EA. The warehouse still has it open: cancel it there, or a later shipment of it cannot be written back.',
    );
  });
});

describe('engine write-back in shipment mode without confirmation', () => {
  // Review B2: a second fulfillment of the same Shipment set ShippedQty from itself alone (0 on lines it lacks),
  // undoing the first. A consultant expects the shipment to show everything shipped so far.
  it('a second fulfillment of one shipment adds to the first one\'s shipped quantities instead of replacing them', async () => {
    const h = await setup({ acumatica: { mode: 'shipments', confirmShipments: false } });
    const sh = h.double.addShipment({ order: { Details: [{ InventoryID: 'AALEGO500', OrderQty: 5 }, { InventoryID: 'APPLES', OrderQty: 2 }] } });
    await h.engine.runCycle();
    const ref = sh.ShipmentNbr;
    const [a, b] = h.wms.orders.get(ref)!.lines;
    // Both reported in one poll: the second is written right after the first, before any re-import of the shipment.
    h.wms.ship(ref, [{ trackingNumber: '1ZB2FIRST', contents: [{ lineRef: a!.lineRef, sku: a!.sku, quantity: 3 }] }], 'f1');
    h.wms.ship(ref, [{ trackingNumber: '1ZB2SECOND', contents: [{ lineRef: a!.lineRef, sku: a!.sku, quantity: 1 }, { lineRef: b!.lineRef, sku: b!.sku, quantity: 2 }] }], 'f2');
    await h.engine.runCycle();
    const after = h.double.shipments().find((s) => s.ShipmentNbr === ref)!;
    expect(after.Details.map((d) => [d.InventoryID, d.ShippedQty])).toEqual([
      ['AALEGO500', 4],
      ['APPLES', 2],
    ]);
    expect(after.ShippedQty).toBe(6);
    expect(after.ControlQty).toBe(6);
    expect(after.Packages.map((p) => p.TrackingNbr)).toEqual(['1ZB2FIRST', '1ZB2SECOND']);
    expect(h.store.fulfillments.forOrder(ref).map((f) => f.state)).toEqual(['written', 'written']);
  });

  it('re-importing the shipment after a partial write-back is no edit: the warehouse gets no change, the rest still writes back', async () => {
    const h = await setup({ acumatica: { mode: 'shipments', confirmShipments: false } });
    const sh = h.double.addShipment({ order: { Details: [{ InventoryID: 'AALEGO500', OrderQty: 6 }, { InventoryID: 'APPLES', OrderQty: 2 }] } });
    await h.engine.runCycle();
    const ref = sh.ShipmentNbr;
    const [a, b] = h.wms.orders.get(ref)!.lines;
    h.wms.ship(ref, [{ trackingNumber: '1ZPART1', contents: [{ lineRef: a!.lineRef, sku: a!.sku, quantity: 3 }] }], 'f1');
    await h.engine.runCycle();
    // Our own write-back set the lines' ShippedQty (3 and 0) and so changed the Shipment: the next poll re-imports it.
    expect(h.double.shipments().find((s) => s.ShipmentNbr === ref)!.Details.map((d) => d.ShippedQty)).toEqual([3, 0]);
    await h.engine.runCycle();
    expect(h.wms.received.filter((r) => r.ref === ref).map((r) => r.action)).toEqual(['new']);
    h.wms.ship(ref, [{ trackingNumber: '1ZPART2', contents: [{ lineRef: a!.lineRef, sku: a!.sku, quantity: 3 }, { lineRef: b!.lineRef, sku: b!.sku, quantity: 2 }] }], 'f2');
    await h.engine.runCycle();
    expect(h.double.shipments().find((s) => s.ShipmentNbr === ref)!.Details.map((d) => [d.InventoryID, d.ShippedQty])).toEqual([
      ['AALEGO500', 6],
      ['APPLES', 2],
    ]);
    expect(h.wms.received.filter((r) => r.ref === ref).map((r) => r.action)).toEqual(['new']);
    expect(h.store.fulfillments.forOrder(ref).map((f) => f.state)).toEqual(['written', 'written']);
  });
});

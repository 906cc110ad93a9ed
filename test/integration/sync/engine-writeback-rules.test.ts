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

  it('a "Cancel Remainder" partial is written and the order is done with the remainder shown as cancelled', async () => {
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
  });
});

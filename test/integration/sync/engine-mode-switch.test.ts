// Switching the import mode never re-sends what was already sent.
import { describe, expect, it } from 'vitest';
import { createAcumaticaGateway } from '../../../main/core/acumatica/client.js';
import { systemClock } from '../../../main/core/clock.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { createEngine } from '../../../main/core/sync/engine.js';
import { useEngine } from '../../helpers/engine-harness.js';

const setup = useEngine();

describe('switching from sales-order mode to shipment mode', () => {
  it('skips shipments whose sales orders were already sent, and sends shipments of new orders', async () => {
    const h = await setup();
    const sent = h.double.seedSalesOrders(3, { seed: 21 });
    await h.engine.runCycle();
    expect(h.wms.received).toHaveLength(3);

    // The customer now stages orders as shipments: Acumatica creates an open Shipment for every order, old and new.
    const first = sent[0]!;
    const line = first.Details[0]!;
    const old = h.double.addShipment({
      Details: [
        { id: '5d1f3a52-0000-4000-8000-000000000001', LineNbr: 1, OrderType: first.OrderType, OrderNbr: first.OrderNbr, OrderLineNbr: line.LineNbr, InventoryID: line.InventoryID, Description: line.LineDescription, ShippedQty: line.OpenQty, OrderedQty: line.OrderQty, UOM: line.UOM, WarehouseID: line.WarehouseID, LocationID: 'R1S1' },
      ],
    });
    const fresh = h.double.seedShipments(2, { seed: 22 });

    const settings = { ...h.settings, acumatica: { ...h.settings.acumatica!, mode: 'shipments' as const } };
    const gateway = createAcumaticaGateway({ settings: settings.acumatica, secrets: h.secrets, clock: systemClock, logger: silentLogger, tuning: { actionPollMs: 10 } });
    const engine = createEngine({ store: h.store, acumatica: gateway, wms: h.wms, settings: () => settings, clock: systemClock, logger: silentLogger });
    await engine.runCycle();

    const newRefs = fresh.map((s) => s.ShipmentNbr);
    const sentAfter = h.wms.received.slice(3).map((r) => r.ref);
    expect(sentAfter.sort()).toEqual([...newRefs].sort());
    expect(sentAfter).not.toContain(old.ShipmentNbr);
    expect(h.store.orders.get(old.ShipmentNbr)).toBeUndefined();
    expect(h.store.activity.list({ search: 'already sent', offset: 0, limit: 10 }).rows.map((r) => r.message).join()).toContain(old.ShipmentNbr);
  });
});

// Writing fulfillments back to the double, and checking the effect IN the double.
import { describe, expect, it } from 'vitest';
import { fulfillmentFor } from './fulfillments.js';
import { entityRequests, failure, mappings, useAcumatica } from './setup.js';

describe('Acumatica write-back', () => {
  const start = useAcumatica();

  it('sales-order mode: creates and confirms a Shipment in at most 3 requests, visible in the double', async () => {
    const h = await start({ settings: mappings });
    const so = h.double.addSalesOrder({ Details: [{ InventoryID: 'AALEGO500', OrderQty: 4 }, { InventoryID: 'APPLES', UOM: 'CASE', OrderQty: 2 }] });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const f = fulfillmentFor(order!, { tracking: ['1Z999AA10123456784', '1Z999AA10123456785'] });
    const plan = h.gateway.planShipment(order!, f);
    expect(plan.mode).toBe('create');
    expect(plan.trackingNumbers).toEqual(['1Z999AA10123456784', '1Z999AA10123456785']);
    expect(await h.gateway.findExistingShipment(order!, plan)).toBeNull();

    const before = h.gateway.requestCount();
    const nbr = await h.gateway.putShipment(plan);
    await h.gateway.confirmShipment(nbr);
    // Look at the order's open shipments (one per order and warehouse), PUT, ConfirmShipment, its status poll.
    expect(h.gateway.requestCount() - before).toBeLessThanOrEqual(3);
    expect(plan.shipmentNbr).toBe(nbr);

    const sh = h.double.shipments().find((s) => s.ShipmentNbr === nbr)!;
    expect(sh).toMatchObject({ Status: 'Confirmed', ShipVia: 'UPSGROUND', CustomerID: so.CustomerID, WarehouseID: 'WHOLESALE', Description: `DropStream wms-SO-${so.OrderNbr}` });
    expect(sh.Details.map((d) => [d.OrderNbr, d.OrderLineNbr, d.ShippedQty])).toEqual([[so.OrderNbr, 1, 4], [so.OrderNbr, 2, 2]]);
    expect(sh.Packages.map((p) => [p.BoxID, p.TrackingNbr, p.Description, p.Weight])).toEqual([
      ['MEDIUM', '1Z999AA10123456784', 'CTN-1', 2.5],
      ['MEDIUM', '1Z999AA10123456785', 'CTN-2', 3.5],
    ]);
    expect(sh.Packages[0]!.PackageContents.map((c) => [c.InventoryID.trim(), c.Quantity])).toEqual([['AALEGO500', 4], ['APPLES', 2]]);
    const after = h.double.salesOrders().find((o) => o.OrderNbr === so.OrderNbr)!;
    expect(after.Status).toBe('Completed');
    expect(after.Shipments.map((s) => [s.ShipmentNbr, s.Status])).toEqual([[nbr, 'Confirmed']]);

    const put = entityRequests(h.double).find((r) => r.method === 'PUT')!;
    expect(put.headers['if-match']).toBeUndefined();
    const confirm = entityRequests(h.double).find((r) => r.path.endsWith('/ConfirmShipment'))!;
    expect(confirm.body).toEqual({ entity: { ShipmentNbr: { value: nbr } } });
    expect(confirm.status).toBe(202);
  });

  it('a partial shipment leaves the order on Back Order with the rest open', async () => {
    const h = await start({ settings: mappings });
    const so = h.double.addSalesOrder({ Details: [{ InventoryID: 'AALEGO500', OrderQty: 10 }] });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const nbr = await h.gateway.putShipment(h.gateway.planShipment(order!, fulfillmentFor(order!, { partial: true })));
    await h.gateway.confirmShipment(nbr);
    const after = h.double.salesOrders().find((o) => o.OrderNbr === so.OrderNbr)!;
    expect(after.Status).toBe('Back Order');
    expect(after.Details[0]).toMatchObject({ OpenQty: 5, QtyOnShipments: 5, Completed: false });
    const again = await h.gateway.fetchOrder({ kind: 'sales-order', orderType: 'SO', orderNbr: so.OrderNbr });
    expect(again).toMatchObject({ status: 'Back Order', lines: [{ quantity: 5 }] });
  });

  it('finds the Shipment created by a PUT whose answer was lost, and never sends the PUT twice', async () => {
    const h = await start({ settings: mappings });
    h.double.addSalesOrder({ Details: [{ OrderQty: 3 }] });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const plan = h.gateway.planShipment(order!, fulfillmentFor(order!));
    h.double.failNext({ status: 0, method: 'PUT', pathPrefix: '/entity/Default', afterProcessing: true });
    const err = await failure(h.gateway.putShipment(plan));
    expect(err.kind).toBe('transient');
    expect(entityRequests(h.double).filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(h.double.shipments()).toHaveLength(1);

    const found = await h.gateway.findExistingShipment(order!, plan);
    expect(found).toBe(h.double.shipments()[0]!.ShipmentNbr);
    await h.gateway.confirmShipment(found!);
    expect(h.double.shipments()[0]!.Status).toBe('Confirmed');
    // a different fulfillment of the same order is not mistaken for it
    const other = h.gateway.planShipment(order!, fulfillmentFor(order!, { id: 'wms-2', tracking: ['1ZOTHER'] }));
    expect(await h.gateway.findExistingShipment(order!, other)).toBeNull();
  });

  it('shipment mode: adds the packages to the existing Shipment (If-Match), then confirms', async () => {
    const h = await start({ settings: { ...mappings, mode: 'shipments' } });
    const seeded = h.double.addShipment({ order: { Details: [{ OrderQty: 2 }, { InventoryID: 'APPLES', OrderQty: 1 }] } });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const plan = h.gateway.planShipment(order!, fulfillmentFor(order!, { carrier: 'FedEx', service: 'Home' }));
    expect(plan).toMatchObject({ mode: 'update', shipmentNbr: seeded.ShipmentNbr });
    expect(await h.gateway.findExistingShipment(order!, plan)).toBeNull();

    expect(await h.gateway.putShipment(plan)).toBe(seeded.ShipmentNbr);
    const put = entityRequests(h.double).find((r) => r.method === 'PUT')!;
    expect(put.headers['if-match']).toBe('*');
    expect(await h.gateway.findExistingShipment(order!, plan)).toBe(seeded.ShipmentNbr);
    await h.gateway.confirmShipment(seeded.ShipmentNbr);

    const sh = h.double.shipments().find((s) => s.ShipmentNbr === seeded.ShipmentNbr)!;
    expect(sh.Status).toBe('Confirmed');
    expect(sh.ShipVia).toBe('FEDEXGROUND');
    expect(sh.Packages.map((p) => [p.TrackingNbr, p.BoxID])).toEqual([['1Z999AA10123456784', 'MEDIUM']]);
    expect(h.double.shipments()).toHaveLength(1);
  });

  it('confirming an already confirmed Shipment counts as success', async () => {
    const h = await start({ settings: mappings });
    h.double.addSalesOrder({});
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const nbr = await h.gateway.putShipment(h.gateway.planShipment(order!, fulfillmentFor(order!)));
    await h.gateway.confirmShipment(nbr);
    await expect(h.gateway.confirmShipment(nbr)).resolves.toBeUndefined();
    const refused = entityRequests(h.double).filter((r) => r.path.endsWith('/ConfirmShipment')).at(-1)!;
    expect(refused.status).toBe(500);
  });

  it('a confirmation that really fails keeps the server words (shipment on hold)', async () => {
    const h = await start({ settings: mappings });
    h.double.addSalesOrder({});
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const nbr = await h.gateway.putShipment(h.gateway.planShipment(order!, fulfillmentFor(order!)));
    // Someone puts it on hold in Acumatica before the confirmation.
    h.double.updateShipment(nbr, { Status: 'On Hold', Hold: true });
    const err = await failure(h.gateway.confirmShipment(nbr));
    expect(err.kind).toBe('business');
    expect(err.serverMessage).toMatch(/on hold/);
  });

  it('a 422 lists the refused fields; missing mappings hold the write-back before any request', async () => {
    const h = await start({ settings: { ...mappings, boxMap: { 'BOX-M': 'JUMBO' } } });
    h.double.addSalesOrder({});
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const err = await failure(h.gateway.putShipment(h.gateway.planShipment(order!, fulfillmentFor(order!))));
    expect(err.kind).toBe('business');
    expect(err.status).toBe(422);
    expect(err.fields).toEqual({ 'Packages[0].BoxID': "Box 'JUMBO' cannot be found in the system." });
    expect(err.message).toContain("Packages[0].BoxID: Box 'JUMBO' cannot be found in the system.");

    const count = h.gateway.requestCount();
    const noShipVia = h.makeGateway({ shipViaMap: {}, shipViaFallbackToOrder: false });
    const e1 = await failure(() => noShipVia.planShipment(order!, fulfillmentFor(order!, { carrier: 'DHL', service: 'Express' })));
    expect(e1).toMatchObject({ kind: 'business', message: 'No Ship Via mapping for carrier DHL service Express: add one in Settings > Mappings.' });
    const noBox = h.makeGateway({ boxMap: {}, defaultBoxId: '' });
    const e2 = await failure(() => noBox.planShipment(order!, fulfillmentFor(order!)));
    expect(e2.message).toMatch(/No Box ID for package type BOX-M/);
    expect(h.gateway.requestCount()).toBe(count);
  });

  it('over-shipping is refused by the server with the field error', async () => {
    const h = await start({ settings: mappings });
    h.double.addSalesOrder({ Details: [{ OrderQty: 2 }] });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const f = fulfillmentFor(order!);
    f.lines[0]!.quantity = 5;
    const err = await failure(h.gateway.putShipment(h.gateway.planShipment(order!, f)));
    expect(err.fields?.['Details[0].ShippedQty']).toMatch(/exceeds the open quantity 2/);
    expect(h.double.shipments()).toHaveLength(0);
  });

  it('works under an on-premise virtual folder (Location of the 202 includes it)', async () => {
    const h = await start({ settings: mappings, double: { instancePath: '/AcumaticaERP', actionPolls: 1 } });
    expect(h.double.url).toMatch(/\/AcumaticaERP$/);
    h.double.addSalesOrder({});
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const nbr = await h.gateway.putShipment(h.gateway.planShipment(order!, fulfillmentFor(order!)));
    await h.gateway.confirmShipment(nbr);
    const polls = h.double.requests.filter((r) => r.path.includes('/ConfirmShipment/status/'));
    expect(polls.map((p) => p.status)).toEqual([202, 204]);
    expect(h.double.shipments()[0]!.Status).toBe('Confirmed');
  });
});

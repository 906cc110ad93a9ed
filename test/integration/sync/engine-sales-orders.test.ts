// The engine end to end in sales-order mode: Acumatica double -> memory warehouse -> shipments in the double.
import { describe, expect, it } from 'vitest';
import { orderDetail } from '../../../main/core/api/views.js';
import { makeJobsDue, useEngine } from '../../helpers/engine-harness.js';

const setup = useEngine();

describe('engine, sales-order mode', () => {
  it('imports open orders, sends each once, and writes shipped packages back as confirmed shipments', async () => {
    const h = await setup();
    h.double.seedSalesOrders(20, { seed: 1, lines: [1, 3], nonStockShare: 0 });
    const first = await h.engine.runCycle();
    expect(first.errors).toEqual([]);
    expect(first.import?.imported).toBe(20);
    expect(h.wms.received.filter((r) => r.action === 'new')).toHaveLength(20);
    expect(h.store.orders.counts()['at-wms']).toBe(20);

    const refs = [...h.wms.orders.keys()].slice(0, 3);
    h.wms.shipAll(refs[0]!, '1ZFIRST0001');
    // multi-box: one line per box
    const second = h.wms.orders.get(refs[1]!)!;
    h.wms.ship(refs[1]!, second.lines.map((l, i) => ({ trackingNumber: `1ZMULTI${i}`, contents: [{ lineRef: l.lineRef, sku: l.sku, quantity: l.quantity }] })));
    await h.engine.runCycle();

    const shipments = h.double.shipments();
    expect(shipments).toHaveLength(2);
    const one = shipments.find((s) => s.Packages.some((p) => p.TrackingNbr === '1ZFIRST0001'))!;
    expect(one.Status).toBe('Confirmed');
    expect(one.Packages[0]!.BoxID).toBe('MEDIUM');
    const multi = shipments.find((s) => s.Packages.some((p) => p.TrackingNbr === '1ZMULTI0'))!;
    expect(multi.Packages).toHaveLength(second.lines.length);
    expect(h.store.orders.get(refs[0]!)!.state).toBe('done');
    expect(h.store.orders.get(refs[1]!)!.state).toBe('done');

    // A further cycle changes nothing: no second shipment, nothing re-sent.
    await h.engine.runCycle();
    expect(h.double.shipments()).toHaveLength(2);
    expect(h.wms.received).toHaveLength(20);
  });

  it('writes partial shipments as separate shipments and leaves the rest open', async () => {
    const h = await setup();
    const so = h.double.addSalesOrder({ Details: [{ InventoryID: 'WIDGET-BLUE', OrderQty: 4, OpenQty: 4, LineType: 'Goods for Inventory' }] });
    await h.engine.runCycle();
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    const line = h.wms.orders.get(ref)!.lines[0]!;
    expect(line.quantity).toBe(4);
    h.wms.ship(ref, [{ trackingNumber: '1ZPART1', contents: [{ lineRef: line.lineRef, sku: line.sku, quantity: 1 }] }]);
    await h.engine.runCycle();
    expect(h.store.orders.get(ref)!.state).toBe('at-wms');
    // Acumatica's open quantity went down: the next import must not look like an edit (no change sent).
    await h.engine.runCycle();
    expect(h.wms.received.filter((r) => r.ref === ref)).toHaveLength(1);
    h.wms.ship(ref, [{ trackingNumber: '1ZPART2', contents: [{ lineRef: line.lineRef, sku: line.sku, quantity: 3 }] }]);
    await h.engine.runCycle();
    const shipments = h.double.shipments().filter((s) => s.Details.some((d) => d.OrderNbr === so.OrderNbr));
    expect(shipments.map((s) => s.Details.reduce((n, d) => n + d.ShippedQty, 0)).sort()).toEqual([1, 3]);
    const done = h.store.orders.get(ref)!;
    expect(done.state).toBe('done');
    // Acumatica no longer lists the line as open; the order still shows it, with what was ordered and shipped.
    expect(done.lineCount).toBe(1);
    expect(orderDetail(h.store, done).lines).toMatchObject([{ lineRef: line.lineRef, ordered: 4, sent: 4, shipped: 4 }]);
  });

  it('keeps the server words of a refused write-back, and a retry after the fix succeeds', async () => {
    const h = await setup();
    const so = h.double.addSalesOrder();
    await h.engine.runCycle();
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    h.double.failNext({
      status: 422,
      count: 1,
      method: 'PUT',
      pathPrefix: '/entity/Default/',
      body: { message: 'An error has occurred.', exceptionMessage: 'Ship Via: The carrier is inactive.', exceptionType: 'PX.Data.PXOuterException' },
    });
    h.wms.shipAll(ref, '1ZREFUSED1');
    await h.engine.runCycle();
    const failed = h.store.orders.get(ref)!;
    expect(failed.state).toBe('writeback-failed');
    expect(JSON.stringify(failed.lastError)).toContain('The carrier is inactive');
    const [f] = h.store.fulfillments.forOrder(ref);
    expect(f!.payload).toMatchObject({ Type: { value: 'Shipment' } });
    expect(h.double.shipments()).toHaveLength(0);

    expect(h.engine.retry([ref])).toBe(1);
    await h.engine.runCycle();
    expect(h.store.orders.get(ref)!.state).toBe('done');
    expect(h.double.shipments()).toHaveLength(1);
  });

  it('"Retry all" of the failed write-backs retries only write-back failures; all failed retries every failed step (#17)', async () => {
    const h = await setup();
    const refused = h.double.addSalesOrder();
    const unsent = h.double.addSalesOrder();
    await h.engine.runCycle();
    const refusedRef = `${refused.OrderType}-${refused.OrderNbr}`;
    const unsentRef = `${unsent.OrderType}-${unsent.OrderNbr}`;
    h.double.failNext({
      status: 422,
      count: 1,
      method: 'PUT',
      pathPrefix: '/entity/Default/',
      body: { message: 'An error has occurred.', exceptionMessage: 'Ship Via: The carrier is inactive.', exceptionType: 'PX.Data.PXOuterException' },
    });
    h.wms.shipAll(refusedRef, '1ZREFUSED2');
    await h.engine.runCycle();
    expect(h.store.orders.get(refusedRef)!.state).toBe('writeback-failed');
    // The scene: the other order's send was refused (as wms-jobs records it).
    h.store.orders.setState(unsentRef, 'send-failed', new Date().toISOString());
    expect(h.store.orders.counts()).toMatchObject({ failed: 2, 'writeback-failed': 1, 'send-failed': 1 });

    expect(h.engine.retryAllFailed('writeback-failed')).toBe(1);
    expect(h.store.orders.get(refusedRef)!.state).toBe('writeback-pending');
    expect(h.store.orders.get(unsentRef)!.state).toBe('send-failed');

    expect(h.engine.retryAllFailed()).toBe(1);
    expect(h.store.orders.get(unsentRef)!.state).toBe('awaiting-wms');
    await h.engine.runCycle();
    expect(h.store.orders.get(refusedRef)!.state).toBe('done');
  });

  it('does not create a second shipment when the answer to a PUT was lost', async () => {
    const h = await setup();
    const so = h.double.addSalesOrder();
    await h.engine.runCycle();
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    h.double.failNext({ status: 0, count: 5, method: 'PUT', pathPrefix: '/entity/Default/', afterProcessing: true });
    h.wms.shipAll(ref, '1ZLOST0001');
    await h.engine.runCycle();
    expect(h.double.shipments().length).toBeGreaterThanOrEqual(1);
    h.restart();
    makeJobsDue(h.store);
    await h.engine.runCycle();
    const mine = h.double.shipments().filter((s) => s.Packages.some((p) => p.TrackingNbr === '1ZLOST0001'));
    expect(mine).toHaveLength(1);
    expect(h.store.orders.get(ref)!.state).toBe('done');
  });

  it('sends edits after sending as changes, and cancellations as cancels', async () => {
    const h = await setup();
    const a = h.double.addSalesOrder();
    const b = h.double.addSalesOrder();
    await h.engine.runCycle();
    h.double.updateSalesOrder(a.OrderType, a.OrderNbr, (so) => {
      so.ShipToAddress.AddressLine1 = '99 New Street';
    });
    h.double.cancelSalesOrder(b.OrderType, b.OrderNbr);
    await h.engine.runCycle();
    const refA = `${a.OrderType}-${a.OrderNbr}`;
    const refB = `${b.OrderType}-${b.OrderNbr}`;
    const change = h.wms.received.find((r) => r.ref === refA && r.action === 'change');
    expect(change?.order.shipTo.address.line1).toBe('99 New Street');
    expect(h.wms.received.some((r) => r.ref === refB && r.action === 'cancel')).toBe(true);
    expect(h.store.orders.get(refB)!.state).toBe('cancelled');
    expect(h.store.orders.get(refA)!.state).toBe('at-wms');
  });

  it('flags tracking for an order cancelled after shipping instead of writing it back', async () => {
    const h = await setup();
    const so = h.double.addSalesOrder();
    await h.engine.runCycle();
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    h.wms.refuseCancel = 'Already picked';
    h.double.cancelSalesOrder(so.OrderType, so.OrderNbr);
    await h.engine.runCycle();
    expect(h.store.orders.get(ref)!.attention).toMatch(/refused to cancel/);
    h.wms.shipAll(ref, '1ZAFTERCXL');
    await h.engine.runCycle();
    const rec = h.store.orders.get(ref)!;
    expect(rec.state).toBe('held');
    expect(rec.attention).toMatch(/cancelled in Acumatica/);
    expect(h.double.shipments()).toHaveLength(0);
  });

  it('pauses on a lapsed shared secret without failing anything, and resumes once a new one is saved', async () => {
    const h = await setup();
    h.double.seedSalesOrders(3, { seed: 3 });
    await h.engine.runCycle();
    const ref = [...h.wms.orders.keys()][0]!;
    h.double.expireSharedSecret();
    h.double.expireAccessTokens();
    // Orders that open while the secret is lapsed (seeded orders carry old change stamps; these are new).
    h.double.addSalesOrder();
    h.double.addSalesOrder();
    h.wms.shipAll(ref, '1ZWAITING1');
    const blocked = await h.engine.runCycle();
    expect(blocked.errors.some((e) => e.error.kind === 'credentials-rejected' && e.error.credential === 'acumatica-shared-secret')).toBe(true);
    expect(h.gateway.connection().state).toBe('credentials-rejected');
    expect(h.store.orders.counts().failed ?? 0).toBe(0);
    expect(h.double.shipments()).toHaveLength(0);

    h.double.rotateSharedSecret('brand-new-secret-123');
    await h.secrets.set('acumatica.sharedSecret', 'brand-new-secret-123');
    h.gateway.credentialsChanged();
    h.engine.credentialsChanged();
    const resumed = await h.engine.runCycle();
    expect(resumed.errors).toEqual([]);
    expect(h.wms.received.filter((r) => r.action === 'new')).toHaveLength(5);
    expect(h.double.shipments()).toHaveLength(1);
  });

  it('queues work while the warehouse is down and drains it in order without duplicates', async () => {
    const h = await setup();
    h.wms.down = true;
    h.double.seedSalesOrders(6, { seed: 5 });
    const down = await h.engine.runCycle();
    expect(down.errors.some((e) => e.side === 'wms' && e.error.kind === 'transient')).toBe(true);
    expect(h.store.orders.counts()['awaiting-wms']).toBe(6);
    const waiting = h.store.orders.list({ state: 'awaiting-wms', sort: 'ref', direction: 'asc', offset: 0, limit: 10 }).rows;
    expect(waiting.some((o) => o.lastError?.retryAt)).toBe(true);
    h.wms.down = false;
    h.restart();
    makeJobsDue(h.store);
    await h.engine.runCycle();
    const sent = h.wms.received.map((r) => r.ref);
    expect(sent).toHaveLength(6);
    expect(new Set(sent).size).toBe(6);
    expect([...sent]).toEqual([...sent].sort());
  });

  it('holds an order the warehouse reports an unknown SKU for, and sends it after a mapping is added', async () => {
    const h = await setup();
    const so = h.double.addSalesOrder({ Details: [{ InventoryID: 'OLDPART  ', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' }] });
    h.wms.unknownSkus.add('OLDPART');
    await h.engine.runCycle();
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    expect(h.store.orders.get(ref)!.state).toBe('held');
    expect(h.store.orders.get(ref)!.attention).toMatch(/Unknown SKU/);
    h.store.sku.upsert({ inventoryId: 'oldpart', uom: '', sku: 'NEWPART-1', factor: 1, components: [] });
    h.engine.retry([ref]);
    await h.engine.runCycle();
    expect(h.wms.orders.get(ref)!.lines[0]!.sku).toBe('NEWPART-1');
    expect(h.store.orders.get(ref)!.state).toBe('at-wms');
  });
});

describe('engine write-back concurrency', () => {
  it('writes back several orders at once within the licence limit, and an order with two shipments one at a time', async () => {
    // Parallel only with the concurrent-access scope (#14 item 13).
    const h = await setup({ acumatica: { maxConcurrent: 3, concurrentAccess: true } });
    h.double.seedSalesOrders(6, { seed: 31, lines: [2, 2], nonStockShare: 0 });
    await h.engine.runCycle();
    const refs = [...h.wms.orders.keys()];
    // The first order ships in two parts (two fulfillments of one order), the others in one.
    const first = h.wms.orders.get(refs[0]!)!;
    h.wms.ship(refs[0]!, [{ trackingNumber: '1ZPARTA', contents: [{ lineRef: first.lines[0]!.lineRef, sku: first.lines[0]!.sku, quantity: first.lines[0]!.quantity }] }]);
    h.wms.ship(refs[0]!, [{ trackingNumber: '1ZPARTB', contents: [{ lineRef: first.lines[1]!.lineRef, sku: first.lines[1]!.sku, quantity: first.lines[1]!.quantity }] }]);
    for (const ref of refs.slice(1)) h.wms.shipAll(ref);
    h.double.setLatency(40);
    await h.engine.runCycle();
    expect(h.double.shipments()).toHaveLength(7);
    expect(h.double.peakConcurrency()).toBeGreaterThan(1);
    expect(h.double.peakConcurrency()).toBeLessThanOrEqual(3);
    expect(h.store.orders.counts().done).toBe(6);
  });
});

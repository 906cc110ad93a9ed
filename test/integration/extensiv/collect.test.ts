// Shipped orders coming back from the Extensiv double: packages, tracking, split parts, closed-not-shipped, paging
// and the cursor that only moves in commit().
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../main/core/domain/index.js';
import { CURSOR_KEY, CURSOR_ORDER_KEY } from '../../../main/core/wms/extensiv/collect.js';
import { extensivSettingsSchema } from '../../../main/core/wms/extensiv/settings.js';
import { line, lookupOf, rawGet, rig, sampleOrder, type Rig } from './helpers.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

async function sendAll(orders: Order[]): Promise<void> {
  for (const o of orders) await r!.adapter.sendOrder(o, 'new', 1);
}

describe('Extensiv collect', () => {
  it('reads a shipped order with packages, tracking, weights, dimensions and contents mapped to line refs', async () => {
    r = await rig();
    const order = sampleOrder();
    await sendAll([order]);
    const shipped = r.wms.shipOrder('SO-000101', {
      carrier: 'UPS',
      mode: 'Ground',
      packages: [
        { tracking: '1Z999AA10123456784', weight: 3.5, length: 12, width: 10, height: 8, packageType: 'BOX-M', contents: { 'SKU-1': 2 } },
        { tracking: '1Z999AA10123456785', weight: 1.25, contents: { 'SKU-2': 1 } },
      ],
    });
    const result = await r.adapter.collect(lookupOf([order]));
    expect(result.rejected).toEqual([]);
    const fulfillments = result.batches.flatMap((b) => b.fulfillments);
    expect(fulfillments).toHaveLength(1);
    const f = fulfillments[0]!;
    expect(f.id).toBe(`extensiv:${shipped.readOnly.orderId}`);
    expect(f.orderRef).toBe('SO-000101');
    // The order went out with routingInfo.scacCode UPSN: the SCAC is the carrier reported, as the X12 945's W27-02.
    expect(f.carrier).toBe('UPSN');
    expect(f.carrierAlternates).toEqual(['UPS']);
    expect(f.service).toBe('Ground');
    expect(f.shipDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(f.packages).toEqual([
      { boxId: String(shipped.readOnly.packages[0]?.packageId), trackingNumber: '1Z999AA10123456784', packageType: 'BOX-M', weight: 3.5, weightUom: 'LB', length: 12, width: 10, height: 8, dimensionUom: 'IN', contents: [{ lineRef: '1', sku: 'SKU-1', quantity: 2 }] },
      { boxId: String(shipped.readOnly.packages[1]?.packageId), trackingNumber: '1Z999AA10123456785', packageType: '', weight: 1.25, weightUom: 'LB', length: null, width: null, height: null, dimensionUom: 'IN', contents: [{ lineRef: '2', sku: 'SKU-2', quantity: 1 }] },
    ]);
    expect(f.lines).toEqual([{ lineRef: '1', sku: 'SKU-1', quantity: 2 }, { lineRef: '2', sku: 'SKU-2', quantity: 1 }]);
    const q = r.wms.apiRequests('GET', '/orders').at(-1)?.query;
    expect(q?.rql).toMatch(/^readOnly\.isClosed==true;readOnly\.customerIdentifier\.id==1077;readOnly\.facilityIdentifier\.id==2;readOnly\.lastModifiedDate=ge=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(q?.detail).toBe('All');
    // 1000 is the documented maximum of pgsiz on GET /orders (Rels orders/orders): the default asks for it.
    expect(q?.pgsiz).toBe('1000');
  });

  it('reads ucc128 as the 18-digit SSCC it is (a JSON integer past 2^53) and uses it as the box id', async () => {
    r = await rig();
    const order = sampleOrder();
    await sendAll([order]);
    // 108612345678901238 as a JS number is 108612345678901230: its last digits would change. The leading 0 of the
    // second SSCC (extension digit 0) is gone in a JSON integer and comes back as padding to 18 digits.
    r.wms.shipOrder('SO-000101', {
      packages: [
        { tracking: 'T1', ucc128: '108612345678901238', contents: { 'SKU-1': 2 } },
        { tracking: 'T2', ucc128: '012345678901234567', contents: { 'SKU-2': 1 } },
      ],
    });
    const raw = await (await rawGet(r.wms, '/orders?detail=All')).text();
    expect(raw).toContain('"ucc128":108612345678901238');
    const [f] = (await r.adapter.collect(lookupOf([order]))).batches.flatMap((b) => b.fulfillments);
    expect(f?.packages.map((p) => p.boxId)).toEqual(['108612345678901238', '012345678901234567']);
  });

  it('reports the SCAC as the carrier when the warehouse records one, else the carrier name', async () => {
    r = await rig({ settings: { routing: { '*': { carrier: 'FedEx', mode: '92', scac: '' } } } });
    const a = sampleOrder('SO-000111');
    const b = sampleOrder('SO-000112');
    await sendAll([a, b]);
    r.wms.shipOrder(a.ref, { carrier: 'FedEx', mode: 'Ground', scacCode: 'FDEG', trackingNumber: '7'.repeat(12) });
    r.wms.shipOrder(b.ref, { carrier: 'FedEx', mode: 'Ground', trackingNumber: '8'.repeat(12) });
    const found = (await r.adapter.collect(lookupOf([a, b]))).batches.flatMap((x) => x.fulfillments);
    expect(found.map((f) => [f.orderRef, f.carrier, f.service])).toEqual([
      ['SO-000111', 'FDEG', 'Ground'],
      ['SO-000112', 'FedEx', 'Ground'],
    ]);
  });

  // Lot/serial fields: package contents carry lotNumber, serialNumber, serialNumbers[] (Airbyte package_content_info,
  // tap-3plcentral samples); order items carry readOnly.allocations[].detail.itemTraits.lotNumber / serialNumber,
  // filled only with itemdetail=AllocationsWithDetail (orders/order rel; Airbyte allocation.json "detail": "null
  // unless requested by including AllocationsWithDetail").
  it('reads lot and serial numbers from the package contents onto the boxes and lines', async () => {
    r = await rig();
    const order = sampleOrder();
    await sendAll([order]);
    r.wms.shipOrder('SO-000101', {
      lotReporting: 'packages',
      packages: [
        { tracking: 'T1', contents: { 'SKU-1': [{ qty: 1, lotNumber: 'LOT-A' }, { qty: 1, lotNumber: 'LOT-B' }] } },
        { tracking: 'T2', contents: { 'SKU-2': { qty: 1, serialNumbers: ['SN-0001'] } } },
      ],
    });
    const [f] = (await r.adapter.collect(lookupOf([order]))).batches.flatMap((b) => b.fulfillments);
    expect(f?.packages.map((p) => p.contents)).toEqual([
      [{ lineRef: '1', sku: 'SKU-1', quantity: 1, lotSerialNbr: 'LOT-A' }, { lineRef: '1', sku: 'SKU-1', quantity: 1, lotSerialNbr: 'LOT-B' }],
      [{ lineRef: '2', sku: 'SKU-2', quantity: 1, lotSerialNbr: 'SN-0001' }],
    ]);
    expect(f?.lines).toEqual([
      { lineRef: '1', sku: 'SKU-1', quantity: 2, lotSerials: [{ lotSerialNbr: 'LOT-A', quantity: 1 }, { lotSerialNbr: 'LOT-B', quantity: 1 }] },
      { lineRef: '2', sku: 'SKU-2', quantity: 1, lotSerials: [{ lotSerialNbr: 'SN-0001', quantity: 1 }] },
    ]);
  });

  it('takes lot and serial numbers from the item allocations when the boxes do not carry them', async () => {
    r = await rig();
    const order = sampleOrder('SO-000121', [line('1', 'SKU-1', 3), line('2', 'SKU-2', 2), line('3', 'SKU-3', 1)]);
    await sendAll([order]);
    r.wms.shipOrder(order.ref, {
      lotReporting: 'allocations',
      packages: [{ tracking: 'T1', contents: { 'SKU-1': [{ qty: 2, lotNumber: 'L1' }, { qty: 1, lotNumber: 'L2' }], 'SKU-2': { qty: 2, serialNumbers: ['S-1', 'S-2'] }, 'SKU-3': 1 } }],
    });
    const [f] = (await r.adapter.collect(lookupOf([order]))).batches.flatMap((b) => b.fulfillments);
    expect(f?.packages[0]?.contents.every((c) => c.lotSerialNbr === undefined)).toBe(true);
    expect(f?.lines).toEqual([
      { lineRef: '1', sku: 'SKU-1', quantity: 3, lotSerials: [{ lotSerialNbr: 'L1', quantity: 2 }, { lotSerialNbr: 'L2', quantity: 1 }] },
      { lineRef: '2', sku: 'SKU-2', quantity: 2, lotSerials: [{ lotSerialNbr: 'S-1', quantity: 1 }, { lotSerialNbr: 'S-2', quantity: 1 }] },
      { lineRef: '3', sku: 'SKU-3', quantity: 1 },
    ]);
    expect(r.wms.apiRequests('GET', '/orders').at(-1)?.query.itemdetail).toBe('AllocationsWithDetail');
  });

  it('decides per SKU: lots in one item\'s boxes do not hide the allocations of the other items', async () => {
    r = await rig();
    const order = sampleOrder('SO-000122', [line('1', 'SKU-1', 2), line('2', 'SKU-2', 2)]);
    await sendAll([order]);
    r.wms.shipOrder(order.ref, {
      lotReporting: 'both',
      packages: [{ tracking: 'T1', contents: { 'SKU-1': { qty: 2, lotNumber: 'BOX-LOT' }, 'SKU-2': { qty: 2, lotNumber: 'ALLOC-LOT' } } }],
    });
    // A warehouse that records the lot in the box for SKU-1 only: SKU-2's lot is in its allocation alone.
    r.wms.editOrder(order.ref, (o) => {
      for (const p of o.readOnly.packages ?? []) for (const c of p.packageContents ?? []) if (c.orderItemId === o.orderItems[1]!.readOnly.orderItemId) delete c.lotNumber;
    });
    const [f] = (await r.adapter.collect(lookupOf([order]))).batches.flatMap((b) => b.fulfillments);
    expect(f?.lines).toEqual([
      { lineRef: '1', sku: 'SKU-1', quantity: 2, lotSerials: [{ lotSerialNbr: 'BOX-LOT', quantity: 2 }] },
      { lineRef: '2', sku: 'SKU-2', quantity: 2, lotSerials: [{ lotSerialNbr: 'ALLOC-LOT', quantity: 2 }] },
    ]);
  });

  it('an order confirmed without packages becomes one package with the order tracking and all items', async () => {
    r = await rig({ settings: { measurement: 'metric' } });
    const order = sampleOrder();
    await sendAll([order]);
    const confirmed = r.wms.confirmOrder('SO-000101', '9400100000000000000001');
    const [f] = (await r.adapter.collect(lookupOf([order]))).batches.flatMap((b) => b.fulfillments);
    expect(f?.packages).toEqual([
      { boxId: String(confirmed.readOnly.orderId), trackingNumber: '9400100000000000000001', packageType: '', weight: null, weightUom: 'KG', length: null, width: null, height: null, dimensionUom: 'CM', contents: [{ lineRef: '1', sku: 'SKU-1', quantity: 2 }, { lineRef: '2', sku: 'SKU-2', quantity: 1 }] },
    ]);
  });

  it('closed is not shipped: an order closed without shipping and orders unknown to the engine are skipped', async () => {
    r = await rig();
    const a = sampleOrder('SO-000201');
    const b = sampleOrder('SO-000202');
    const stranger = sampleOrder('SO-000203');
    await sendAll([a, b, stranger]);
    r.wms.closeWithoutShipping('SO-000201');
    r.wms.shipOrder('SO-000202', { packages: [{ tracking: 'T-B', contents: { 'SKU-1': 2, 'SKU-2': 1 } }] });
    r.wms.shipOrder('SO-000203', { packages: [{ tracking: 'T-C', contents: { 'SKU-1': 2 } }] });
    const result = await r.adapter.collect(lookupOf([a, b]));
    expect(result.batches.flatMap((x) => x.fulfillments).map((f) => f.orderRef)).toEqual(['SO-000202']);
  });

  it('split parts "-1", "-2" come back as partial shipments of the parent order', async () => {
    r = await rig();
    const order = sampleOrder('SO-000301', [line('1', 'SKU-1', 3), line('2', 'SKU-2', 1)]);
    await sendAll([order]);
    const [p1, p2] = r.wms.splitOrder('SO-000301', [{ 'SKU-1': 2 }, { 'SKU-1': 1, 'SKU-2': 1 }]);
    r.wms.shipOrder(p1!.readOnly.orderId, { packages: [{ tracking: 'SPLIT-1', contents: { 'SKU-1': 2 } }] });
    const first = (await r.adapter.collect(lookupOf([order]))).batches.flatMap((b) => b.fulfillments);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ id: `extensiv:${p1!.readOnly.orderId}`, orderRef: 'SO-000301', lines: [{ lineRef: '1', sku: 'SKU-1', quantity: 2 }] });

    r.wms.shipOrder(p2!.readOnly.orderId, { packages: [{ tracking: 'SPLIT-2', contents: { 'SKU-1': 1, 'SKU-2': 1 } }] });
    const all = (await r.adapter.collect(lookupOf([order], { 'SO-000301': { '1': 2 } }))).batches.flatMap((b) => b.fulfillments);
    const second = all.find((f) => f.id === `extensiv:${p2!.readOnly.orderId}`);
    expect(second).toMatchObject({ orderRef: 'SO-000301', lines: [{ lineRef: '1', sku: 'SKU-1', quantity: 1 }, { lineRef: '2', sku: 'SKU-2', quantity: 1 }] });
    expect(second?.packages[0]?.trackingNumber).toBe('SPLIT-2');
  });

  it('spreads a SKU on two lines over their open quantities', async () => {
    r = await rig();
    const order = sampleOrder('SO-000401', [line('1', 'SKU-1', 2), line('2', 'SKU-1', 3)]);
    await sendAll([order]);
    r.wms.shipOrder('SO-000401', { packages: [{ tracking: 'T1', contents: { 'SKU-1': 1 } }, { tracking: 'T2', contents: { 'SKU-1': 1 } }] });
    // Line 1 already had 1 shipped earlier: the first unit fills it, the second goes to line 2.
    const [f] = (await r.adapter.collect(lookupOf([order], { 'SO-000401': { '1': 1 } }))).batches.flatMap((b) => b.fulfillments);
    expect(f?.packages.map((p) => p.contents)).toEqual([[{ lineRef: '1', sku: 'SKU-1', quantity: 1 }], [{ lineRef: '2', sku: 'SKU-1', quantity: 1 }]]);
  });

  it('pages by keyset (after the last order read), one batch per page, and moves the cursor only in commit()', async () => {
    let t = Date.parse('2026-11-27T08:00:00Z');
    r = await rig({ settings: { pageSize: 2 }, double: { now: () => t } });
    const orders = [1, 2, 3, 4, 5].map((n) => sampleOrder(`SO-00050${n}`));
    await sendAll(orders);
    for (const o of orders) {
      t += 60_000;
      r.wms.shipOrder(o.ref, { packages: [{ tracking: `T-${o.ref}`, contents: { 'SKU-1': 2, 'SKU-2': 1 } }] });
    }
    const ids = orders.map((o) => r!.wms.ordersWithRef(o.ref)[0]!.readOnly.orderId);
    const result = await r.adapter.collect(lookupOf(orders));
    expect(result.batches).toHaveLength(3);
    expect(result.batches.map((b) => b.fulfillments.map((f) => f.orderRef))).toEqual([['SO-000501', 'SO-000502'], ['SO-000503', 'SO-000504'], ['SO-000505']]);
    const asked = r.wms.apiRequests('GET', '/orders').slice(-3).map((q) => q.query);
    expect(asked.map((q) => [q.pgsiz, q.pgnum, q.sort])).toEqual(Array(3).fill(['2', '1', 'readOnly.lastModifiedDate,readOnly.orderId']));
    expect(asked[1]!.rql).toContain(`(readOnly.lastModifiedDate=gt=2026-11-27T08:02:00,readOnly.lastModifiedDate==2026-11-27T08:02:00;readOnly.orderId=gt=${ids[1]})`);
    expect(new Set(result.batches.map((b) => b.id)).size).toBe(3);

    expect(r.state.get(CURSOR_KEY)).toBeUndefined();
    await result.batches[0]!.commit();
    expect([r.state.get(CURSOR_KEY), r.state.get(CURSOR_ORDER_KEY)]).toEqual(['2026-11-27T08:02:00', String(ids[1])]);
    await result.batches[2]!.commit();
    await result.batches[1]!.commit();
    expect([r.state.get(CURSOR_KEY), r.state.get(CURSOR_ORDER_KEY)]).toEqual(['2026-11-27T08:05:00', String(ids[4])]);

    // The next poll re-reads the overlap window up to the cursor (same batch identities), then goes on after it.
    t += 60 * 60_000;
    const again = await r.adapter.collect(lookupOf(orders));
    expect(r.wms.apiRequests('GET', '/orders').some((q) => q.query.rql?.includes('readOnly.lastModifiedDate=ge=2026-11-27T07:55:00'))).toBe(true);
    expect(again.batches.map((b) => b.id)).toEqual(result.batches.map((b) => b.id));
  });

  it('pgsiz above the documented limit of 1000 is refused by the double and cannot be configured', async () => {
    r = await rig();
    const ask = (pgsiz: number) => rawGet(r!.wms, `/orders?pgsiz=${pgsiz}`);
    expect((await ask(1000)).status).toBe(200);
    expect((await ask(1001)).status).toBe(400);
    expect(extensivSettingsSchema.safeParse({ ...r.settings, pageSize: 1001 }).success).toBe(false);
  });

  it('more pages of orders changed in one second than a collect reads never stall collection (keyset cursor)', async () => {
    // A bulk confirm gives many orders the same lastModifiedDate. With a date-only cursor and page numbers, each poll
    // started over at (cursor - overlap) and read the same first pages again, never reaching the rest.
    const t = Date.parse('2026-11-27T08:00:00Z');
    r = await rig({ settings: { pageSize: 1 }, double: { now: () => t } });
    const orders = Array.from({ length: 56 }, (_, i) => sampleOrder(`SO-${String(700 + i).padStart(6, '0')}`, [line('1', 'SKU-1', 1)]));
    await sendAll(orders);
    for (const o of orders) r.wms.confirmOrder(o.ref, `T-${o.ref}`);
    const seen = new Set<string>();
    for (let poll = 0; poll < 3; poll++) {
      const result = await r.adapter.collect(lookupOf(orders));
      for (const b of result.batches) {
        for (const f of b.fulfillments) seen.add(f.orderRef);
        await b.commit();
      }
    }
    expect(seen.size).toBe(56);
  });

  it('a crash before commit offers the same shipments again', async () => {
    r = await rig();
    const order = sampleOrder();
    await sendAll([order]);
    r.wms.shipOrder('SO-000101', { packages: [{ tracking: 'T', contents: { 'SKU-1': 2, 'SKU-2': 1 } }] });
    const first = await r.adapter.collect(lookupOf([order]));
    const second = await r.adapter.collect(lookupOf([order]));
    expect(second.batches.map((b) => b.id)).toEqual(first.batches.map((b) => b.id));
    expect(second.batches.flatMap((b) => b.fulfillments)).toEqual(first.batches.flatMap((b) => b.fulfillments));
  });
});

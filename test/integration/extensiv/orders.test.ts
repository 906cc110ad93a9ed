// Create, duplicate-safe retry, change and cancel against the Extensiv double (a real local HTTP server).
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { caught, line, rig, sampleOrder, type Rig } from './helpers.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('Extensiv sendOrder new', () => {
  it('creates the order with customer, facility, reference, PO, ship-to, routing and items by SKU', async () => {
    r = await rig();
    const res = await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    const [created, ...others] = r.wms.ordersWithRef('SO-000101');
    expect(others).toHaveLength(0);
    expect(res.wmsRef).toBe(String(created?.readOnly.orderId));
    expect(created?.readOnly.customerIdentifier.id).toBe(1077);
    expect(created?.readOnly.facilityIdentifier.id).toBe(2);
    expect(created?.poNum).toBe('PO-77');
    expect(created?.routingInfo).toMatchObject({ carrier: 'UPS', mode: 'Ground', scacCode: 'UPSN' });
    expect(created?.shipTo).toMatchObject({ companyName: 'Acme', name: 'Jane Doe', address1: '1 Main St', address2: 'Suite 5', city: 'Golden', state: 'CO', zip: '80401', country: 'US', phoneNumber: '555-0100', emailAddress: 'jane@example.com' });
    expect(created?.orderItems.map((i) => [i.itemIdentifier.sku, i.qty])).toEqual([['SKU-1', 2], ['SKU-2', 1]]);
    const post = r.wms.apiRequests('POST', '/orders')[0];
    expect(post?.headers.authorization).toMatch(/^Bearer /);
    expect(post?.headers['content-type']).toContain('application/hal+json');
  });

  it('sends the unit as the item qualifier only when told to', async () => {
    r = await rig({ settings: { uomPicksItemQualifier: true } });
    await r.adapter.sendOrder(sampleOrder('SO-000102', [line('1', 'SKU-1', 3, 'BOX')]), 'new', 1);
    expect(r.wms.ordersWithRef('SO-000102')[0]?.orderItems[0]?.qualifier).toBe('BOX');
  });

  it('sends the requested ship date as earliestShipDate (as the X12 940 sends G62*10), and none without one', async () => {
    r = await rig();
    await r.adapter.sendOrder({ ...sampleOrder('SO-000107'), requestedOn: '2026-12-01' }, 'new', 1);
    await r.adapter.sendOrder(sampleOrder('SO-000108'), 'new', 1);
    expect(r.wms.ordersWithRef('SO-000107')[0]?.earliestShipDate).toBe('2026-12-01T00:00:00');
    expect(r.wms.ordersWithRef('SO-000108')[0]?.earliestShipDate).toBeUndefined();
    // A change carries the new date.
    await r.adapter.sendOrder({ ...sampleOrder('SO-000107'), requestedOn: '2026-12-03' }, 'change', 2);
    expect(r.wms.ordersWithRef('SO-000107')[0]?.earliestShipDate).toBe('2026-12-03T00:00:00');
  });

  it('uses the "*" routing for an unmapped ShipVia, and refuses an unmapped ShipVia without one', async () => {
    r = await rig();
    const e = await caught(() => r!.adapter.sendOrder(sampleOrder('SO-000103', undefined, 'FEDEX2DAY'), 'new', 1));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).kind).toBe('business');
    expect((e as AppError).message).toContain('FEDEX2DAY');
    expect(r.wms.apiRequests('POST', '/orders')).toHaveLength(0);
    await r.close();
    r = await rig({ settings: { routing: { '*': { carrier: 'FedEx', mode: '92', scac: 'FDEG' } } } });
    await r.adapter.sendOrder(sampleOrder('SO-000103', undefined, 'FEDEX2DAY'), 'new', 1);
    expect(r.wms.ordersWithRef('SO-000103')[0]?.routingInfo).toMatchObject({ carrier: 'FedEx', mode: '92', scacCode: 'FDEG' });
  });

  it('turns an unknown SKU into a business error naming the SKU, the server body kept verbatim', async () => {
    r = await rig();
    const e = (await caught(() => r!.adapter.sendOrder(sampleOrder('SO-000104', [line('1', 'NOPE-9', 1)]), 'new', 1))) as AppError;
    expect(e.kind).toBe('business');
    expect(e.status).toBe(400);
    expect(e.fields).toEqual({ sku: 'NOPE-9' });
    const sent = r.wms.requests.find((q) => q.method === 'POST' && q.path === '/orders' && q.status === 400);
    expect(sent).toBeDefined();
    expect(JSON.parse(e.serverMessage ?? '')).toMatchObject({ ErrorCode: 'DoesNotExist', Properties: [{ Name: 'ItemIdentifier.Sku', Value: 'NOPE-9' }] });
    expect(e.message).toContain('DoesNotExist');
  });
});

describe('Extensiv duplicate-safe create', () => {
  it('the double is not idempotent: without the lookup a second POST makes a second order', async () => {
    r = await rig({ settings: { lookupBeforeCreate: false } });
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    expect(r.wms.ordersWithRef('SO-000101')).toHaveLength(2);
  });

  it('after a create whose answer was lost, findOrder finds it and a resend creates nothing', async () => {
    r = await rig();
    // The warehouse creates the order, then the connection drops before the answer: outcome unknown.
    r.wms.failNext({ method: 'POST', path: '/orders', status: 0, when: 'after' });
    const lost = (await caught(() => r!.adapter.sendOrder(sampleOrder(), 'new', 1))) as AppError;
    expect(lost.kind).toBe('transient');
    expect(r.wms.ordersWithRef('SO-000101')).toHaveLength(1);

    const found = await r.adapter.findOrder('SO-000101');
    expect(found?.wmsRef).toBe(String(r.wms.ordersWithRef('SO-000101')[0]?.readOnly.orderId));
    const again = await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    expect(again).toEqual(found);
    expect(r.wms.ordersWithRef('SO-000101')).toHaveLength(1);
    expect(r.wms.apiRequests('POST', '/orders')).toHaveLength(1);
  });

  it('findOrder returns null for an unknown reference, ignores cancelled orders and similar references', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder('SO-0001011'), 'new', 1);
    expect(await r.adapter.findOrder('SO-000101')).toBeNull();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    r.wms.closeWithoutShipping('SO-000101');
    expect(await r.adapter.findOrder('SO-000101')).toBeNull();
    const rql = r.wms.apiRequests('GET', '/orders').at(-1)?.query.rql ?? '';
    expect(rql).toContain('referenceNum==SO-000101*');
    expect(rql).toContain('readOnly.customerIdentifier.id==1077');
  });

  it('looks up a reference with RQL syntax characters without quoting (Rels/rql has none), and matches it exactly', async () => {
    r = await rig();
    const ref = 'SO-A,B (1); "x"=y';
    await r.adapter.sendOrder(sampleOrder(ref), 'new', 1);
    await r.adapter.sendOrder(sampleOrder('SO-A,B (1); "x"=z'), 'new', 1);
    const id = r.wms.ordersWithRef(ref)[0]!.readOnly.orderId;
    expect(await r.adapter.findOrder(ref)).toEqual({ wmsRef: String(id) });
    // A resend finds it and creates nothing.
    await r.adapter.sendOrder(sampleOrder(ref), 'new', 1);
    expect(r.wms.ordersWithRef(ref)).toHaveLength(1);
    const lookups = r.wms.apiRequests('GET', '/orders').map((q) => q.query.rql ?? '');
    expect(lookups.every((q) => q.startsWith('referenceNum==SO-A*;'))).toBe(true);
    expect(r.wms.apiRequests('GET', '/orders').every((q) => q.status === 200)).toBe(true);
  });

  it('finds a split order by its "-1" part', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    const [part1] = r.wms.splitOrder('SO-000101', [{ 'SKU-1': 2 }, { 'SKU-2': 1 }]);
    expect(await r.adapter.findOrder('SO-000101')).toEqual({ wmsRef: String(part1?.readOnly.orderId) });
  });

  it('a Duplicate refusal is taken as "already created"', async () => {
    r = await rig({ settings: { lookupBeforeCreate: false }, double: { rejectDuplicateReferenceNum: true } });
    const first = await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    const second = await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    expect(second).toEqual(first);
    expect(r.wms.requests.filter((q) => q.method === 'POST' && q.path === '/orders').map((q) => q.status)).toEqual([201, 400]);
    expect(r.wms.ordersWithRef('SO-000101')).toHaveLength(1);
  });
});

describe('Extensiv sendOrder change', () => {
  it('PUTs the whole order with If-Match, keeping item ids of SKUs still on it', async () => {
    r = await rig();
    const { wmsRef } = await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    const before = r.wms.ordersWithRef('SO-000101')[0];
    const sku1Id = before?.orderItems.find((i) => i.itemIdentifier.sku === 'SKU-1')?.readOnly.orderItemId;
    const changed = { ...sampleOrder(), customerPo: 'PO-78', lines: [line('1', 'SKU-1', 5), line('3', 'SKU-3', 1)] };
    expect(await r.adapter.sendOrder(changed, 'change', 2)).toEqual({ wmsRef });
    const after = r.wms.ordersWithRef('SO-000101');
    expect(after).toHaveLength(1);
    expect(after[0]?.poNum).toBe('PO-78');
    expect(after[0]?.orderItems.map((i) => [i.itemIdentifier.sku, i.qty])).toEqual([['SKU-1', 5], ['SKU-3', 1]]);
    expect(after[0]?.orderItems[0]?.readOnly.orderItemId).toBe(sku1Id);
    const put = r.wms.apiRequests('PUT')[0];
    expect(put?.headers['if-match']).toMatch(/^"[A-Za-z0-9+/=]+"$/);
    expect(put?.status).toBe(200);
  });

  it("keeps the warehouse's own fields: the PUT body is the order as read, with only this app's fields changed", async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    // The warehouse works on the order in its UI: fields this app never sends.
    r.wms.editOrder('SO-000101', (o) => {
      o.billingCode = 'Prepaid';
      o.shippingNotes = 'Dock 4, after 2pm';
      o.savedElements = [{ name: 'Gate', value: '7' }];
      o.routingInfo = { ...o.routingInfo, account: 'A1B2C3', loadNumber: 'L-9' };
      o.shipTo = { ...o.shipTo, isAddressResidential: true };
      o.orderItems[0]!.notes = 'fragile';
    });
    const changed = { ...sampleOrder(), customerPo: 'PO-78', lines: [line('1', 'SKU-1', 5), line('3', 'SKU-3', 1)] };
    await r.adapter.sendOrder(changed, 'change', 2);

    const after = r.wms.ordersWithRef('SO-000101')[0]!;
    expect(after.poNum).toBe('PO-78');
    expect(after).toMatchObject({ billingCode: 'Prepaid', shippingNotes: 'Dock 4, after 2pm', savedElements: [{ name: 'Gate', value: '7' }] });
    expect(after.routingInfo).toMatchObject({ carrier: 'UPS', mode: 'Ground', scacCode: 'UPSN', account: 'A1B2C3', loadNumber: 'L-9' });
    expect(after.shipTo).toMatchObject({ isAddressResidential: true, address1: '1 Main St' });
    expect(after.orderItems.map((i) => [i.itemIdentifier.sku, i.qty, i.notes])).toEqual([['SKU-1', 5, 'fragile'], ['SKU-3', 1, undefined]]);

    // Read with everything (detail=All, itemdetail=All) and sent back without the server's read-only parts.
    const read = r.wms.apiRequests('GET').filter((q) => /^\/orders\/\d+$/.test(q.path)).at(-1)!;
    expect(read.query).toMatchObject({ detail: 'All', itemdetail: 'All' });
    const put = r.wms.apiRequests('PUT')[0]!;
    const body = put.body as Record<string, unknown> & { orderItems: Record<string, unknown>[] };
    expect(body.readOnly).toBeUndefined();
    expect(body._embedded).toBeUndefined();
    expect(body.orderItems.map((i) => (i.readOnly === undefined ? [] : Object.keys(i.readOnly as object)))).toEqual([['orderItemId'], []]);
  });

  it('reads the ETag again and retries once when the order changed meanwhile (412)', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    r.wms.failNext({ method: 'PUT', status: 412, body: "If-Match header specified doesn't match the current state" });
    await r.adapter.sendOrder({ ...sampleOrder(), customerPo: 'PO-79' }, 'change', 2);
    expect(r.wms.apiRequests('PUT').map((q) => q.status)).toEqual([412, 200]);
    expect(r.wms.ordersWithRef('SO-000101')[0]?.poNum).toBe('PO-79');
  });

  it('tells the operator to change it in Extensiv when it is shipped or split', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    await r.adapter.sendOrder(sampleOrder('SO-000105'), 'new', 1);
    r.wms.shipOrder('SO-000101', { trackingNumber: '1Z1' });
    r.wms.splitOrder('SO-000105', [{ 'SKU-1': 1 }, { 'SKU-1': 1, 'SKU-2': 1 }]);
    const shipped = (await caught(() => r!.adapter.sendOrder(sampleOrder(), 'change', 2))) as AppError;
    expect(shipped.kind).toBe('business');
    expect(shipped.message).toMatch(/already shipped.*Change it in Extensiv/);
    const split = (await caught(() => r!.adapter.sendOrder(sampleOrder('SO-000105'), 'change', 2))) as AppError;
    expect(split.message).toMatch(/split it into .*SO-000105-1.*SO-000105-2.*Change it in Extensiv/);
    expect(r.wms.apiRequests('PUT')).toHaveLength(0);
  });

  it('keeps the server words when Extensiv refuses the update', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    const body = { $type: 'WMS.V2.Generic.Models.Exceptions.OperationException, WMS.V2.Generic.Models', ActionName: 'Update', ErrorCode: 'AlreadyCompleted', Hint: 'Pick is done' };
    r.wms.failNext({ method: 'PUT', status: 403, body });
    const e = (await caught(() => r!.adapter.sendOrder({ ...sampleOrder(), customerPo: 'X' }, 'change', 2))) as AppError;
    expect(e.kind).toBe('business');
    expect(e.serverMessage).toBe(JSON.stringify(body));
    expect(e.message).toContain('AlreadyCompleted: Pick is done');
  });
});

describe('Extensiv cancelOrder', () => {
  it('cancels an open order with If-Match from its ETag', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    expect(await r.adapter.cancelOrder(sampleOrder(), 2)).toEqual({ cancelled: true });
    expect(r.wms.ordersWithRef('SO-000101')[0]?.readOnly).toMatchObject({ status: 2, isClosed: true });
    const post = r.wms.apiRequests('POST').find((q) => q.path.endsWith('/canceler'));
    expect(post?.headers['if-match']).toBeTruthy();
    expect(post?.status).toBe(204);
    expect(post?.body).toMatchObject({ reason: expect.any(String) });
  });

  it('reports a refusal with the server words: already shipped, or refused by the API', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    r.wms.shipOrder('SO-000101', { trackingNumber: '1Z9' });
    const shipped = await r.adapter.cancelOrder(sampleOrder(), 2);
    expect(shipped).toEqual({ cancelled: false, reason: expect.stringMatching(/already shipped/) });

    await r.adapter.sendOrder(sampleOrder('SO-000106'), 'new', 1);
    r.wms.failNext({ path: /canceler$/, status: 403, body: { ErrorCode: 'NotFullyAllocated', Hint: 'Order is allocated and picking has started' } });
    const refused = await r.adapter.cancelOrder(sampleOrder('SO-000106'), 2);
    expect(refused).toEqual({ cancelled: false, reason: expect.stringContaining('NotFullyAllocated: Order is allocated and picking has started') });
    expect(r.wms.ordersWithRef('SO-000106')[0]?.readOnly.status).toBe(0);
  });

  it('a cancel whose answer was lost counts as done on the next try (no second canceler call)', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    r.wms.failNext({ path: /canceler$/, status: 0, when: 'after' });
    expect(((await caught(() => r!.adapter.cancelOrder(sampleOrder(), 2))) as AppError).kind).toBe('transient');
    expect(r.wms.ordersWithRef('SO-000101')[0]?.readOnly.status).toBe(2);
    expect(await r.adapter.cancelOrder(sampleOrder(), 2)).toEqual({ cancelled: true });
    expect(r.wms.apiRequests('POST').filter((q) => q.path.endsWith('/canceler'))).toHaveLength(1);
  });

  it('cancels every open part of a split order; nothing found is a refusal for the operator', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    r.wms.splitOrder('SO-000101', [{ 'SKU-1': 1 }, { 'SKU-1': 1, 'SKU-2': 1 }]);
    expect(await r.adapter.cancelOrder(sampleOrder(), 2)).toEqual({ cancelled: true });
    expect(r.wms.orders().map((o) => [o.referenceNum, o.readOnly.status])).toEqual([['SO-000101-1', 2], ['SO-000101-2', 2]]);
    const none = await r.adapter.cancelOrder(sampleOrder('SO-999999'), 1);
    expect(none).toEqual({ cancelled: false, reason: expect.stringContaining('no order with reference SO-999999') });
  });
});

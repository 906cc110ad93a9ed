// Round trip through the engine with Extensiv: Acumatica double -> Extensiv API double (a real local HTTP server)
// -> shipped orders polled back -> Shipments with packages in the Acumatica double. Also a split order (-1/-2 parts
// become two partial shipments), a crash between the create and its record (no second Extensiv order), and a
// cancellation (accepted, and refused once shipped).
import { afterEach, describe, expect, it } from 'vitest';
import { warehouseOrderFor } from '../../../main/core/sync/wms-jobs.js';
import { extensivSettingsFor, startExtensivDouble, type ExtensivDouble } from '../../fakes/extensiv/index.js';
import { makeJobsDue, refOf, useRoundTrip, type RoundTrip } from '../../helpers/roundtrip.js';

const setup = useRoundTrip();
const doubles: ExtensivDouble[] = [];
afterEach(async () => {
  for (const d of doubles.splice(0)) await d.close();
});

async function extensivTrip(overrides: { lookupBeforeCreate?: boolean } = {}): Promise<{ rt: RoundTrip; wms: ExtensivDouble }> {
  const wms = await startExtensivDouble();
  doubles.push(wms);
  const rt = await setup({
    wms: extensivSettingsFor(wms, { routing: { '*': { carrier: 'UPS', mode: 'Ground', scac: 'UPSN' } }, ...overrides }),
    secrets: { 'wms.extensiv.clientSecret': wms.credentials.clientSecret },
  });
  return { rt, wms };
}

const twoLines = {
  Details: [
    { InventoryID: 'WIDGET-BLUE', OrderQty: 3, OpenQty: 3, LineType: 'Goods for Inventory' },
    { InventoryID: 'GADGET-RED', OrderQty: 1, OpenQty: 1, LineType: 'Goods for Inventory' },
  ],
};

const shippedQty = (s: { Details: { ShippedQty: number }[] }): number => s.Details.reduce((n, d) => n + d.ShippedQty, 0);

describe('round trip: Extensiv', () => {
  it('does not skip the shipment of an order whose create answer was lost while its send waits for a retry', async () => {
    const { rt, wms } = await extensivTrip({ lookupBeforeCreate: false });
    const so = rt.double.addSalesOrder(twoLines);
    const ref = refOf(so);
    // Extensiv creates the order, the answer never arrives, and the look-up after it fails too: the engine cannot
    // know yet that the order is there (and does not collect while it cannot).
    wms.failNext({ status: 0, method: 'POST', path: '/orders', when: 'after' });
    wms.failNext({ status: 503, method: 'GET', path: '/orders' });
    const first = await rt.engine.runCycle();
    expect(first.collected).toBeNull();
    expect(first.errors.map((e) => e.side)).toContain('wms');
    expect(wms.ordersWithRef(ref)).toHaveLength(1);
    expect(rt.stateOf(ref)).toBe('awaiting-wms');
    const job = rt.store.jobs.open('send-order', ref)!;
    expect(job.outcomeUnknown).toBe(true);
    // Its retry is far off (a long backoff), and meanwhile the warehouse ships it.
    rt.store.db.prepare('UPDATE jobs SET next_attempt_at = ? WHERE id = ?').run(Date.now() + 3_600_000, job.id);
    wms.shipOrder(ref, { packages: [{ tracking: '1ZLOSTANSWER01', contents: { 'WIDGET-BLUE': 3, 'GADGET-RED': 1 } }] });
    await rt.cycle();
    // Found at the warehouse before collecting, so the shipment was taken and written back; still one Extensiv order.
    expect(wms.ordersWithRef(ref)).toHaveLength(1);
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.Packages.map((p) => p.TrackingNbr)).toEqual(['1ZLOSTANSWER01']);
    expect(rt.stateOf(ref)).toBe('done');
    expect(rt.store.jobs.open('send-order', ref)).toBeUndefined();
  });

  it('creates one Extensiv order per sales order and writes its packages back as a Shipment', async () => {
    const { rt, wms } = await extensivTrip();
    const so = rt.double.addSalesOrder(twoLines);
    const ref = refOf(so);
    await rt.cycle();
    const [created, ...more] = wms.ordersWithRef(ref);
    expect(more).toHaveLength(0);
    expect(created!.orderItems.map((i) => [i.itemIdentifier.sku, i.qty])).toEqual([['WIDGET-BLUE', 3], ['GADGET-RED', 1]]);
    expect(rt.store.orders.get(ref)!.wmsRef).toBe(String(created!.readOnly.orderId));
    expect(rt.stateOf(ref)).toBe('at-wms');

    wms.shipOrder(ref, {
      carrier: 'UPS',
      mode: 'Ground',
      packages: [
        { tracking: '1ZEXT0000000001', weight: 3.5, length: 12, width: 10, height: 8, contents: { 'WIDGET-BLUE': 3 } },
        { tracking: '1ZEXT0000000002', weight: 1.25, contents: { 'GADGET-RED': 1 } },
      ],
    });
    await rt.cycle();
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(1);
    const s = shipments[0]!;
    expect(s.Status).toBe('Confirmed');
    expect(s.Details.every((d) => d.OrderNbr === so.OrderNbr)).toBe(true);
    expect(shippedQty(s)).toBe(4);
    expect(s.Packages.map((p) => [p.TrackingNbr, p.Weight, p.PackageContents.map((c) => [c.InventoryID.trim(), c.Quantity])])).toEqual([
      ['1ZEXT0000000001', 3.5, [['WIDGET-BLUE', 3]]],
      ['1ZEXT0000000002', 1.25, [['GADGET-RED', 1]]],
    ]);
    expect(rt.stateOf(ref)).toBe('done');

    // Later polls see the same closed order again (overlap window): nothing posts twice, nothing is re-created.
    await rt.cycle();
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(1);
    expect(wms.ordersWithRef(ref)).toHaveLength(1);
    expect(wms.apiRequests('POST', '/orders')).toHaveLength(1);
  });

  it('a Ship Via mapping keyed by carrier name still matches when the warehouse reports the SCAC too', async () => {
    // Extensiv reports routingInfo.scacCode ("UPSN") beside routingInfo.carrier ("UPS"); mappings made before the
    // SCAC was reported are keyed by name. Without the name as an alternate the fallback wrote the order's own Ship
    // Via (a different carrier) with no error.
    const { rt, wms } = await extensivTrip();
    rt.settings.acumatica!.shipViaMap = { 'UPS|Ground': 'UPS2DAY' };
    const so = rt.double.addSalesOrder({ ...twoLines, ShipVia: 'FEDEXGROUND' });
    const ref = refOf(so);
    await rt.cycle();
    wms.shipOrder(ref, { carrier: 'UPS', mode: 'Ground', scacCode: 'UPSN', packages: [{ tracking: '1ZSCAC00000001', contents: { 'WIDGET-BLUE': 3, 'GADGET-RED': 1 } }] });
    await rt.cycle();
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.ShipVia).toBe('UPS2DAY');
    expect(rt.stateOf(ref)).toBe('done');
  });

  it('awkward values (line breaks, quotes, commas, leading + - = @, RTL text, emoji, 255 characters) arrive and come back byte for byte', async () => {
    const { rt, wms } = await extensivTrip();
    const long = `${'Ω"x,=\n'.repeat(36)}@end😀`.slice(0, 255);
    expect([...long].length).toBeLessThanOrEqual(255);
    const so = rt.double.addSalesOrder({
      ...twoLines,
      CustomerOrder: '=HYPERLINK("http://x"),+1',
      Description: long,
      RequestedOn: '2026-12-05T00:00:00+00:00',
      ShipToContact: { Attention: 'Multi\nLine Attn', BusinessName: 'Acme, Inc. "Quoted" 😀', Email: '@ops+1@example.com', Phone1: '+1 (206) 555-0100' },
      ShipToAddress: { AddressLine1: 'שדרות רוטשילד 1', AddressLine2: '-5th floor; "B", \u200fRLM', City: 'São Paulo\r\nZona 1', State: 'SP', PostalCode: '01310-100', Country: 'BR' },
    });
    const ref = refOf(so);
    await rt.cycle();
    const [at] = wms.ordersWithRef(ref);
    expect(at).toBeDefined();
    expect({ poNum: at!.poNum, notes: at!.notes, earliestShipDate: at!.earliestShipDate }).toEqual({ poNum: '=HYPERLINK("http://x"),+1', notes: long, earliestShipDate: '2026-12-05T00:00:00' });
    expect(at!.shipTo).toMatchObject({
      name: 'Multi\nLine Attn',
      companyName: 'Acme, Inc. "Quoted" 😀',
      emailAddress: '@ops+1@example.com',
      phoneNumber: '+1 (206) 555-0100',
      address1: 'שדרות רוטשילד 1',
      address2: '-5th floor; "B", \u200fRLM',
      city: 'São Paulo\r\nZona 1',
      state: 'SP',
      zip: '01310-100',
      country: 'BR',
    });

    // A change in Acumatica is written as the order read back from Extensiv: the awkward values survive the PUT too.
    rt.double.updateSalesOrder(so.OrderType, so.OrderNbr, (o) => {
      o.Details[0]!.OrderQty = 4;
      o.Details[0]!.OpenQty = 4;
    });
    await rt.cycle();
    const [changed] = wms.ordersWithRef(ref);
    expect(wms.apiRequests('PUT')).toHaveLength(1);
    expect(changed!.orderItems.map((i) => i.qty)).toEqual([4, 1]);
    expect({ poNum: changed!.poNum, notes: changed!.notes, shipTo: changed!.shipTo }).toEqual({ poNum: at!.poNum, notes: at!.notes, shipTo: at!.shipTo });

    // And back: tracking numbers as the warehouse typed them.
    const tracking = '=1Z+"@,😀\u200f';
    wms.shipOrder(ref, { packages: [{ tracking, contents: { 'WIDGET-BLUE': 4, 'GADGET-RED': 1 } }] });
    await rt.cycle();
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.Packages.map((p) => p.TrackingNbr)).toEqual([tracking]);
    expect(rt.stateOf(ref)).toBe('done');
  });

  it('a split order: the -1 and -2 parts become two partial Shipments of the parent', async () => {
    const { rt, wms } = await extensivTrip();
    const so = rt.double.addSalesOrder(twoLines);
    const ref = refOf(so);
    await rt.cycle();
    const [p1, p2] = wms.splitOrder(ref, [{ 'WIDGET-BLUE': 2 }, { 'WIDGET-BLUE': 1, 'GADGET-RED': 1 }]);
    expect([p1!.referenceNum, p2!.referenceNum]).toEqual([`${ref}-1`, `${ref}-2`]);

    wms.shipOrder(p1!.readOnly.orderId, { packages: [{ tracking: 'SPLIT-PART-1', contents: { 'WIDGET-BLUE': 2 } }] });
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(1);
    expect(shippedQty(rt.double.shipments()[0]!)).toBe(2);
    expect(rt.stateOf(ref)).toBe('at-wms');
    // The engine does not mistake Acumatica's reduced open quantity for an edit: no change goes to Extensiv.
    expect(wms.apiRequests('PUT')).toHaveLength(0);

    wms.shipOrder(p2!.readOnly.orderId, { packages: [{ tracking: 'SPLIT-PART-2', contents: { 'WIDGET-BLUE': 1, 'GADGET-RED': 1 } }] });
    await rt.cycle();
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(2);
    expect(shipments.every((s) => s.Details.every((d) => d.OrderNbr === so.OrderNbr))).toBe(true);
    expect(shipments.map((s) => [s.Packages.map((p) => p.TrackingNbr).join(), shippedQty(s)])).toEqual([
      ['SPLIT-PART-1', 2],
      ['SPLIT-PART-2', 2],
    ]);
    expect(rt.stateOf(ref)).toBe('done');
    expect(rt.store.orders.get(ref)!.attention).toBeNull();
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(2);
  });

  it('a crash after the POST succeeded but before it was recorded: the retry looks it up and creates no second order', async () => {
    // The adapter's own lookup-before-create is off, so only the engine's outcome-unknown lookup stands in the way.
    const { rt, wms } = await extensivTrip({ lookupBeforeCreate: false });
    // First attempt: the warehouse is briefly unavailable, so the order is imported but not yet sent.
    wms.failNext({ method: 'POST', path: '/orders', status: 503, times: 1 });
    const so = rt.double.addSalesOrder(twoLines);
    const ref = refOf(so);
    await rt.engine.runCycle();
    expect(rt.stateOf(ref)).toBe('awaiting-wms');
    expect(wms.ordersWithRef(ref)).toHaveLength(0);

    // The next attempt, as the engine runs it: the job is committed as running, the POST succeeds, and the process
    // dies before the result is written to the store.
    const job = rt.store.jobs.open('send-order', ref)!;
    rt.store.jobs.markRunning(job.id, new Date().toISOString());
    const prepared = warehouseOrderFor(rt.engine.context, ref)!;
    await rt.adapter.sendOrder(prepared.order, 'new', 1);
    expect(wms.ordersWithRef(ref)).toHaveLength(1);
    const postsBefore = wms.apiRequests('POST', '/orders').length;

    await rt.restart();
    expect(rt.store.jobs.open('send-order', ref)).toMatchObject({ status: 'needs-retry', outcomeUnknown: true });
    makeJobsDue(rt.store);
    await rt.cycle();

    expect(wms.ordersWithRef(ref)).toHaveLength(1);
    expect(wms.apiRequests('POST', '/orders')).toHaveLength(postsBefore);
    const rec = rt.store.orders.get(ref)!;
    expect(rec.state).toBe('at-wms');
    expect(rec.wmsRef).toBe(String(wms.ordersWithRef(ref)[0]!.readOnly.orderId));
    expect(rt.store.activity.forOrder(ref).map((e) => e.message).join('\n')).toMatch(/not sent again/);

    // And the one order completes the round trip.
    wms.shipOrder(ref, { packages: [{ tracking: '1ZAFTERCRASH', contents: { 'WIDGET-BLUE': 3, 'GADGET-RED': 1 } }] });
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(1);
    expect(rt.double.shipments()[0]!.Packages[0]!.TrackingNbr).toBe('1ZAFTERCRASH');
    expect(rt.stateOf(ref)).toBe('done');
  });

  it('a cancellation in Acumatica cancels the open Extensiv order; one already shipped is refused and flagged', async () => {
    const { rt, wms } = await extensivTrip();
    const open = rt.double.addSalesOrder();
    const picked = rt.double.addSalesOrder();
    await rt.cycle();
    // The warehouse ships one of them, but the poll has not seen it yet when Acumatica cancels both.
    wms.confirmOrder(refOf(picked), '1ZTOOLATE');
    rt.double.cancelSalesOrder(open.OrderType, open.OrderNbr);
    rt.double.cancelSalesOrder(picked.OrderType, picked.OrderNbr);
    await rt.cycle();

    const cancelled = wms.ordersWithRef(refOf(open))[0]!;
    expect(cancelled.readOnly.status).toBe(2);
    expect(cancelled.readOnly.isClosed).toBe(true);
    expect(rt.stateOf(refOf(open))).toBe('cancelled');
    expect(wms.apiRequests('POST').filter((r) => r.path.endsWith('/canceler')).map((r) => r.path)).toEqual([`/orders/${cancelled.readOnly.orderId}/canceler`]);

    // The shipped one: refused by the warehouse, its tracking held for the operator, nothing written to Acumatica.
    const rec = rt.store.orders.get(refOf(picked))!;
    expect(rec.state).toBe('held');
    expect(rec.attention).toMatch(/cancelled in Acumatica/);
    expect(rt.store.activity.forOrder(refOf(picked)).some((e) => e.kind === 'cancel-refused')).toBe(true);
    expect(rt.double.shipments()).toHaveLength(0);
    // A cancelled Extensiv order is closed but not shipped: later polls post nothing for it.
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(0);
    expect(rt.stateOf(refOf(open))).toBe('cancelled');
  });
});

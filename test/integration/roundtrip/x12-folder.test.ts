// Round trip through the engine, X12 over a folder: Acumatica double -> 940 in in/ -> the test 3PL answers with a
// 997 and 945s (partial, one carton per line, tracking in MAN*CP or, for another partner, MAN*ZZ) -> Shipments with
// packages in the double; our 997s for its 945s land in in/; a 997 that rejects a 940 fails that order.
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderRow } from '../../../main/core/api/views.js';
import { ackStatusOf } from '../../../main/core/wms/file-exchange/x12/envelope.js';
import { X12Warehouse, type TrackingStyle } from '../../fakes/x12-warehouse.js';
import { awkwardSalesOrder, refOf, useRoundTrip, type RoundTrip } from '../../helpers/roundtrip.js';
import { useTempDir } from '../../helpers/tmp.js';

const setup = useRoundTrip();
const tempDir = useTempDir('ds-rt-x12-');

async function x12Trip(tracking: TrackingStyle = 'MAN:CP'): Promise<{ rt: RoundTrip; root: string }> {
  const root = tempDir();
  const rt = await setup({
    wms: {
      adapter: 'file',
      format: 'x12',
      transport: { kind: 'folder', dir: root },
      stableForMs: 0,
      x12: { sender: 'ZZ:ACMEERP', receiver: 'ZZ:WHSE3PL', usage: 'P', tracking, newlineAfterSegment: true },
    },
  });
  return { rt, root };
}

const edi = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.edi')).sort() : []);
const twoLines = {
  Details: [
    { InventoryID: 'WIDGET-BLUE', OrderQty: 4, OpenQty: 4, LineType: 'Goods for Inventory' },
    { InventoryID: 'GADGET-RED', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' },
  ],
};

describe('round trip: X12 940/945/997 over a folder', () => {
  it('940 out; 997 and partial multi-carton 945s back; Shipments with packages and tracking (MAN*CP); our 997s in in/', async () => {
    const { rt, root } = await x12Trip();
    const a = rt.double.addSalesOrder(twoLines);
    const b = rt.double.addSalesOrder();
    await rt.cycle();
    expect(edi(join(root, 'in'))).toEqual([
      expect.stringMatching(new RegExp(`^940_${refOf(a)}_\\d{9}\\.edi$`)),
      expect.stringMatching(new RegExp(`^940_${refOf(b)}_\\d{9}\\.edi$`)),
    ]);

    const warehouse = new X12Warehouse({ root, partial: true, multiBox: true, tracking: 'MAN:CP' });
    const first = await warehouse.run();
    // Every 940 parsed by the partner's strict translator (node-x12) as a new order.
    expect(first.received.map((r) => [r.kind, r.orderRef, r.purpose])).toEqual([['940', refOf(a), 'N'], ['940', refOf(b), 'N']]);
    expect(first.written.map((w) => w.kind).sort()).toEqual(['945', '945', '997', '997']);
    await rt.cycle();

    // A's first 945: half of each line, one carton per line; B (one unit) ships whole.
    const shipA1 = first.written.find((w) => w.kind === '945' && w.orderRef === refOf(a))!;
    const shipB = first.written.find((w) => w.kind === '945' && w.orderRef === refOf(b))!;
    expect(shipA1.trackingNumbers).toHaveLength(2);
    let shipments = rt.double.shipments();
    expect(shipments).toHaveLength(2);
    const sA1 = shipments.find((s) => s.Details.some((d) => d.OrderNbr === a.OrderNbr))!;
    expect(sA1.Packages.map((p) => p.TrackingNbr).sort()).toEqual([...shipA1.trackingNumbers].sort());
    expect(sA1.Packages.map((p) => p.PackageContents.map((c) => [c.InventoryID.trim(), c.Quantity])).sort()).toEqual([[['GADGET-RED', 1]], [['WIDGET-BLUE', 2]]]);
    const sB = shipments.find((s) => s.Details.some((d) => d.OrderNbr === b.OrderNbr))!;
    expect(sB.Packages.map((p) => p.TrackingNbr)).toEqual(shipB.trackingNumbers);
    expect(rt.stateOf(refOf(a))).toBe('at-wms');
    expect(rt.stateOf(refOf(b))).toBe('done');
    // The accepting 997s did not disturb anything.
    expect(rt.store.orders.counts().failed ?? 0).toBe(0);

    // One 997 from us per 945 functional group, placed in in/ and read by the warehouse.
    const acks = edi(join(root, 'in')).filter((n) => n.startsWith('997_'));
    expect(acks).toHaveLength(2);
    const second = await warehouse.run();
    const ours = second.received.filter((r) => r.kind === '997');
    expect(ours).toHaveLength(2);
    expect(ours.every((r) => r.acknowledges?.statuses.join() === 'A')).toBe(true);
    expect(second.written.map((w) => [w.kind, w.orderRef])).toEqual([['945', refOf(a)]]);
    await rt.cycle();

    shipments = rt.double.shipments();
    expect(shipments).toHaveLength(3);
    const forA = shipments.filter((s) => s.Details.some((d) => d.OrderNbr === a.OrderNbr));
    expect(forA.map((s) => s.Details.reduce((n, d) => n + d.ShippedQty, 0)).sort()).toEqual([3, 3]);
    expect(forA.flatMap((s) => s.Packages.map((p) => p.TrackingNbr)).sort()).toEqual([...shipA1.trackingNumbers, ...second.written[0]!.trackingNumbers].sort());
    expect(rt.stateOf(refOf(a))).toBe('done');

    // A 945 interchange dropped again is a duplicate: archived, not posted twice; the partner evidently missed our
    // 997, so the stored one goes out again: same file name and bytes, no new control numbers (issue #15 item 5).
    await warehouse.receive();
    expect(edi(join(root, 'in'))).toEqual([]);
    const archived = edi(join(root, 'out', 'archive')).find((n) => n.startsWith('945_'))!;
    copyFileSync(join(root, 'out', 'archive', archived), join(root, 'out', archived));
    const report = await rt.cycle();
    expect(report.collected?.fulfillments).toBe(0);
    expect(rt.double.shipments()).toHaveLength(3);
    expect(edi(join(root, 'out'))).toEqual([]);
    expect(edi(join(root, 'out', 'error'))).toEqual([]);
    const resent = edi(join(root, 'in'));
    expect(resent).toHaveLength(1);
    expect(readFileSync(join(root, 'in', resent[0]!))).toEqual(readFileSync(join(root, 'wms-processed', resent[0]!)));
  });

  it('a partner that sends tracking in MAN*ZZ: packages and tracking reach Acumatica', async () => {
    const { rt, root } = await x12Trip('MAN:ZZ');
    const so = rt.double.addSalesOrder(twoLines);
    await rt.cycle();
    const warehouse = new X12Warehouse({ root, multiBox: true, tracking: 'MAN:ZZ' });
    const run = await warehouse.run();
    const shipped = run.written.find((w) => w.kind === '945')!;
    await rt.cycle();
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.Packages.map((p) => p.TrackingNbr).sort()).toEqual([...shipped.trackingNumbers].sort());
    expect(shipments[0]!.Packages.every((p) => p.TrackingNbr !== '')).toBe(true);
    expect(shipments[0]!.Details.reduce((n, d) => n + d.ShippedQty, 0)).toBe(6);
    expect(rt.stateOf(refOf(so))).toBe('done');
    expect((await warehouse.receive()).received.filter((r) => r.kind === '997')).toHaveLength(1);
  });

  it('a 997 that rejects a 940 makes that order failed with the reason; the other order goes on', async () => {
    const { rt, root } = await x12Trip();
    const bad = rt.double.addSalesOrder();
    const good = rt.double.addSalesOrder();
    await rt.cycle();
    const warehouse = new X12Warehouse({ root, reject: (ref) => (ref === refOf(bad) ? 'Item not set up at warehouse' : null) });
    const run = await warehouse.run();
    expect(run.written.map((w) => [w.kind, w.orderRef]).sort()).toEqual([['945', refOf(good)], ['997', refOf(bad)], ['997', refOf(good)]].sort());
    await rt.cycle();

    const rec = rt.store.orders.get(refOf(bad))!;
    expect(rec.state).toBe('rejected-by-wms');
    expect(rec.attentionReason).toBe('rejected-by-wms');
    expect(JSON.stringify(rec.lastError)).toContain('Item not set up at warehouse');
    expect(rt.store.activity.forOrder(refOf(bad)).some((e) => e.kind === 'rejected-by-wms' && e.level === 'error')).toBe(true);
    expect(rt.stateOf(refOf(good))).toBe('done');
    expect(rt.double.shipments()).toHaveLength(1);
    expect(rt.double.shipments()[0]!.Details.every((d) => d.OrderNbr === good.OrderNbr)).toBe(true);
    expect(edi(join(root, 'out', 'error'))).toEqual([]);
  });

  it('awkward values: a 940 the partner accepts (4010 widths and character set), identifiers exact, lots back', async () => {
    const { rt, root } = await x12Trip();
    const so = rt.double.addSalesOrder(awkwardSalesOrder());
    const ref = refOf(so);
    await rt.cycle();
    const warehouse = new X12Warehouse({ root, lot: 'LOT-2026/11' });
    const run = await warehouse.run();
    // The double validates what a 4010 translator validates (test/fakes/x12-warehouse.ts problemsOf940).
    expect(warehouse.received.filter((r) => r.error !== undefined)).toEqual([]);
    const got = warehouse.received.find((r) => r.kind === '940')!;
    expect(got.orderRef).toBe(ref);
    const segs = got.segments!;
    expect(segs.find((x) => x[0] === 'W01')).toEqual(['W01', '2', 'EA', '', 'VN', 'WIDGET-BLUE']);
    // Free text as X12 can carry it (docs/x12.md "Text"): separators and line breaks become spaces, non-ASCII `?`,
    // cut to the element width; never a broken segment.
    expect(segs.find((x) => x[0] === 'N1' && x[1] === 'ST')).toEqual(['N1', 'ST', 'Acme, Inc. "The Best", Ltd.']);
    expect(segs.find((x) => x[0] === 'N2')).toEqual(['N2', 'Multi Line Attn Second']);
    expect(segs.find((x) => x[0] === 'PER')?.slice(0, 4)).toEqual(['PER', 'IC', 'Multi Line Attn Second', 'TE']);
    expect(segs.find((x) => x[0] === 'PER')?.[4]).toBe('+1 (206) 555-0100');
    expect(segs.find((x) => x[0] === 'N3')?.[1]).toBe('-5 Main St');
    expect(run.written.filter((w) => w.kind === '945')).toHaveLength(1);
    await rt.cycle();
    expect(rt.stateOf(ref)).toBe('done');
    const recorded = rt.store.fulfillments.forOrder(ref)[0]!.fulfillment;
    expect(recorded.lines).toEqual([{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2, lotSerials: [{ lotSerialNbr: 'LOT-2026/11', quantity: 2 }] }]);
    expect(recorded.packages[0]!.contents).toEqual([{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2, lotSerialNbr: 'LOT-2026/11' }]);
    // Our 997 for its 945 passes the partner's check too.
    await warehouse.receive();
    expect(warehouse.received.filter((r) => r.kind === '997').every((r) => r.error === undefined && r.acknowledges?.statuses.join() === 'A')).toBe(true);
  });

  it('a 940 with no 997 after the window shows its order as needing attention; the 997 clears it (issue #15 item 6)', async () => {
    const root = tempDir();
    const rt = await setup({
      wms: {
        adapter: 'file', format: 'x12', transport: { kind: 'folder', dir: root }, stableForMs: 0,
        // 0.5 s instead of the default 24 h, so the real loop can run past it.
        x12: { sender: 'ZZ:ACMEERP', receiver: 'ZZ:WHSE3PL', usage: 'P', ackOverdueHours: 0.5 / 3600 },
      },
    });
    const so = rt.double.addSalesOrder();
    const ref = refOf(so);
    await rt.cycle();
    expect(rt.store.orders.get(ref)!.attention).toBeNull();
    await new Promise((r) => setTimeout(r, 600));
    await rt.cycle();
    const rec = rt.store.orders.get(ref)!;
    expect(rec.state).toBe('at-wms');
    expect(rec.attention).toMatch(/^No 997 from the warehouse for the 940 sent .* after 0\.0001\d* h: check with the warehouse/);
    expect(rt.store.activity.forOrder(ref).some((a) => a.kind === 'attention' && a.message.startsWith('No 997'))).toBe(true);
    // The order's view (UI and `dropstream orders`) carries it.
    expect(orderRow(rt.store, rec).attention).toBe(rec.attention);
    expect(ackStatusOf(rt.store.adapterState('file'), 1)).toBe('none');

    // The warehouse answers (997 accepted): the note goes, the status is kept.
    const warehouse = new X12Warehouse({ root });
    await warehouse.receive();
    await rt.cycle();
    expect(rt.store.orders.get(ref)!.attention).toBeNull();
    expect(ackStatusOf(rt.store.adapterState('file'), 1)).toBe('accepted');
  });

  it('a 997 accepting the 940 with errors shows the order as needing attention in its view (review M2)', async () => {
    const { rt, root } = await x12Trip();
    const so = rt.double.addSalesOrder();
    const ref = refOf(so);
    await rt.cycle();
    await new X12Warehouse({ root, acceptWithErrors: (r) => r === ref }).receive();
    await rt.cycle();
    const rec = rt.store.orders.get(ref)!;
    expect(rec.state).toBe('at-wms');
    expect(rec.attention).toMatch(/^The warehouse accepted the 940 with errors \(997 AK5\*E for group 1\)/);
    expect(orderRow(rt.store, rec).attention).toBe(rec.attention);
    expect(ackStatusOf(rt.store.adapterState('file'), 1)).toBe('accepted-with-errors');
  });
});

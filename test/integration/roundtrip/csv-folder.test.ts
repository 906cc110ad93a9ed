// Round trip through the engine, CSV over a folder: Acumatica double -> in/ord_*.csv -> the test warehouse writes
// out/shp_*.csv (partial, one box per line) -> the engine collects -> Shipments with packages in the double.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_COLUMNS } from '../../../main/core/wms/file-exchange/csv/columns.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { AWKWARD, awkwardSalesOrder, refOf, useRoundTrip, type RoundTrip } from '../../helpers/roundtrip.js';
import { useTempDir } from '../../helpers/tmp.js';

const setup = useRoundTrip();
const tempDir = useTempDir('ds-rt-csv-');

async function folderTrip(): Promise<{ rt: RoundTrip; root: string }> {
  const root = tempDir();
  const rt = await setup({ wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: root }, stableForMs: 0 } });
  return { rt, root };
}

const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')).sort() : []);
const rowsOf = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true, bom: true });

/** Every shipment in the double that carries a package with this tracking number. */
const shipmentsWith = (rt: RoundTrip, tracking: string) => rt.double.shipments().filter((s) => s.Packages.some((p) => p.TrackingNbr === tracking));

describe('round trip: CSV over a folder', () => {
  it('partial and multi-box confirmations become Shipments with packages in Acumatica, each exactly once', async () => {
    const { rt, root } = await folderTrip();
    const so = rt.double.addSalesOrder({
      Details: [
        { InventoryID: 'WIDGET-BLUE', OrderQty: 4, OpenQty: 4, LineType: 'Goods for Inventory' },
        { InventoryID: 'GADGET-RED', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' },
      ],
    });
    const ref = refOf(so);
    await rt.cycle();

    // The order file: written whole under its final name, one row per line, action new.
    const inFiles = files(join(root, 'in'));
    expect(inFiles).toHaveLength(1);
    expect(inFiles[0]).toMatch(new RegExp(`^ord_${ref}_\\d{14}\\.csv$`));
    const rows = rowsOf(join(root, 'in', inFiles[0]!));
    expect(rows.map((r) => [r.action, r.order_ref, r.line_ref, r.sku, r.quantity])).toEqual([
      ['new', ref, '1', 'WIDGET-BLUE', '4'],
      ['new', ref, '2', 'GADGET-RED', '2'],
    ]);
    expect(rt.stateOf(ref)).toBe('at-wms');

    const warehouse = new FileWarehouse({ root, partial: true, multiBox: true });
    const first = await warehouse.run();
    expect(first.received).toEqual([{ orderRef: ref, action: 'new', file: inFiles[0] }]);
    expect(first.written).toHaveLength(1);
    expect(first.written[0]!.boxes).toBe(2);
    await rt.cycle();

    // First partial shipment: 2 of 4 widgets and 1 of 2 gadgets, in two boxes, with tracking and contents.
    let shipments = rt.double.shipments();
    expect(shipments).toHaveLength(1);
    const s1 = shipments[0]!;
    expect(s1.Details.every((d) => d.OrderNbr === so.OrderNbr)).toBe(true);
    expect(s1.Packages.map((p) => p.TrackingNbr).sort()).toEqual([...first.written[0]!.trackingNumbers].sort());
    expect(s1.Packages.map((p) => p.PackageContents.map((c) => [c.InventoryID.trim(), c.Quantity])).sort()).toEqual([[['GADGET-RED', 1]], [['WIDGET-BLUE', 2]]]);
    expect(s1.Packages.every((p) => p.Weight === 1.5)).toBe(true);
    expect(rt.stateOf(ref)).toBe('at-wms');
    expect(files(join(root, 'out', 'archive'))).toEqual([first.written[0]!.file]);
    expect(files(join(root, 'out')).filter((n) => n.endsWith('.csv'))).toEqual([]);

    // The rest ships: a second Shipment, the order is done, and no change file went out for the reduced open qty.
    const second = await warehouse.run();
    expect(second.written).toHaveLength(1);
    await rt.cycle();
    shipments = rt.double.shipments();
    expect(shipments).toHaveLength(2);
    const shippedQty = shipments.map((s) => s.Details.reduce((n, d) => n + d.ShippedQty, 0)).sort();
    expect(shippedQty).toEqual([3, 3]);
    expect(shipments.flatMap((s) => s.Packages.map((p) => p.TrackingNbr)).sort()).toEqual([...first.written[0]!.trackingNumbers, ...second.written[0]!.trackingNumbers].sort());
    expect(rt.stateOf(ref)).toBe('done');
    expect((await warehouse.run()).received).toEqual([]);

    // Quiet cycles change nothing.
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(2);
    expect(files(join(root, 'in'))).toEqual([]);
  });

  it('a re-dropped confirmation, or the same boxes in another file, never posts twice', async () => {
    const { rt, root } = await folderTrip();
    const so = rt.double.addSalesOrder({ Details: [{ InventoryID: 'WIDGET-BLUE', OrderQty: 4, OpenQty: 4, LineType: 'Goods for Inventory' }] });
    const ref = refOf(so);
    await rt.cycle();
    const warehouse = new FileWarehouse({ root, partial: true });
    const { written } = await warehouse.run();
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(1);
    const name = written[0]!.file;
    const tracking = written[0]!.trackingNumbers[0]!;

    // 1: the very same file dropped again (e.g. the WMS re-sent its outbox).
    copyFileSync(join(root, 'out', 'archive', name), join(root, 'out', name));
    // 2: the same order_ref + tracking + box in a file with another name and other bytes (a different ship date).
    const again = rowsOf(join(root, 'out', 'archive', name)).map((r) => ({ ...r, ship_date: '2026-11-28' }));
    writeFileSync(join(root, 'out', 'shp_resent_copy.csv'), stringify(again, { header: true, columns: [...SHIPMENT_COLUMNS] }));
    const report = await rt.cycle();

    expect(report.collected?.fulfillments).toBe(0);
    expect(shipmentsWith(rt, tracking)).toHaveLength(1);
    expect(rt.double.shipments()).toHaveLength(1);
    expect(files(join(root, 'out')).filter((n) => n.endsWith('.csv'))).toEqual([]);
    expect(files(join(root, 'out', 'error'))).toEqual([]);
    expect(rt.stateOf(ref)).toBe('at-wms');
    expect(rt.store.fulfillments.forOrder(ref)).toHaveLength(1);
  });

  it('a bad confirmation goes to out/error with its reasons, shows in the activity log, and nothing of it is applied', async () => {
    const { rt, root } = await folderTrip();
    const so = rt.double.addSalesOrder({ Details: [{ InventoryID: 'WIDGET-BLUE', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' }] });
    const ref = refOf(so);
    await rt.cycle();
    const row = (over: Partial<Record<(typeof SHIPMENT_COLUMNS)[number], string>>) => ({
      order_ref: ref, ship_date: '2026-11-27', carrier: 'UPS', service: 'GROUND', tracking_number: '1ZBAD0001', box_id: 'B1',
      weight: '1', weight_uom: 'LB', length: '', width: '', height: '', dimension_uom: '', line_ref: '1', sku: 'WIDGET-BLUE', quantity: '1', ...over,
    });
    // A good row for a real order next to a row for an order never sent: the whole file is refused.
    writeFileSync(
      join(root, 'out', 'shp_bad.csv'),
      stringify([row({}), row({ order_ref: 'SO-999999', tracking_number: '1ZBAD0002', box_id: 'B2' })], { header: true, columns: [...SHIPMENT_COLUMNS] }),
    );
    const report = await rt.cycle();

    expect(report.collected?.rejectedFiles).toBe(1);
    expect(files(join(root, 'out', 'error'))).toEqual(['shp_bad.csv', 'shp_bad.csv.error.txt']);
    const reasons = readFileSync(join(root, 'out', 'error', 'shp_bad.csv.error.txt'), 'utf8');
    expect(reasons).toContain('SO-999999');
    expect(reasons).toMatch(/Nothing from this file was applied/);
    const entries = rt.store.activity.list({ search: 'shp_bad.csv', offset: 0, limit: 10 }).rows;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'wms-file-rejected', level: 'error' });
    expect(entries[0]!.message).toContain('SO-999999');
    // Not half-applied: the good row did not post either.
    expect(rt.double.shipments()).toHaveLength(0);
    expect(rt.store.fulfillments.forOrder(ref)).toHaveLength(0);
    expect(rt.stateOf(ref)).toBe('at-wms');
    // And it is not rejected again on the next cycle (it is no longer in out/).
    expect((await rt.cycle()).collected?.rejectedFiles).toBe(0);
  });

  it('an edit after sending writes a change file and a cancellation a cancel file; the warehouse stops shipping it', async () => {
    const { rt, root } = await folderTrip();
    const a = rt.double.addSalesOrder();
    const b = rt.double.addSalesOrder();
    await rt.cycle();
    const warehouse = new FileWarehouse({ root });
    expect((await warehouse.receive()).map((r) => r.action)).toEqual(['new', 'new']);

    rt.double.updateSalesOrder(a.OrderType, a.OrderNbr, (so) => {
      so.ShipToAddress.AddressLine1 = '99 New Street';
    });
    rt.double.cancelSalesOrder(b.OrderType, b.OrderNbr);
    await rt.cycle();

    const inFiles = files(join(root, 'in'));
    expect(inFiles).toHaveLength(2);
    const byRef = new Map(inFiles.map((n) => [rowsOf(join(root, 'in', n))[0]!.order_ref!, rowsOf(join(root, 'in', n))]));
    const change = byRef.get(refOf(a))!;
    expect(change.every((r) => r.action === 'change')).toBe(true);
    expect(change[0]!.ship_to_address1).toBe('99 New Street');
    expect(change.map((r) => r.line_ref)).toEqual(a.Details.map((d) => String(d.LineNbr)));
    const cancel = byRef.get(refOf(b))!;
    expect(cancel.every((r) => r.action === 'cancel')).toBe(true);
    expect(rt.stateOf(refOf(b))).toBe('cancelled');
    expect(rt.stateOf(refOf(a))).toBe('at-wms');

    // The warehouse takes both: the cancelled order never ships, the changed one ships once.
    const run = await warehouse.run();
    expect(run.received.map((r) => [r.orderRef, r.action]).sort()).toEqual([[refOf(a), 'change'], [refOf(b), 'cancel']].sort());
    expect(run.written.map((w) => w.orderRef)).toEqual([refOf(a)]);
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(1);
    expect(rt.double.shipments()[0]!.Details.every((d) => d.OrderNbr === a.OrderNbr)).toBe(true);
    expect(rt.stateOf(refOf(a))).toBe('done');
    expect(rt.stateOf(refOf(b))).toBe('cancelled');
  });

  it('awkward values (line breaks, quotes, commas, + - = @, RTL, emoji, 255 chars) reach the warehouse and come back byte-identical', async () => {
    const { rt, root } = await folderTrip();
    const so = rt.double.addSalesOrder(awkwardSalesOrder());
    const ref = refOf(so);
    await rt.cycle();
    // The box id comes back as the package Description in Acumatica: awkward too.
    const warehouse = new FileWarehouse({ root, boxPrefix: `${AWKWARD.equals} ${AWKWARD.quotesCommas}\n${AWKWARD.rtl} ${AWKWARD.emoji} #`, lotSerial: 'LOT-2026/11 "A"' });
    const run = await warehouse.run();
    expect(run.received).toEqual([expect.objectContaining({ orderRef: ref, action: 'new' })]);
    expect(warehouse.receivedRows).toHaveLength(1);
    expect(warehouse.receivedRows[0]).toMatchObject({
      customer_po: AWKWARD.equals, notes: AWKWARD.long255, ship_to_name: AWKWARD.lineBreaks, ship_to_company: AWKWARD.quotesCommas,
      ship_to_phone: AWKWARD.plus, ship_to_email: AWKWARD.at, ship_to_address1: AWKWARD.minus, ship_to_address2: AWKWARD.rtl,
      ship_to_city: AWKWARD.emoji, description: `${AWKWARD.quotesCommas}\n${AWKWARD.rtl} ${AWKWARD.emoji}`, sku: 'WIDGET-BLUE', quantity: '2',
    });
    await rt.cycle();
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.Packages.map((p) => p.Description)).toEqual([`${AWKWARD.equals} ${AWKWARD.quotesCommas}\n${AWKWARD.rtl} ${AWKWARD.emoji} #1`]);
    expect(rt.stateOf(ref)).toBe('done');
    expect(files(join(root, 'out', 'error'))).toEqual([]);
    // The optional lot_serial column reaches the recorded fulfillment (the Acumatica write-back of lots is separate).
    expect(rt.store.fulfillments.forOrder(ref)[0]!.fulfillment.lines).toEqual([
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2, lotSerials: [{ lotSerialNbr: 'LOT-2026/11 "A"', quantity: 2 }] },
    ]);
  });
});

// The `dropstream` command end to end in sales-order mode: the Acumatica double (in this process) -> the CLI (a child
// process) -> CSV files in a real folder -> the test warehouse ships (partial, one box per line) -> the CLI writes
// Shipments with packages into the double. Also edits and cancellations after sending, and the JSON shapes.
import { afterEach, describe, expect, it } from 'vitest';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/index.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { configureCli, useCli } from '../../helpers/cli.js';
import { useTempDir } from '../../helpers/tmp.js';
import { newOrdersPerRef, orderFiles, refOf, trackingCounts, type OrdersJson, type StatusJson } from '../../helpers/exchange.js';

const cliFor = useCli();
const tempDir = useTempDir('ds-e2e-so-');
const doubles: AcumaticaDouble[] = [];
afterEach(async () => {
  for (const d of doubles.splice(0)) await d.close();
});

async function setup() {
  const double = await startAcumaticaDouble();
  doubles.push(double);
  const root = tempDir();
  const cli = cliFor({ double });
  await configureCli(cli, double, root);
  return { double, root, cli, warehouse: new FileWarehouse({ root, partial: true, multiBox: true }) };
}

const twoLines = {
  Details: [
    { InventoryID: 'WIDGET-BLUE', OrderQty: 4, OpenQty: 4, LineType: 'Goods for Inventory' },
    { InventoryID: 'GADGET-RED', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' },
  ],
};

describe('dropstream CLI, sales-order mode', () => {
  it('partial and multi-box shipments end as Shipments with packages in Acumatica; orders/status JSON', async () => {
    const { double, root, cli, warehouse } = await setup();
    const orders = [double.addSalesOrder(twoLines), double.addSalesOrder(twoLines)];
    const refs = orders.map(refOf).sort();

    const first = await cli.json<{ ok: boolean; report: { import: { imported: number } }; counts: Record<string, number> }>(['sync', '--once']);
    expect(first.result.code).toBe(0);
    expect(first.value.ok).toBe(true);
    expect(first.value.report.import.imported).toBe(2);
    expect(first.value.counts['at-wms']).toBe(2);
    expect([...newOrdersPerRef(root)].sort()).toEqual(refs.map((r) => [r, 1]));

    // First half: two boxes per order (one per line).
    const run1 = await warehouse.run();
    expect(run1.written.map((w) => w.boxes)).toEqual([2, 2]);
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    let shipments = double.shipments();
    expect(shipments).toHaveLength(2);
    for (const w of run1.written) {
      const so = orders.find((o) => refOf(o) === w.orderRef)!;
      const mine = shipments.filter((s) => s.Details.some((d) => d.OrderNbr === so.OrderNbr));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.Status).toBe('Confirmed');
      expect(mine[0]!.ShipVia).toBe('UPSGROUND');
      expect(mine[0]!.Packages.map((p) => p.TrackingNbr).sort()).toEqual([...w.trackingNumbers].sort());
      expect(mine[0]!.Packages.every((p) => p.BoxID === 'MEDIUM' && p.Weight === 1.5)).toBe(true);
      expect(mine[0]!.Details.map((d) => [d.InventoryID.trim(), d.ShippedQty]).sort()).toEqual([['GADGET-RED', 1], ['WIDGET-BLUE', 2]]);
    }
    const listed = (await cli.json<OrdersJson>(['orders'])).value;
    expect(listed.orders.map((o) => [o.reference, o.state, o.shipmentNbrs.length])).toEqual(refs.map((r) => [r, 'at-wms', 1]));

    // The rest: a second Shipment per order, and the orders are done.
    const run2 = await warehouse.run();
    expect(run2.written).toHaveLength(2);
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    shipments = double.shipments();
    expect(shipments).toHaveLength(4);
    expect(shipments.map((s) => s.Details.reduce((n, d) => n + d.ShippedQty, 0))).toEqual([3, 3, 3, 3]);
    const tracking = trackingCounts(double);
    expect(tracking.size).toBe(8);
    expect([...tracking.values()].every((n) => n === 1)).toBe(true);

    const { result, value } = await cli.json<OrdersJson>(['orders']);
    expect(result.code).toBe(0);
    expect(value.total).toBe(2);
    for (const o of value.orders) {
      expect(o).toEqual({
        reference: expect.stringMatching(/^SO-/),
        acumaticaKey: { kind: 'sales-order', orderType: 'SO', orderNbr: o.reference.slice(3) },
        state: 'done',
        lastError: null,
        attention: null,
        wmsReference: expect.stringMatching(/^ord_SO-.*\.csv$/),
        shipmentNbrs: expect.any(Array),
      });
      expect(o.shipmentNbrs).toHaveLength(2);
      expect(o.shipmentNbrs.every((n) => shipments.some((s) => s.ShipmentNbr === n))).toBe(true);
    }
    const done = (await cli.json<OrdersJson>(['orders', '--state', 'done'])).value;
    expect(done.orders).toHaveLength(2);
    expect((await cli.json<OrdersJson>(['orders', '--state', 'failed'])).value.orders).toEqual([]);

    const status = await cli.json<StatusJson>(['status']);
    expect(status.result.code).toBe(0);
    expect(status.value.acumatica.state).toBe('connected');
    expect(status.value.wms.state).toBe('connected');
    expect(status.value.counts).toMatchObject({ done: 2, failed: 0, 'at-wms': 0 });
    expect(status.value.paused).toBe(false);
    expect(Date.parse(status.value.lastSuccessfulPollAt ?? '')).toBeGreaterThan(Date.now() - 120_000);
    expect(status.value.warnings).toEqual([]);

    // A quiet cycle changes nothing: no file re-sent, no shipment twice.
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    expect(double.shipments()).toHaveLength(4);
    expect(orderFiles(root)).toHaveLength(2);
  });

  it('an edit after sending reaches the warehouse as a change, a cancellation as a cancel, and nothing ships for it', async () => {
    const { double, root, cli } = await setup();
    const warehouse = new FileWarehouse({ root });
    const edited = double.addSalesOrder(twoLines);
    const cancelled = double.addSalesOrder(twoLines);
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    expect((await warehouse.receive()).map((r) => r.action)).toEqual(['new', 'new']);

    double.updateSalesOrder(edited.OrderType, edited.OrderNbr, (so) => {
      so.ShipToAddress.AddressLine1 = '99 New Street';
    });
    double.cancelSalesOrder(cancelled.OrderType, cancelled.OrderNbr);
    const sync = await cli.run(['sync', '--once']);
    expect(sync.code).toBe(0);

    const run = await warehouse.run();
    expect(run.received.map((r) => [r.orderRef, r.action]).sort()).toEqual([
      [refOf(edited), 'change'],
      [refOf(cancelled), 'cancel'],
    ]);
    expect(run.written.map((w) => w.orderRef)).toEqual([refOf(edited)]);
    expect((await cli.run(['sync', '--once'])).code).toBe(0);

    const { value } = await cli.json<OrdersJson>(['orders']);
    const byRef = new Map(value.orders.map((o) => [o.reference, o]));
    expect(byRef.get(refOf(edited))?.state).toBe('done');
    expect(byRef.get(refOf(cancelled))?.state).toBe('cancelled');
    expect(double.shipments().flatMap((s) => s.Details.map((d) => d.OrderNbr))).not.toContain(cancelled.OrderNbr);
    expect(double.shipments()).toHaveLength(1);
    expect(newOrdersPerRef(root).get(refOf(edited))).toBe(1);
  });
});

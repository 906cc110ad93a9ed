// Reconciliation against CSV over a folder: a clean history reports nothing; every kind planted across the
// Acumatica double, the exchange folders and the database is found, and nothing else.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { found, importWithoutSending, plantOrder, reconcile } from '../../helpers/reconcile.js';
import { useRoundTrip, type RoundTrip } from '../../helpers/roundtrip.js';
import { useTempDir } from '../../helpers/tmp.js';

const setup = useRoundTrip();
const tempDir = useTempDir('ds-rec-file-');

async function cleanHistory(orders: number): Promise<{ rt: RoundTrip; root: string; warehouse: FileWarehouse; refs: string[] }> {
  const root = tempDir();
  const rt = await setup({ wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: root }, stableForMs: 0 } });
  const refs: string[] = [];
  for (let i = 0; i < orders; i++) refs.push(plantOrder(rt.double, 2 + (i % 3)));
  await rt.cycle();
  const warehouse = new FileWarehouse({ root });
  await warehouse.run();
  await rt.cycle();
  return { rt, root, warehouse, refs };
}

describe('reconciliation: file exchange (CSV over a folder)', () => {
  it('a clean history agrees on every side', async () => {
    const { rt, refs } = await cleanHistory(20);
    expect(refs.map((r) => rt.stateOf(r))).toEqual(refs.map(() => 'done'));
    const report = await reconcile(rt);
    expect(found(report)).toEqual([]);
    expect(report.warehouseLive).toBe(true);
    expect(report.ordersCompared).toBe(20);
  });

  it('finds exactly the planted discrepancies of every kind', async () => {
    const { rt, root, warehouse, refs } = await cleanHistory(12);
    const [diffTracking, diffQty] = refs;

    // Known but never sent: imported, its send dropped (held back by hand).
    const neverSent = plantOrder(rt.double, 1);
    await importWithoutSending(rt.engine, rt.store, neverSent);

    // Sent, then unknown at the warehouse: the order file vanished before the warehouse took it and the outbox
    // has no delivery record of it (e.g. the exchange root was switched).
    const lost = plantOrder(rt.double, 1);
    await rt.cycle();
    const lostFile = rt.store.orders.get(lost)!.wmsRef!;
    rmSync(join(root, 'in', lostFile));
    rt.store.db.prepare(`DELETE FROM adapter_state WHERE namespace = 'file' AND (key LIKE ? OR key LIKE ?)`).run(`order-%${lost}%`, `%${lostFile}%`);

    // Cancelled in Acumatica, shipped by the warehouse: shipped, then cancelled before DropStream collected.
    const late = plantOrder(rt.double, 2);
    await rt.cycle();
    await warehouse.run();
    const [type, nbr] = late.split('-') as [string, string];
    rt.double.cancelSalesOrder(type, nbr);
    await rt.engine.runCycle();

    // Shipped at the warehouse, not written back: a confirmation is waiting in out/, never collected.
    const pendingShip = plantOrder(rt.double, 3);
    await rt.cycle();
    await warehouse.run();
    expect(readdirSync(join(root, 'out')).filter((n) => n.endsWith('.csv'))).toHaveLength(1);

    // Written back, different in Acumatica: a package's tracking number edited there.
    const shipments = rt.double.shipments();
    const shipmentOf = (ref: string) => shipments.find((s) => s.Details.some((d) => `${d.OrderType}-${d.OrderNbr}` === ref))!;
    rt.double.updateShipment(shipmentOf(diffTracking!).ShipmentNbr, (sh) => {
      sh.Packages[0]!.TrackingNbr = 'EDITED-BY-HAND';
    });
    // Quantity written differs from quantity shipped: a shipment line edited in Acumatica.
    rt.double.updateShipment(shipmentOf(diffQty!).ShipmentNbr, (sh) => {
      sh.Details[0]!.ShippedQty += 1;
    });

    // Open in Acumatica, unknown to DropStream: entered while DropStream was not running.
    const unknown = plantOrder(rt.double, 1);

    const report = await reconcile(rt);
    expect(found(report)).toEqual(
      [
        `${unknown} unknown-to-dropstream`,
        `${neverSent} never-sent`,
        `${lost} unknown-at-warehouse`,
        `${pendingShip} shipped-not-written-back`,
        `${diffTracking} writeback-differs`,
        `${late} cancelled-but-shipped`,
        `${diffQty} quantity-differs`,
      ].sort(),
    );
    expect(report.counts['never-sent']).toBe(1);
    // Read-only: nothing moved in the exchange folders, nothing new in Acumatica.
    expect(readdirSync(join(root, 'out')).filter((n) => n.endsWith('.csv'))).toHaveLength(1);
    expect(rt.double.shipments()).toHaveLength(shipments.length);
    expect(existsSync(join(root, 'in', lostFile))).toBe(false);
  });
});

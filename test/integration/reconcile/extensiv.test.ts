// Reconciliation against Extensiv (the API double, a real local HTTP server): a clean history reports nothing;
// every kind planted across the Acumatica double, the Extensiv double and the database is found, and nothing else.
// Extensiv statuses as read (FACTS.md §orders: 0 Open, 1 Closed = shipped, 2 Canceled; closed is not shipped).
import { afterEach, describe, expect, it } from 'vitest';
import { extensivSettingsFor, startExtensivDouble, type ExtensivDouble } from '../../fakes/extensiv/index.js';
import { found, importWithoutSending, plantOrder, reconcile } from '../../helpers/reconcile.js';
import { useRoundTrip, type RoundTrip } from '../../helpers/roundtrip.js';

const setup = useRoundTrip();
const doubles: ExtensivDouble[] = [];
afterEach(async () => {
  for (const d of doubles.splice(0)) await d.close();
});

async function cleanHistory(orders: number): Promise<{ rt: RoundTrip; wms: ExtensivDouble; refs: string[] }> {
  const wms = await startExtensivDouble();
  doubles.push(wms);
  const rt = await setup({
    wms: extensivSettingsFor(wms, { routing: { '*': { carrier: 'UPS', mode: 'Ground', scac: 'UPSN' } } }),
    secrets: { 'wms.extensiv.clientSecret': wms.credentials.clientSecret },
  });
  const refs: string[] = [];
  for (let i = 0; i < orders; i++) refs.push(plantOrder(rt.double, 1 + (i % 3)));
  await rt.cycle();
  refs.forEach((ref, i) => wms.shipOrder(ref, { packages: [{ tracking: `1ZREC${String(i).padStart(8, '0')}`, contents: { 'WIDGET-BLUE': 1 + (i % 3) } }] }));
  await rt.cycle();
  return { rt, wms, refs };
}

describe('reconciliation: Extensiv', () => {
  it('a clean history agrees on every side', async () => {
    const { rt, refs } = await cleanHistory(15);
    expect(refs.map((r) => rt.stateOf(r))).toEqual(refs.map(() => 'done'));
    const report = await reconcile(rt);
    expect(found(report)).toEqual([]);
    expect(report.warehouseLive).toBe(true);
  });

  it('finds exactly the planted discrepancies of every kind', async () => {
    const { rt, wms, refs } = await cleanHistory(8);
    const [diffTracking, diffQty] = refs;

    const neverSent = plantOrder(rt.double, 1);
    await importWithoutSending(rt.engine, rt.store, neverSent);

    // DropStream recorded a send that Extensiv never got (e.g. a database restored from another machine).
    const ghost = plantOrder(rt.double, 1);
    await importWithoutSending(rt.engine, rt.store, ghost);
    const rec = rt.store.orders.get(ghost)!;
    rt.store.orders.markSent(ghost, rec.order!, rec.contentHash, 1, '999999', new Date().toISOString());
    rt.store.orders.setState(ghost, 'at-wms', new Date().toISOString());

    // Shipped, then cancelled in Acumatica before DropStream collected.
    const late = plantOrder(rt.double, 2);
    await rt.cycle();
    wms.shipOrder(late, { packages: [{ tracking: '1ZLATE0001', contents: { 'WIDGET-BLUE': 2 } }] });
    const [type, nbr] = late.split('-') as [string, string];
    rt.double.cancelSalesOrder(type, nbr);
    await rt.engine.runCycle();

    // Shipped at Extensiv, not collected yet.
    const pendingShip = plantOrder(rt.double, 3);
    await rt.cycle();
    wms.shipOrder(pendingShip, { packages: [{ tracking: '1ZPENDING01', contents: { 'WIDGET-BLUE': 3 } }] });

    const shipments = rt.double.shipments();
    const shipmentOf = (ref: string) => shipments.find((s) => s.Details.some((d) => `${d.OrderType}-${d.OrderNbr}` === ref))!;
    rt.double.updateShipment(shipmentOf(diffTracking!).ShipmentNbr, (sh) => {
      sh.Packages[0]!.TrackingNbr = 'EDITED-BY-HAND';
    });
    rt.double.updateShipment(shipmentOf(diffQty!).ShipmentNbr, (sh) => {
      sh.Details[0]!.ShippedQty += 1;
    });

    const unknown = plantOrder(rt.double, 1);
    const before = wms.apiRequests('POST').length + wms.apiRequests('PUT').length;

    const report = await reconcile(rt);
    expect(found(report)).toEqual(
      [
        `${unknown} unknown-to-dropstream`,
        `${neverSent} never-sent`,
        `${ghost} unknown-at-warehouse`,
        `${pendingShip} shipped-not-written-back`,
        `${diffTracking} writeback-differs`,
        `${late} cancelled-but-shipped`,
        `${diffQty} quantity-differs`,
      ].sort(),
    );
    // Read-only at the warehouse.
    expect(wms.apiRequests('POST').length + wms.apiRequests('PUT').length).toBe(before);
  });

  it('an unreachable warehouse is compared with what was last seen, and says so', async () => {
    const { rt, wms } = await cleanHistory(4);
    const neverSent = plantOrder(rt.double, 1);
    await importWithoutSending(rt.engine, rt.store, neverSent);
    wms.failNext({ status: 503, method: 'GET', path: '/orders', times: 20 });
    const report = await reconcile(rt);
    expect(report.warehouseLive).toBe(false);
    expect(report.warehouseNote).toMatch(/^warehouse not reachable: compared with what was last seen/);
    expect(found(report)).toEqual([`${neverSent} never-sent`]);
  });
});

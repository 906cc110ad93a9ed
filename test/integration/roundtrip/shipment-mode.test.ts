// Round trip through the engine in shipment mode: Acumatica's open Shipments go to the warehouse (order_ref =
// ShipmentNbr) and what the warehouse ships is written into THOSE Shipments (packages, tracking): no new Shipment.
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { X12Warehouse } from '../../fakes/x12-warehouse.js';
import { useRoundTrip } from '../../helpers/roundtrip.js';
import { useTempDir } from '../../helpers/tmp.js';

const setup = useRoundTrip();
const tempDir = useTempDir('ds-rt-shipmode-');

describe('round trip: shipment mode', () => {
  it('CSV: the existing Shipments get the packages and tracking; no Shipment is created', async () => {
    const root = tempDir();
    const rt = await setup({
      acumatica: { mode: 'shipments' },
      wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: root }, stableForMs: 0 },
    });
    const seeded = rt.double.seedShipments(2, { seed: 41, lines: [2, 3], nonStockShare: 0 });
    const nbrs = seeded.map((s) => s.ShipmentNbr).sort();
    const ids = new Map(seeded.map((s) => [s.ShipmentNbr, s.id]));
    await rt.cycle();

    const sent = readdirSync(join(root, 'in')).sort();
    expect(sent).toHaveLength(2);
    const refs = sent.map((n) => parse<Record<string, string>>(readFileSync(join(root, 'in', n)), { columns: true })[0]!.order_ref).sort();
    expect(refs).toEqual(nbrs);
    for (const nbr of nbrs) expect(rt.stateOf(nbr)).toBe('at-wms');

    const warehouse = new FileWarehouse({ root, multiBox: true });
    const run = await warehouse.run();
    expect(run.written).toHaveLength(2);
    await rt.cycle();

    const after = rt.double.shipments();
    expect(after.map((s) => s.ShipmentNbr).sort()).toEqual(nbrs);
    for (const w of run.written) {
      const sh = after.find((s) => s.ShipmentNbr === w.orderRef)!;
      expect(sh.id).toBe(ids.get(w.orderRef));
      expect(sh.Packages.map((p) => p.TrackingNbr).sort()).toEqual([...w.trackingNumbers].sort());
      expect(sh.Packages).toHaveLength(w.boxes);
      expect(sh.Packages.every((p) => p.PackageContents.length === 1 && p.PackageContents[0]!.Quantity > 0)).toBe(true);
      expect(rt.stateOf(w.orderRef)).toBe('done');
    }

    // Nothing more on later cycles: no second write, no new Shipment, nothing re-sent.
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(2);
    expect(rt.double.shipments().flatMap((s) => s.Packages)).toHaveLength(run.written.reduce((n, w) => n + w.boxes, 0));
    expect(readdirSync(join(root, 'in'))).toEqual([]);
  });

  it('X12: a 945 for a ShipmentNbr updates that Shipment', async () => {
    const root = tempDir();
    const rt = await setup({
      acumatica: { mode: 'shipments' },
      wms: {
        adapter: 'file', format: 'x12', transport: { kind: 'folder', dir: root }, stableForMs: 0,
        // The seeded catalogue sells by the BOX, PACK, CASE …: X12 needs a 2-character unit code for each.
        x12: { sender: 'ZZ:ACMEERP', receiver: 'ZZ:WHSE3PL', usage: 'P', units: { BOX: 'BX', PACK: 'PK', CASE: 'CA', BNDL: 'BD', BAG: 'BG' } },
      },
    });
    const [seeded] = rt.double.seedShipments(1, { seed: 42, lines: [2, 2], nonStockShare: 0 });
    await rt.cycle();
    const run = await new X12Warehouse({ root }).run();
    expect(run.received.map((r) => r.orderRef)).toEqual([seeded!.ShipmentNbr]);
    const shipped = run.written.find((w) => w.kind === '945')!;
    await rt.cycle();
    const after = rt.double.shipments();
    expect(after).toHaveLength(1);
    expect(after[0]!.ShipmentNbr).toBe(seeded!.ShipmentNbr);
    expect(after[0]!.Packages.map((p) => p.TrackingNbr)).toEqual(shipped.trackingNumbers);
    expect(rt.stateOf(seeded!.ShipmentNbr)).toBe('done');
  });
});

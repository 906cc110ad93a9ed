// Adapter + the test warehouse (test/fakes/file-warehouse.ts): an order goes out as ord_*.csv, the warehouse ships
// it partially in several boxes, the adapter turns its shp_*.csv files into Fulfillments, on a folder and over SFTP.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageKey, type Fulfillment } from '../../../main/core/domain/index.js';
import type { KnownOrder, OrderLookup, WmsAdapter } from '../../../main/core/wms/adapter.js';
import { createFileExchangeAdapter } from '../../../main/core/wms/file-exchange/adapter.js';
import { createCsvFormat } from '../../../main/core/wms/file-exchange/csv/format.js';
import { fileExchangeSettingsSchema } from '../../../main/core/wms/file-exchange/settings.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { startSshd, type SshdServer } from '../../fakes/sftp/sshd.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { useTempDir } from '../../helpers/tmp.js';
import { memorySecrets, testDeps } from '../../unit/file-exchange/helpers.js';

const tempDir = useTempDir('ds-fx-trip-');
let server: SshdServer;
beforeAll(async () => {
  server = await startSshd();
});
afterAll(async () => {
  await server?.dispose();
});

/** What the engine would do: remember shipped quantities and packages once a batch is recorded, then commit. */
function miniEngine(orders: ReturnType<typeof sampleOrder>[]) {
  const known = new Map<string, KnownOrder>(orders.map((o) => [o.ref, { order: o, shippedByLine: {}, knownPackages: new Set<string>() }]));
  const recorded: Fulfillment[] = [];
  const lookup: OrderLookup = (ref) => known.get(ref);
  return {
    recorded,
    async collect(adapter: WmsAdapter) {
      const { batches, rejected } = await adapter.collect(lookup);
      expect(rejected).toEqual([]);
      for (const b of batches) {
        for (const f of b.fulfillments) {
          const k = known.get(f.orderRef)!;
          for (const l of f.lines) k.shippedByLine[l.lineRef] = (k.shippedByLine[l.lineRef] ?? 0) + l.quantity;
          for (const p of f.packages) (k.knownPackages as Set<string>).add(packageKey(f.orderRef, p));
          recorded.push(f);
        }
        await b.commit();
      }
      return batches.length;
    },
  };
}

async function roundTrip(adapter: WmsAdapter, root: string): Promise<void> {
  const order = sampleOrder('SO', '000777', {
    lines: [
      { lineRef: '1', inventoryId: 'WIDGET-BLUE', alternateId: '', sku: 'WIDGET-BLUE', quantity: 4, uom: 'EA', description: 'Blue', warehouseId: 'W' },
      { lineRef: '3', inventoryId: 'GADGET-RED', alternateId: '', sku: '=GADGET', quantity: 3, uom: 'EA', description: 'Red', warehouseId: 'W' },
    ],
  });
  const engine = miniEngine([order]);
  const warehouse = new FileWarehouse({ root, partial: true, multiBox: true });
  await adapter.testConnection();
  const sent = await adapter.sendOrder(order, 'new', 1);

  const run1 = await warehouse.run();
  expect(run1.received).toEqual([{ orderRef: 'SO-000777', action: 'new', file: sent.wmsRef }]);
  expect(run1.written).toEqual([expect.objectContaining({ orderRef: 'SO-000777', boxes: 2 })]);
  expect(await engine.collect(adapter)).toBe(1);
  expect(engine.recorded[0]!.lines).toEqual([{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2 }, { lineRef: '3', sku: '=GADGET', quantity: 1 }]);
  expect(engine.recorded[0]!.packages.map((p) => p.contents.length)).toEqual([1, 1]);

  const run2 = await warehouse.run();
  expect(run2.written).toHaveLength(1);
  expect(await engine.collect(adapter)).toBe(1);
  expect(engine.recorded[1]!.lines).toEqual([{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2 }, { lineRef: '3', sku: '=GADGET', quantity: 2 }]);
  expect(engine.recorded.flatMap((f) => f.packages.map((p) => p.trackingNumber))).toEqual([...run1.written[0]!.trackingNumbers, ...run2.written[0]!.trackingNumbers]);
  expect(await engine.collect(adapter)).toBe(0);
  expect((await warehouse.run()).written).toEqual([]);
  await adapter.close();
}

describe('round trip with the test warehouse', () => {
  it('on a folder', async () => {
    const root = tempDir();
    const settings = fileExchangeSettingsSchema.parse({ adapter: 'file', transport: { kind: 'folder', dir: root }, stableForMs: 0 });
    await roundTrip(createFileExchangeAdapter(settings, testDeps(), createCsvFormat()), root);
  });

  it('over SFTP', async () => {
    const root = join(server.root, 'trip');
    mkdirSync(root);
    const settings = fileExchangeSettingsSchema.parse({
      adapter: 'file',
      transport: { kind: 'sftp', host: server.host, port: server.port, username: server.username, root, auth: 'key' },
      stableForMs: 0,
    });
    const deps = testDeps({ secrets: memorySecrets({ 'wms.sftp.privateKey': server.clientPrivateKey }) });
    await roundTrip(createFileExchangeAdapter(settings, deps, createCsvFormat()), root);
  });
});

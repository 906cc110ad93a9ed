// A warehouse adapter is one descriptor in one registry (issue #17 item 4). The skeleton of docs/adapters.md
// (test/fixtures/skeleton-adapter) is registered exactly as the tests register the memory warehouse, and an order
// goes out and its shipment comes back through the real engine against the Acumatica double. The production
// registry knows neither it nor the memory warehouse, and says which adapters there are.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core/create-core.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { createSettingsStore, memorySettingsBackend } from '../../../main/core/settings/store.js';
import { builtInWmsAdapters, createWmsAdapterFrom } from '../../../main/core/wms/registry.js';
import { MemorySecretStore } from '../../helpers/secrets.js';
import { startAcumaticaDouble } from '../../fakes/acumatica/index.js';
import { jsonDropDescriptor } from '../../fixtures/skeleton-adapter/descriptor.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('ds-registry-');
const UNKNOWN = /Unknown warehouse adapter "(json-drop|memory)": choose one of file, extensiv, simulated/;

describe('warehouse adapter registry', () => {
  it('a skeleton adapter registered with one line sends an order and brings its shipment back through the engine', async () => {
    const double = await startAcumaticaDouble();
    const dir = tempDir();
    try {
      const [order] = double.seedSalesOrders(1, { seed: 17, lines: [2, 2], nonStockShare: 0 });
      const ref = `${order!.OrderType}-${order!.OrderNbr}`;
      const settings = createSettingsStore(
        memorySettingsBackend({
          acumatica: { url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, requestsPerMinute: 6000, overlapSeconds: 0, defaultBoxId: 'MEDIUM' },
          wms: { adapter: 'json-drop', dir },
        }),
        [...builtInWmsAdapters, jsonDropDescriptor],
      );
      const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
      const core = await createCore({ dataDir: tempDir(), shell: 'browser', secrets, settings, logger: silentLogger });
      try {
        const view = await core.handlers['settings.get']({});
        expect(view.ok && view.value.wmsAdapters.map((a) => a.id)).toEqual(['file', 'extensiv', 'simulated', 'json-drop']);
        const tested = await core.handlers['connection.testWms']({});
        expect(tested.ok && tested.value.every((c) => c.ok)).toBe(true);

        await core.runtime.engine.runCycle();
        const sent = JSON.parse(readFileSync(join(dir, 'orders', `${ref}.json`), 'utf8')) as { lines: { lineRef: string; sku: string; quantity: number }[] };
        expect(sent.lines.length).toBe(2);

        writeFileSync(join(dir, 'shipments', 'ship-1.json'), JSON.stringify({ orderRef: ref, shipDate: '2026-12-04', carrier: 'UPS', service: 'Ground', trackingNumber: '1ZSKELETON01', lines: sent.lines }));
        await core.runtime.engine.runCycle();
        const shipments = double.shipments();
        expect(shipments).toHaveLength(1);
        expect(shipments[0]!.Packages.map((p) => p.TrackingNbr)).toEqual(['1ZSKELETON01']);
        expect(readdirSync(join(dir, 'shipments', 'done'))).toEqual(['ship-1.json']);

        // The contract validates a wms section with the registry in use: the skeleton's own message, on its field.
        const bad = await core.handlers['settings.save']({ section: 'wms', value: { adapter: 'json-drop', dir: '' } });
        expect(bad.ok ? null : bad.error.fields).toEqual({ 'value.dir': 'Choose the drop folder' });
      } finally {
        await core.stop();
      }
    } finally {
      await double.close();
    }
  });

  it('production settings, factory and contract know only file, extensiv and simulated, and say so', async () => {
    const deps = { secrets: new MemorySecretStore({}), state: { get: () => undefined, set() {}, setMany() {}, next: () => 1 }, clock: { now: () => 0 }, logger: silentLogger };
    for (const adapter of ['json-drop', 'memory']) {
      expect(() => createSettingsStore(memorySettingsBackend({ wms: { adapter } })).read()).toThrow(UNKNOWN);
      expect(() => createWmsAdapterFrom(builtInWmsAdapters, { adapter }, deps as never)).toThrow(UNKNOWN);
    }
    const dataDir = tempDir();
    const core = await createCore({ dataDir, shell: 'browser', secrets: new MemorySecretStore({}), settings: createSettingsStore(memorySettingsBackend()), logger: silentLogger });
    try {
      const saved = await core.handlers['settings.save']({ section: 'wms', value: { adapter: 'memory' } });
      expect(saved.ok).toBe(false);
      expect(saved.ok ? '' : saved.error.message).toMatch(UNKNOWN);
      const view = await core.handlers['settings.get']({});
      expect(view.ok && view.value.wmsAdapters.map((a) => [a.id, a.offered])).toEqual([
        ['file', 'always'],
        ['extensiv', 'always'],
        ['simulated', 'when-chosen'],
      ]);
    } finally {
      await core.stop();
    }
    expect(existsSync(dataDir)).toBe(true);
  });
});

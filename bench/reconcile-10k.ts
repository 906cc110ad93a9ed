// Benchmark (not a test): reconciles 10,000 orders against the doubles. First a clean history is built through the
// real engine (Acumatica double in its own process -> CSV files on a temp folder -> the test warehouse ships every
// order -> Shipments written back), not timed; then one reconciliation reads Acumatica (paged), lists the exchange
// folders (10,000 archived confirmations parsed) and the database, and compares. Prints its wall time, the peak RSS
// sampled while it runs, and Acumatica requests per 1,000 orders. Targets: under 60 s, under 400 MB, at most 30
// requests per 1,000 orders, and no discrepancy on the clean history.
// Run: npm run bench:reconcile   (RECONCILE_ORDERS=N changes the count; RECONCILE_WMS=memory uses the in-memory warehouse)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAcumaticaGateway } from '../main/core/acumatica/client.js';
import { systemClock } from '../main/core/clock.js';
import { silentLogger } from '../main/core/log/logger.js';
import { requestsPerThousand } from '../main/core/reconcile/report.js';
import { runReconciliation } from '../main/core/reconcile/run.js';
import type { Settings } from '../main/core/settings/schema.js';
import { openStore } from '../main/core/store/index.js';
import { createEngine } from '../main/core/sync/engine.js';
import type { WmsAdapter } from '../main/core/wms/adapter.js';
import { createWmsAdapter } from '../main/core/wms/index.js';
import { MemorySecretStore } from '../test/helpers/secrets.js';
import { FileWarehouse } from '../test/fakes/file-warehouse.js';
import { createMemoryWms, memorySettings } from '../test/fakes/memory-wms.js';
import { startRemoteDouble } from './remote-double.js';

const ORDERS = Number(process.env.RECONCILE_ORDERS ?? 10_000);
const WMS = process.env.RECONCILE_WMS === 'memory' ? 'memory' : 'file';
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dropstream-bench-reconcile-'));
  const exchange = join(dir, 'exchange');
  mkdirSync(exchange);
  const double = await startRemoteDouble();
  try {
    await double.seed(ORDERS, { lines: [1, 3], nonStockShare: 0, seed: 16_016 });
    const settings: Settings = memorySettings({
      acumatica: { url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, maxConcurrent: 4, defaultBoxId: 'MEDIUM' },
      wms: WMS === 'file' ? { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: exchange }, stableForMs: 0 } : { adapter: 'memory' },
      app: { pollIntervalSeconds: 60 },
    });
    // Building the history: the request cap is lifted so it does not take minutes (see sync-10k.ts). The
    // reconciliation below runs with the settings' own limiter.
    // Shipments are left unconfirmed while building (one request fewer each): reconciliation reads them the same.
    const fast = { ...settings.acumatica!, requestsPerMinute: 1_000_000, maxConcurrent: 8, confirmShipments: false };
    const store = openStore(join(dir, 'data'));
    const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
    const builder = createAcumaticaGateway({ settings: fast, secrets, clock: systemClock, logger: silentLogger });
    const memory = createMemoryWms();
    const wms: WmsAdapter = WMS === 'file' ? createWmsAdapter(settings.wms!, { secrets: new MemorySecretStore({}), state: store.adapterState('file'), clock: systemClock, logger: silentLogger }) : memory;
    const engine = createEngine({ store, acumatica: builder, wms, settings: () => ({ ...settings, acumatica: fast }), clock: systemClock, logger: silentLogger });
    const buildStart = performance.now();
    await engine.runCycle();
    if (WMS === 'file') await new FileWarehouse({ root: exchange }).run();
    else for (const ref of memory.orders.keys()) memory.shipAll(ref, `1Z${ref}`);
    for (let i = 0; i < 6 && (store.orders.counts().done ?? 0) < ORDERS; i++) await engine.runCycle();
    await engine.stop();
    await builder.logout();
    const done = store.orders.counts().done ?? 0;
    if (done !== ORDERS) throw new Error(`history not clean: ${JSON.stringify(store.orders.counts())}`);
    console.log(`reconcile bench: ${ORDERS} orders, ${WMS} warehouse; clean history built in ${seconds(performance.now() - buildStart)} (not timed)`);

    // The reconciliation itself, with a fresh client at the settings' own request limit.
    const gateway = createAcumaticaGateway({ settings: settings.acumatica!, secrets, clock: systemClock, logger: silentLogger });
    const before = (await double.requests()).length;
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
    const start = performance.now();
    const report = await runReconciliation({ store, acumatica: gateway, wms, settings: () => settings, clock: systemClock, logger: silentLogger });
    const wallMs = performance.now() - start;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const served = (await double.requests(before)).length;
    await gateway.logout();
    await wms.close();
    store.close();

    const perThousand = requestsPerThousand(report);
    console.log(`result: ${report.ordersCompared} orders compared, ${report.discrepancies.length} discrepancies, warehouse ${report.warehouseLive ? 'live' : 'last seen'}`);
    console.log(`  wall time: ${seconds(wallMs)} (target < 60 s)`);
    console.log(`  peak RSS while reconciling: ${mb(peakRss)} (target < 400 MB; the process also holds what building the history left)`);
    console.log(`  Acumatica requests: ${report.acumaticaRequests} counted by the client, ${served} served by the double = ${perThousand.toFixed(1)} per 1,000 orders (target <= 30)`);
    const ok = report.discrepancies.length === 0 && report.ordersCompared === ORDERS && wallMs < 60_000 && peakRss < 400 * 1024 * 1024 && perThousand <= 30;
    console.log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

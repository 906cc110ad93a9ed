// Benchmark (not a test): a first import of 5,000 open sales orders with lines from the Acumatica double (pages of
// 100 by key, $select), then an idle incremental poll. Prints requests per order and wall time. Targets: <= 0.03
// requests per order on the first import, exactly 1 request per idle poll. Then, for information, what the
// keys-then-records fallback costs when the instance cannot optimize the list (500 orders). Run: npm run bench:acumatica
import { createAcumaticaGateway } from '../main/core/acumatica/client.js';
import { systemClock } from '../main/core/clock.js';
import { silentLogger } from '../main/core/log/logger.js';
import { acumaticaSettingsSchema } from '../main/core/settings/schema.js';
import { MemorySecretStore } from '../test/helpers/secrets.js';
import { startAcumaticaDouble } from '../test/fakes/acumatica/server.js';

const ORDERS = 5_000;
const FALLBACK_ORDERS = 500;

/** The fallback: the instance refuses lists with details for this filter; every record is then read by key. */
async function fallback(): Promise<string> {
  const double = await startAcumaticaDouble({ latencyMs: 5, nonOptimizable: { SalesOrder: ['Status'] } });
  try {
    double.seedSalesOrders(FALLBACK_ORDERS, { lines: [1, 5] });
    const gateway = createAcumaticaGateway({
      settings: acumaticaSettingsSchema.parse({ url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, requestsPerMinute: 6000, maxConcurrent: 4 }),
      secrets: new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password }),
      clock: systemClock,
      logger: silentLogger,
    });
    const started = performance.now();
    const result = await gateway.importOrders({ since: null });
    const ms = performance.now() - started;
    const requests = gateway.requestCount();
    await gateway.logout();
    return `fallback (CannotOptimizeException, keys then records, 4 at a time): ${result.orders.length} orders, ${requests} requests = ${(requests / result.orders.length).toFixed(4)} per order, ${(ms / 1000).toFixed(2)} s`;
  } finally {
    await double.close();
  }
}

async function main(): Promise<void> {
  const double = await startAcumaticaDouble({ latencyMs: 5 });
  try {
    double.seedSalesOrders(ORDERS, { lines: [1, 5] });
    const lines = double.salesOrders().reduce((n, so) => n + so.Details.length, 0);
    const settings = acumaticaSettingsSchema.parse({ url: double.url, clientId: double.credentials.clientId, username: double.credentials.username });
    const gateway = createAcumaticaGateway({
      settings,
      secrets: new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password }),
      clock: systemClock,
      logger: silentLogger,
    });

    const started = performance.now();
    const first = await gateway.importOrders({ since: null });
    const firstMs = performance.now() - started;
    const firstRequests = gateway.requestCount();
    const perOrder = firstRequests / first.orders.length;

    const idleStart = gateway.requestCount();
    const idleStarted = performance.now();
    await gateway.importOrders({ since: first.cursor });
    const idleRequests = gateway.requestCount() - idleStart;
    const idleMs = performance.now() - idleStarted;
    await gateway.logout();

    const ok = perOrder <= 0.03 && idleRequests === 1;
    console.log(`first import: ${first.orders.length} orders (${lines} lines in Acumatica), ${first.held.length} held`);
    console.log(`  requests: ${firstRequests} (token + endpoint + pages of ${settings.pageSize} by key) = ${perOrder.toFixed(4)} per order (target <= 0.03)`);
    console.log(`  wall time: ${(firstMs / 1000).toFixed(2)} s (${((firstMs / first.orders.length) * 1000).toFixed(0)} µs per order)`);
    console.log(`idle poll: ${idleRequests} request(s) (target 1), ${idleMs.toFixed(0)} ms`);
    console.log(await fallback());
    console.log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await double.close();
  }
}

await main();

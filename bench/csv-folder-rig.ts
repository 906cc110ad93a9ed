// The set-up the latency benchmarks share: a temp data folder, the Acumatica double (20 ms per request), the real
// Acumatica client, the CSV folder adapter and the real engine with the given poll interval. close() undoes it all.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAcumaticaGateway } from '../main/core/acumatica/client.js';
import { systemClock } from '../main/core/clock.js';
import { silentLogger } from '../main/core/log/logger.js';
import { settingsSchema } from '../main/core/settings/schema.js';
import { openStore } from '../main/core/store/index.js';
import { createEngine } from '../main/core/sync/engine.js';
import { createWmsAdapter } from '../main/core/wms/index.js';
import { MemorySecretStore } from '../test/helpers/secrets.js';
import { startAcumaticaDouble } from '../test/fakes/acumatica/server.js';

export async function startCsvFolderRig(name: string, pollSeconds: number) {
  const dir = mkdtempSync(join(tmpdir(), `dropstream-${name}-`));
  const exchange = join(dir, 'exchange');
  mkdirSync(exchange); // the folder adapter expects the share to exist
  const double = await startAcumaticaDouble({ latencyMs: 20 });
  const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
  const settings = settingsSchema.parse({
    acumatica: { url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, defaultBoxId: 'MEDIUM' },
    wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: exchange } },
    app: { pollIntervalSeconds: pollSeconds },
  });
  const store = openStore(dir);
  const gateway = createAcumaticaGateway({ settings: settings.acumatica!, secrets, clock: systemClock, logger: silentLogger });
  const adapter = createWmsAdapter(settings.wms!, { secrets, state: store.adapterState('file'), clock: systemClock, logger: silentLogger });
  const engine = createEngine({ store, acumatica: gateway, wms: adapter, settings: () => settings, clock: systemClock, logger: silentLogger });
  return {
    exchange,
    double,
    store,
    engine,
    async close(): Promise<void> {
      await engine.stop();
      await adapter.close();
      await gateway.logout();
      store.close();
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

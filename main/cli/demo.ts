// The built-in demo: a simulated Acumatica (the same double the tests use, seeded with sample customers and open
// sales orders) and a simulated warehouse that ships after a few seconds — some orders in two parts, some in several
// boxes, and one write-back that Acumatica refuses once so the retry screen has something to show. It lives in its
// own data directory and never touches a real one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type RunningCore } from '../core/create-core.js';
import { createEnvSecretStore } from '../core/secrets/env-store.js';
import { createConfBackend } from '../core/settings/conf-backend.js';
import { acumaticaSettingsSchema } from '../core/settings/schema.js';
import { createSettingsStore } from '../core/settings/store.js';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../test/fakes/acumatica/index.js';

export interface Demo {
  core: RunningCore;
  acumatica: AcumaticaDouble;
  dataDir: string;
  close(): Promise<void>;
}

export async function startDemo(options: { dataDir?: string; newOrderEverySeconds?: number } = {}): Promise<Demo> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dropstream-demo-'));
  const acumatica = await startAcumaticaDouble();
  acumatica.seedSalesOrders(12, { seed: 7, lines: [1, 4], nonStockShare: 0.2 });
  // One write-back is refused the first time, as Acumatica does when a preference blocks it.
  acumatica.failNext({
    status: 422,
    count: 1,
    method: 'PUT',
    pathPrefix: '/entity/Default/',
    body: {
      message: 'An error has occurred.',
      exceptionMessage: 'Inserting  \'Shipment\' record raised at least one error. Please review the errors. Ship Via: The carrier is temporarily inactive.',
      exceptionType: 'PX.Data.PXOuterException',
    },
  });

  const settings = createSettingsStore(createConfBackend(dataDir));
  const s = settings.read();
  settings.write({
    ...s,
    // Parsed, so settings added later get their defaults here too.
    acumatica: acumaticaSettingsSchema.parse({
      ...(s.acumatica ?? {}),
      url: acumatica.url,
      clientId: acumatica.credentials.clientId,
      username: acumatica.credentials.username,
      mode: 'sales-orders',
      statuses: ['Open'],
      orderTypes: ['SO'],
      warehouseId: '',
      pageSize: 100,
      requestsPerMinute: 600,
      maxConcurrent: 4,
      concurrentAccess: true,
      overlapSeconds: 5,
      reconcileMinutes: 360,
      confirmShipments: true,
      shipViaMap: {},
      shipViaFallbackToOrder: true,
      boxMap: {},
      defaultBoxId: 'MEDIUM',
    }),
    wms: s.wms ?? { adapter: 'simulated', shipAfterSeconds: 6 },
    app: { ...s.app, pollIntervalSeconds: 10 },
  });

  // The demo's credentials are the double's: kept in memory, never in a keychain.
  const secrets = createEnvSecretStore({
    DROPSTREAM_ACUMATICA_CLIENT_SECRET: acumatica.credentials.sharedSecret,
    DROPSTREAM_ACUMATICA_PASSWORD: acumatica.credentials.password,
  });
  const core = await createCore({ dataDir, shell: 'browser', secrets, settings, demo: true });

  const every = (options.newOrderEverySeconds ?? 30) * 1000;
  // A new order opens now and then, with a fresh change stamp, so the incremental poll picks it up.
  const arrivals = setInterval(() => acumatica.addSalesOrder(), every);

  return {
    core,
    acumatica,
    dataDir,
    async close() {
      clearInterval(arrivals);
      await core.stop();
      await acumatica.close();
    },
  };
}

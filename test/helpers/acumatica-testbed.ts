// What every engine-level test starts from: an Acumatica double, a memory secret store holding its credentials,
// settings pointing at it (fast limits, a default box) and the real Acumatica client tuned to retry quickly.
import type { z } from 'zod';
import { createAcumaticaGateway } from '../../main/core/acumatica/client.js';
import type { AcumaticaGateway } from '../../main/core/acumatica/gateway.js';
import { systemClock } from '../../main/core/clock.js';
import { silentLogger } from '../../main/core/log/logger.js';
import type { SecretName } from '../../main/core/secrets/secret-store.js';
import type { AcumaticaSettings, Settings, wmsSettingsSchema } from '../../main/core/settings/schema.js';
import { MemorySecretStore } from './secrets.js';
import { startAcumaticaDouble, type AcumaticaDouble, type AcumaticaDoubleOptions } from '../fakes/acumatica/server.js';
import { memorySettings } from '../fakes/memory-wms.js';

export interface TestbedOptions {
  /** A production adapter's settings, or the memory warehouse (registered for these settings). */
  wms: z.input<typeof wmsSettingsSchema> | { adapter: 'memory' };
  acumatica?: Partial<AcumaticaSettings>;
  double?: AcumaticaDoubleOptions;
  /** More secrets next to the Acumatica ones (SFTP key, Extensiv client secret). */
  secrets?: Partial<Record<SecretName, string>>;
}

export interface Testbed {
  double: AcumaticaDouble;
  secrets: MemorySecretStore;
  settings: Settings;
  gateway: AcumaticaGateway;
}

export async function startAcumaticaTestbed(opts: TestbedOptions): Promise<Testbed> {
  const double = await startAcumaticaDouble(opts.double);
  const secrets = new MemorySecretStore({
    'acumatica.sharedSecret': double.credentials.sharedSecret,
    'acumatica.password': double.credentials.password,
    ...opts.secrets,
  });
  const settings = memorySettings({
    acumatica: {
      url: double.url,
      clientId: double.credentials.clientId,
      username: double.credentials.username,
      requestsPerMinute: 6000,
      maxConcurrent: 4,
      defaultBoxId: 'MEDIUM',
      ...opts.acumatica,
    },
    wms: opts.wms,
    app: { pollIntervalSeconds: 10, maxAttempts: 50 },
  });
  const gateway = createAcumaticaGateway({
    settings: settings.acumatica!,
    secrets,
    clock: systemClock,
    logger: silentLogger,
    random: () => 0.5,
    tuning: { retryBaseMs: 10, retryMaxMs: 50, actionPollMs: 10, inlineRetries: 1 },
  });
  return { double, secrets, settings, gateway };
}

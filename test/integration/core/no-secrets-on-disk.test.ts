// Secrets written through the SecretStore (the real OS keychain here) never reach the database, the settings file or
// the logs, even after a full cycle that signs in, refreshes and writes back.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core/create-core.js';
import { createKeytarSecretStore } from '../../../main/core/secrets/keytar-store.js';
import { createConfBackend } from '../../../main/core/settings/conf-backend.js';
import { createSettingsStore } from '../../../main/core/settings/store.js';
import { startAcumaticaDouble } from '../../fakes/acumatica/index.js';
import { createMemoryWms, withMemoryWms } from '../../fakes/memory-wms.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('no secret on disk', () => {
  it('keeps shared secret, password, refresh and access tokens out of every file in the data directory', async () => {
    const dir = tempDir();
    const double = await startAcumaticaDouble({ tokenLifetimeSeconds: 1 });
    const keychain = createKeytarSecretStore(keytar, `com.dropstream.test.nosecrets.${process.pid}`);
    // Every value the app saves (rotating refresh tokens included) is a needle to look for afterwards.
    const saved: string[] = [];
    const secrets = { ...keychain, set: async (name: Parameters<typeof keychain.set>[0], value: string) => (saved.push(value), keychain.set(name, value)) };
    await secrets.set('acumatica.sharedSecret', double.credentials.sharedSecret);
    await secrets.set('acumatica.password', double.credentials.password);
    const wms = createMemoryWms();
    const settings = createSettingsStore(createConfBackend(dir), withMemoryWms(wms));
    settings.write({
      ...settings.read(),
      acumatica: {
        url: double.url,
        clientId: double.credentials.clientId,
        username: double.credentials.username,
        requestsPerMinute: 6000,
        defaultBoxId: 'MEDIUM',
      } as never,
      wms: { adapter: 'memory' } as never,
      app: { ...settings.read().app, logLevel: 'debug' },
    });
    const core = await createCore({ dataDir: dir, shell: 'browser', secrets, settings });
    try {
      double.seedSalesOrders(5, { seed: 11 });
      await core.runtime.engine.runCycle();
      wms.shipAll([...wms.orders.keys()][0]!, '1ZNOSECRET1');
      await new Promise((r) => setTimeout(r, 1100)); // the access token expires: a refresh happens
      await core.runtime.engine.runCycle();
      expect(double.shipments()).toHaveLength(1);
      expect(double.grants().refresh + double.grants().password).toBeGreaterThan(1);
    } finally {
      await core.stop();
      await double.close();
    }
    expect(saved.length).toBeGreaterThan(2);
    const needles = [...new Set(saved)];
    const files = filesUnder(dir);
    expect(files.some((f) => f.endsWith('dropstream.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('settings.json'))).toBe(true);
    expect(files.some((f) => f.includes('logs'))).toBe(true);
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      for (const secret of needles) expect(content.includes(secret), `${secret.slice(0, 3)}… found in ${file}`).toBe(false);
      expect(/Bearer [A-Za-z0-9]/.test(content), `bearer token in ${file}`).toBe(false);
    }
    for (const name of ['acumatica.sharedSecret', 'acumatica.password', 'acumatica.refreshToken'] as const) await secrets.delete(name);
  });
});

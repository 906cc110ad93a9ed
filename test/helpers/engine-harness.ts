// An engine over a real SQLite file, the real Acumatica client against the Acumatica double, and a WMS adapter.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { AcumaticaGateway } from '../../main/core/acumatica/gateway.js';
import { systemClock } from '../../main/core/clock.js';
import { silentLogger } from '../../main/core/log/logger.js';
import type { AcumaticaSettings, Settings } from '../../main/core/settings/schema.js';
import { openStore, type Store } from '../../main/core/store/index.js';
import { createEngine, type Engine } from '../../main/core/sync/engine.js';
import type { WmsAdapter } from '../../main/core/wms/adapter.js';
import type { MemorySecretStore } from './secrets.js';
import type { AcumaticaDouble, AcumaticaDoubleOptions } from '../fakes/acumatica/server.js';
import { createMemoryWms, type MemoryWms } from '../fakes/memory-wms.js';
import { startAcumaticaTestbed } from './acumatica-testbed.js';

export interface EngineHarness {
  dir: string;
  double: AcumaticaDouble;
  secrets: MemorySecretStore;
  settings: Settings;
  store: Store;
  gateway: AcumaticaGateway;
  engine: Engine;
  wms: MemoryWms;
  /** Closes the engine and store and opens them again on the same file (a restart). */
  restart(): Engine;
}

export function useEngine(): (opts?: { acumatica?: Partial<AcumaticaSettings>; double?: AcumaticaDoubleOptions; wms?: WmsAdapter; memoryWms?: MemoryWms }) => Promise<EngineHarness> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return async (opts = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'dropstream-engine-'));
    const { double, secrets, settings, gateway } = await startAcumaticaTestbed({ wms: { adapter: 'memory' }, ...(opts.acumatica ? { acumatica: opts.acumatica } : {}), ...(opts.double ? { double: opts.double } : {}) });
    const memoryWms = opts.memoryWms ?? createMemoryWms();
    const wms = opts.wms ?? memoryWms;
    let store = openStore(dir);
    const make = () => createEngine({ store, acumatica: gateway, wms, settings: () => settings, clock: systemClock, logger: silentLogger, random: () => 0 });
    const harness: EngineHarness = {
      dir,
      double,
      secrets,
      settings,
      store,
      gateway,
      engine: make(),
      wms: memoryWms,
      restart() {
        store.close();
        store = openStore(dir);
        harness.store = store;
        harness.engine = make();
        return harness.engine;
      },
    };
    cleanups.push(async () => {
      await harness.engine.stop();
      store.close();
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return harness;
  };
}

/** Makes every job due now (the tests do not wait out real backoff). */
export function makeJobsDue(store: Store): void {
  store.db.prepare(`UPDATE jobs SET next_attempt_at = 0 WHERE status IN ('queued', 'needs-retry')`).run();
}

// One data directory's running core: store, settings, secrets, the Acumatica gateway and WMS adapter built from the
// settings (rebuilt when they change), and the engine. Shells and the CLI get at everything through this.
import { createAcumaticaGateway } from './acumatica/client.js';
import type { AcumaticaGateway } from './acumatica/gateway.js';
import type { Clock } from './clock.js';
import type { Logger } from './log/logger.js';
import type { SecretStore } from './secrets/secret-store.js';
import type { AcumaticaSettings, Settings } from './settings/schema.js';
import type { SettingsStore } from './settings/store.js';
import type { Store } from './store/index.js';
import { createEngine, type Engine } from './sync/engine.js';
import type { WmsAdapter } from './wms/adapter.js';
import type { WmsDeps } from './wms/deps.js';
import { createWmsAdapterFrom } from './wms/registry.js';
import type { Events } from '../ipc/contract.js';

export type AcumaticaFactory = (deps: { settings: AcumaticaSettings; secrets: SecretStore; clock: Clock; logger: Logger }) => AcumaticaGateway;

export interface RuntimeOptions {
  dataDir: string;
  store: Store;
  settings: SettingsStore;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  emit: <E extends keyof Events>(event: E, payload: Events[E]) => void;
  acumaticaFactory?: AcumaticaFactory;
  random?: () => number;
}

export type Runtime = ReturnType<typeof createRuntime>;

export function createRuntime(options: RuntimeOptions) {
  const acumaticaFactory = options.acumaticaFactory ?? createAcumaticaGateway;
  // The warehouse adapters are those the settings store accepts (tests register more through it).
  const wmsAdapters = options.settings.wmsAdapters;
  let settings: Settings = options.settings.read();

  function buildAcumatica(s: Settings): AcumaticaGateway | null {
    if (!s.acumatica) return null;
    const gateway = acumaticaFactory({
      settings: s.acumatica,
      secrets: options.secrets,
      clock: options.clock,
      logger: options.logger.child({ module: 'acumatica' }),
    });
    gateway.onConnectionChange(() => options.emit('connection.changed', { side: 'acumatica' }));
    return gateway;
  }

  function wmsDeps(adapter: string): WmsDeps {
    return {
      secrets: options.secrets,
      state: options.store.adapterState(adapter),
      clock: options.clock,
      logger: options.logger.child({ module: `wms-${adapter}` }),
    };
  }

  function buildWms(s: Settings): WmsAdapter | null {
    if (!s.wms) return null;
    return createWmsAdapterFrom(wmsAdapters, s.wms, wmsDeps(s.wms.adapter));
  }

  const engine: Engine = createEngine({
    store: options.store,
    acumatica: buildAcumatica(settings),
    wms: buildWms(settings),
    settings: () => settings,
    clock: options.clock,
    logger: options.logger.child({ module: 'sync' }),
    emit: options.emit,
    ...(options.random ? { random: options.random } : {}),
  });

  return {
    ...options,
    engine,
    settingsNow: () => settings,
    acumatica: () => engine.context.acumatica,
    wms: () => engine.context.wms,
    wmsDeps,
    acumaticaFactory,
    wmsAdapters,
    /** Re-reads settings (another process may have changed them) and rebuilds what changed. */
    async reloadSettings(): Promise<void> {
      const next = options.settings.read();
      await apply(next);
    },
    async saveSettings(next: Settings): Promise<void> {
      options.settings.write(next);
      await apply(options.settings.read());
    },
    async close(): Promise<void> {
      await engine.stop();
      await engine.context.acumatica?.logout().catch(() => undefined);
      await engine.context.wms?.close().catch(() => undefined);
    },
  };

  async function apply(next: Settings): Promise<void> {
    const before = settings;
    if (JSON.stringify(before) === JSON.stringify(next)) return;
    settings = next;
    if (JSON.stringify(before.acumatica) !== JSON.stringify(next.acumatica)) {
      await engine.context.acumatica?.logout().catch(() => undefined);
      engine.context.acumatica = buildAcumatica(next);
    }
    if (JSON.stringify(before.wms) !== JSON.stringify(next.wms)) {
      await engine.context.wms?.close().catch(() => undefined);
      engine.context.wms = buildWms(next);
    }
    options.emit('settings.changed', {});
  }
}

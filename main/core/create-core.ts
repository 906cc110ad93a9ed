// Puts a core together for a shell: the store of the data directory, the runtime (gateway, adapter, engine), the API
// handlers and the event stream. The shell passes in its side effects (settings backend, secret store, logger,
// opening a browser); nothing here knows whether it runs in Electron or under plain Node.
import { join } from 'node:path';
import type { Core, EventListener } from './host.js';
import { createHandlers } from './api/handlers.js';
import { createReconcileSchedule } from './reconcile/schedule.js';
import { createReconcileService } from './reconcile/service.js';
import { systemClock, type Clock } from './clock.js';
import { createFileLogger } from './log/file-logger.js';
import type { Logger } from './log/logger.js';
import { redactor } from './log/redact.js';
import { registeringSecretStore } from './secrets/registering-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import type { SettingsStore } from './settings/store.js';
import { openStore } from './store/index.js';
import { createRuntime, type AcumaticaFactory, type Runtime } from './runtime.js';
import type { EventName, Events } from '../ipc/contract.js';
import type { ProgressEvent } from '../ipc/views.js';

export interface CoreOptions {
  dataDir: string;
  shell: 'desktop' | 'browser';
  secrets: SecretStore;
  settings: SettingsStore;
  /** Default: rotating JSON logs in <dataDir>/logs. */
  logger?: Logger;
  clock?: Clock;
  demo?: boolean;
  version?: string;
  openExternal?: (url: string) => Promise<boolean>;
  acumaticaFactory?: AcumaticaFactory;
}

export interface RunningCore extends Core {
  runtime: Runtime;
}

export async function createCore(options: CoreOptions): Promise<RunningCore> {
  const clock = options.clock ?? systemClock;
  const settingsNow = options.settings.read();
  const fileLogger = options.logger
    ? null
    : createFileLogger({ dir: join(options.dataDir, 'logs'), level: settingsNow.app.logLevel, redactor, clock });
  const logger = options.logger ?? fileLogger!;
  const store = openStore(options.dataDir);
  const listeners = new Set<EventListener>();
  let progress: ProgressEvent | null = null;

  const emit = <E extends EventName>(event: E, payload: Events[E]): void => {
    if (event === 'progress') progress = payload as ProgressEvent;
    if (event === 'counts.changed') progress = null;
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch (e) {
        logger.warn('An event listener failed', { event, error: e instanceof Error ? e.message : String(e) });
      }
    }
  };

  const runtime = createRuntime({
    dataDir: options.dataDir,
    store,
    settings: options.settings,
    secrets: registeringSecretStore(options.secrets, redactor),
    clock,
    logger,
    emit,
    ...(options.acumaticaFactory ? { acumaticaFactory: options.acumaticaFactory } : {}),
  });

  const reconcile = createReconcileService(runtime);
  const schedule = createReconcileSchedule({
    clock,
    logger: logger.child({ module: 'reconcile-schedule' }),
    settings: () => runtime.settingsNow(),
    service: reconcile,
    lastStartedAt: () => store.reconcile.lastStartedAt(),
  });
  const handlers = createHandlers({
    reconcile,
    runtime,
    shell: options.shell,
    demo: options.demo ?? false,
    version: options.version ?? '0.1.0',
    openExternal: options.openExternal ?? (async () => false),
    progress: () => progress,
  });

  let stopped = false;
  let reload: NodeJS.Timeout | null = null;
  return {
    runtime,
    handlers,
    dataDir: options.dataDir,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      runtime.engine.start();
      schedule.start();
      // Another process (`dropstream pause`, a second window) may change the settings file: pick that up.
      // Fix (found by the CLI e2e pause/resume test): a `dropstream resume` from another process was picked up here,
      // but the loop slept on until the next poll (a minute or more); resuming now wakes it.
      reload ??= setInterval(() => {
        const wasPaused = runtime.settingsNow().app.paused;
        void runtime
          .reloadSettings()
          .then(() => {
            if (wasPaused && !runtime.settingsNow().app.paused) runtime.engine.syncNow();
          })
          .catch(() => undefined);
      }, 5000);
      reload.unref();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (reload) clearInterval(reload);
      await schedule.stop();
      await reconcile.stop();
      await runtime.close();
      store.close();
      await fileLogger?.close();
    },
  };
}

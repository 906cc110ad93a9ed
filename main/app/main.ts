// The Electron entry: the only file that loads electron at run time. It wires Electron's objects into the testable
// pieces of this folder: one instance, the core (settings in electron-store, secrets in the OS keychain), the
// hardened window on app://, IPC, tray, notifications, start at login, and a quit that signs out of Acumatica.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, Menu, Notification, Tray, app, dialog, ipcMain, nativeImage, protocol, session, shell } from 'electron';
import Store from 'electron-store';
import keytar from 'keytar';
import { createCore } from '../core/create-core.js';
import { createFileLogger } from '../core/log/file-logger.js';
import { redactor } from '../core/log/redact.js';
import { APP_ID, createKeytarSecretStore } from '../core/secrets/keytar-store.js';
import { createSettingsStore } from '../core/settings/store.js';
import { APP_SCHEME, appOrigins } from './app-origin.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.js';
import { setLinuxAutostart } from './autostart-linux.js';
import { createOpenExternal, externalAllowList } from './external-links.js';
import { forwardEvents, registerIpc, trustedSender } from './ipc.js';
import { acquireSingleInstance, handleQuit, loginItemSettings, wasStartedHidden } from './lifecycle.js';
import { watchForNotifications } from './notifications.js';
import { createTrayController } from './tray.js';
import { trayIconPng } from './tray-icon.js';
import { contentSecurityPolicy, createAppWindow } from './window.js';

/** Development only (unpackaged): load the renderer from the Vite dev server instead of app://. */
const DEV_SERVER_ENV = 'DROPSTREAM_DEV_SERVER_URL';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.setAppUserModelId(APP_ID); // Windows: notifications and taskbar grouping under the app's name

let mainWindow: BrowserWindow | null = null;
let showWindow: () => void = () => undefined;

if (acquireSingleInstance(app, () => showWindow())) {
  app.on('window-all-closed', () => {
    // Stay in the tray: the sync keeps running with no window open.
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => fail(e));
}

async function start(): Promise<void> {
  const development = !app.isPackaged;
  const origins = appOrigins(development ? process.env[DEV_SERVER_ENV] : undefined);
  const dataDir = app.getPath('userData');
  const root = app.getAppPath();

  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(root, 'renderer', 'dist'), contentSecurityPolicy()));

  const store = new Store<Record<string, unknown>>({ cwd: dataDir, name: 'settings', clearInvalidConfig: false });
  const settings = createSettingsStore({
    get store() {
      return store.store;
    },
    set(value) {
      store.store = value;
    },
    path: store.path,
  });
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), level: settings.read().app.logLevel, redactor });
  const openExternal = createOpenExternal(
    (url) => shell.openExternal(url),
    () => externalAllowList(settings.read()),
    (message, meta) => logger.warn(message, meta),
  );
  const core = await createCore({
    dataDir,
    shell: 'desktop',
    secrets: createKeytarSecretStore(keytar, APP_ID),
    settings,
    logger,
    openExternal,
    version: app.getVersion(),
  });

  registerIpc(ipcMain, core.handlers, trustedSender(origins), logger.child({ module: 'ipc' }));
  const stopEvents = forwardEvents(core, () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null));

  let quit: { isQuitting(): boolean } = { isQuitting: () => false };
  showWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    mainWindow = createAppWindow({
      BrowserWindow,
      session: session.defaultSession,
      origins,
      preloadPath: join(root, 'dist', 'preload', 'index.cjs'),
      development,
      openExternal,
      onWarning: (message, meta) => logger.warn(message, meta),
    });
    mainWindow.on('close', (event) => {
      // Closing the window hides it to the tray; Quit (tray menu, Cmd+Q) really quits.
      if (quit.isQuitting()) return;
      event.preventDefault();
      mainWindow?.hide();
    });
  };
  app.on('activate', () => showWindow()); // macOS: click on the Dock icon

  const icon = (state: Parameters<typeof trayIconPng>[0]) => nativeImage.createFromBuffer(trayIconPng(state, 32), { scaleFactor: 2 });
  const run = (channel: 'sync.pause' | 'sync.resume' | 'sync.now'): void => {
    void core.handlers[channel]({}).then(() => tray.refresh());
  };
  const tray = createTrayController({
    createTray: (image) => new Tray(image),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    icon,
    core,
    actions: {
      open: () => showWindow(),
      pause: () => run('sync.pause'),
      resume: () => run('sync.resume'),
      syncNow: () => run('sync.now'),
      quit: () => app.quit(),
    },
    logger,
  });

  const notifications = watchForNotifications({
    core,
    logger,
    show: (notice) => {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title: notice.title, body: notice.body });
      n.on('click', () => showWindow());
      n.show();
    },
  });

  // Quit waits for the core to stop: a running step finishes, Acumatica is signed out, the database closes.
  quit = handleQuit(app, async () => {
    stopEvents();
    notifications.stop();
    tray.destroy();
    await core.stop();
    await logger.close();
  }, { logger });

  const applyStartAtLogin = (): void => {
    const enabled = settings.read().app.startAtLogin;
    if (process.platform === 'linux') {
      const configDir = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
      // Only a packaged build has a stable program to start; the AppImage's own path is in $APPIMAGE.
      if (!app.isPackaged) return;
      void setLinuxAutostart(configDir, process.env.APPIMAGE ?? process.execPath, enabled).catch((e: unknown) =>
        logger.warn('Could not set start at login', { error: e instanceof Error ? e.message : String(e) }),
      );
    } else {
      app.setLoginItemSettings(loginItemSettings(enabled));
    }
  };
  applyStartAtLogin();
  core.subscribe((event) => {
    if (event === 'settings.changed') applyStartAtLogin();
  });

  core.start();
  if (!wasStartedHidden(process.argv, app, process.platform)) showWindow();
}

/** Start-up failed (settings file invalid, keychain unusable, database from a newer version…): say so and exit. */
function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  dialog.showErrorBox('DropStream for Acumatica could not start', message);
  app.exit(1);
}

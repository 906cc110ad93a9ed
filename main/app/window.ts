// Every window of the app is made here, and only here, so its hardening cannot be forgotten on a second window:
// sandboxed isolated renderer without Node, a strict Content-Security-Policy, no navigation away from the app,
// no pop-ups (allow-listed https links go to the system browser instead), no permissions, no <webview>.
// Electron's objects are passed in so this runs under plain Node in tests.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  HandlerDetails,
  OnHeadersReceivedListenerDetails,
  HeadersReceivedResponse,
  Session,
  WindowOpenHandlerResponse,
} from 'electron';
import { isAppUrl, type AppOrigins } from './app-origin.js';

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

export interface CspOptions {
  /** Development only: the Vite dev server, whose inline preamble, injected styles and HMR socket need allowing. */
  devServerOrigin?: string;
}

/** The page's Content-Security-Policy. The built renderer has no inline script or style, so none is allowed. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerOrigin;
  const socket = dev ? dev.replace(/^http/, 'ws') : undefined;
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    ['style-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['connect-src', socket ? `'self' ${socket}` : "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The options of every window. Exported so a test can check each value. */
export function windowOptions(preloadPath: string, development: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'DropStream for Acumatica',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: development,
      safeDialogs: true,
    },
  };
}

/**
 * Session-wide rules, applied once per session: the CSP header on every response, and permission handlers that
 * grant nothing (no camera, notifications-from-page, geolocation, clipboard reads, HID/USB/serial…).
 */
export function hardenSession(session: SessionLike, csp: string): void {
  session.webRequest.onHeadersReceived(
    (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => {
      callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
    },
  );
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The response headers with our CSP replacing any the server sent (header names are case-insensitive). */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

export interface CreateWindowOptions {
  BrowserWindow: BrowserWindowClass;
  session: SessionLike;
  origins: AppOrigins;
  preloadPath: string;
  development: boolean;
  /** Checks the allow-list itself and opens in the system browser; see ./external-links.ts. */
  openExternal: (url: string) => Promise<boolean>;
  onWarning?: (message: string, meta: Record<string, unknown>) => void;
}

const hardenedSessions = new WeakSet<object>();

/** Creates a hardened window and starts loading the app's entry page. */
export function createAppWindow(options: CreateWindowOptions): BrowserWindow {
  const { origins, development } = options;
  const warn = options.onWarning ?? (() => {});
  if (!hardenedSessions.has(options.session)) {
    const devServerOrigin = origins.entryUrl.startsWith('http') ? origins.origin : undefined;
    hardenSession(options.session, contentSecurityPolicy(devServerOrigin ? { devServerOrigin } : {}));
    hardenedSessions.add(options.session);
  }

  const windowOpts = windowOptions(options.preloadPath, development);
  // The window must use the session that was just hardened.
  windowOpts.webPreferences = { ...windowOpts.webPreferences, session: options.session as Session };
  const win = new options.BrowserWindow(windowOpts);
  const contents = win.webContents;

  const denyForeign = (event: { url: string; preventDefault(): void }, what: string): boolean => {
    if (isAppUrl(event.url, origins)) return false;
    event.preventDefault();
    warn(`Blocked ${what} away from the app`, { scheme: schemeOf(event.url) });
    return true;
  };
  contents.on('will-navigate', (event) => {
    // A link the user clicked may be one we allow: offer it to the system browser (which re-checks the list).
    if (denyForeign(event, 'a navigation')) void options.openExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => denyForeign(event, 'a frame navigation'));
  contents.on('will-redirect', (event) => denyForeign(event, 'a redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    warn('Blocked a <webview>', {});
  });
  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    void options.openExternal(details.url);
    return { action: 'deny' };
  });
  if (!development) {
    // Belt and braces with devTools:false: also close DevTools if something opens them.
    contents.on('devtools-opened', () => contents.closeDevTools());
  }

  win.once('ready-to-show', () => win.show());
  void win.loadURL(origins.entryUrl).catch((e: unknown) => {
    warn('The app page could not be loaded', { error: e instanceof Error ? e.message : String(e) });
  });
  if (development) contents.openDevTools({ mode: 'detach' });
  return win;
}

function schemeOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? '(none)';
}

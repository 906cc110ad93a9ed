import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appOrigins } from '../../../main/app/app-origin.js';
import { contentSecurityPolicy, createAppWindow, windowOptions, withCsp, type BrowserWindowClass, type SessionLike } from '../../../main/app/window.js';
import { FakeBrowserWindow, FakeEvent, FakeSession } from './fakes.js';

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; frame-src 'none'; form-action 'none'";

describe('contentSecurityPolicy', () => {
  it('is strict for the packaged app: no inline script or style, nothing from elsewhere', () => {
    expect(contentSecurityPolicy()).toBe(STRICT_CSP);
    expect(contentSecurityPolicy()).not.toContain('unsafe');
  });

  it('allows the dev server only what Vite needs in development', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://127.0.0.1:5173' });
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5173");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('windowOptions', () => {
  it('turns on every isolation and turns off every Node and navigation feature', () => {
    const options = windowOptions('/app/dist/preload/index.cjs', false);
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/preload/index.cjs',
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
      devTools: false,
      safeDialogs: true,
    });
    expect(options.show).toBe(false);
  });

  it('allows DevTools only in development', () => {
    expect(windowOptions('/p', true).webPreferences?.devTools).toBe(true);
    expect(windowOptions('/p', false).webPreferences?.devTools).toBe(false);
  });
});

describe('withCsp', () => {
  it('replaces a CSP the server sent, whatever its case, and keeps the other headers', () => {
    const out = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'x');
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['x'] });
  });
});

describe('createAppWindow', () => {
  let session: FakeSession;
  let openExternal: ReturnType<typeof vi.fn<(url: string) => Promise<boolean>>>;
  const origins = appOrigins();

  const create = (development = false) =>
    createAppWindow({
      BrowserWindow: FakeBrowserWindow as unknown as BrowserWindowClass,
      session: session as unknown as SessionLike,
      origins,
      preloadPath: '/app/preload.cjs',
      development,
      openExternal,
    }) as unknown as FakeBrowserWindow;

  beforeEach(() => {
    session = new FakeSession();
    openExternal = vi.fn(async () => true);
    FakeBrowserWindow.created = [];
  });

  it('creates the window with the hardened options in the hardened session and loads the app entry', () => {
    const win = create();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.session).toBe(session);
    expect(win.loaded).toEqual(['app://dropstream/index.html']);
    expect(win.webContents.devToolsOpened).toBe(0);
  });

  it('sends the CSP header on every response and grants no permission', () => {
    create();
    let headers: Record<string, string[]> | undefined;
    session.headersListener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy']).toEqual([STRICT_CSP]);

    const granted: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      session.permissionRequest!(null, p, (g) => granted.push(g), {});
      expect(session.permissionCheck!(null, p, 'app://dropstream', {})).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false, false, false]);
  });

  it('hardens a session once however many windows use it', () => {
    create();
    create();
    expect(session.hardenedCount).toBe(1);
  });

  it('refuses navigation away from the app and offers the link to the system browser', () => {
    const win = create();
    const away = new FakeEvent('https://docs.dropstream.app/guide');
    win.webContents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://docs.dropstream.app/guide');

    const js = new FakeEvent('javascript:alert(1)');
    win.webContents.emit('will-navigate', js);
    expect(js.defaultPrevented).toBe(true);

    const file = new FakeEvent('file:///etc/passwd');
    win.webContents.emit('will-frame-navigate', file);
    expect(file.defaultPrevented).toBe(true);
  });

  it('lets the app navigate within itself', () => {
    const win = create();
    const inside = new FakeEvent('app://dropstream/index.html#/orders');
    win.webContents.emit('will-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
    // A look-alike host is not the app.
    const lookalike = new FakeEvent('app://dropstream.evil/index.html');
    win.webContents.emit('will-navigate', lookalike);
    expect(lookalike.defaultPrevented).toBe(true);
  });

  it('refuses redirects away from the app without opening anything', () => {
    const win = create();
    const redirect = new FakeEvent('https://evil.example/');
    win.webContents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open and hands the URL to openExternal (which applies the allow-list)', () => {
    const win = create();
    expect(win.webContents.windowOpenHandler!({ url: 'https://docs.dropstream.app/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler!({ url: 'app://dropstream/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(2);
  });

  it('blocks <webview> tags', () => {
    const win = create();
    const event = new FakeEvent();
    win.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('closes DevTools in production and opens them in development', () => {
    const prod = create(false);
    prod.webContents.emit('devtools-opened');
    expect(prod.webContents.devToolsClosed).toBe(1);
    const dev = create(true);
    expect(dev.webContents.devToolsOpened).toBe(1);
  });

  it('shows the window once it is ready', () => {
    const win = create();
    expect(win.shown).toBe(0);
    win.emit('ready-to-show');
    expect(win.shown).toBe(1);
  });

  it('loads the dev server and allows it in the CSP in development', () => {
    const devOrigins = appOrigins('http://127.0.0.1:5173/');
    const win = createAppWindow({
      BrowserWindow: FakeBrowserWindow as unknown as BrowserWindowClass,
      session: session as unknown as SessionLike,
      origins: devOrigins,
      preloadPath: '/p',
      development: true,
      openExternal,
    }) as unknown as FakeBrowserWindow;
    expect(win.loaded).toEqual(['http://127.0.0.1:5173/']);
    let headers: Record<string, string[]> | undefined;
    session.headersListener!({}, (r) => (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy']?.[0]).toContain('ws://127.0.0.1:5173');
    const hmr = new FakeEvent('http://127.0.0.1:5173/index.html');
    win.webContents.emit('will-navigate', hmr);
    expect(hmr.defaultPrevented).toBe(false);
  });
});

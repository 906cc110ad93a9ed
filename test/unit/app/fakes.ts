// Stand-ins for the few Electron objects the shell takes as parameters. They record what the code registered so a
// test can call the callbacks the way Electron would.
import { EventEmitter } from 'node:events';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsOpened = 0;
  devToolsClosed = 0;
  sent: unknown[][] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  openDevTools(): void {
    this.devToolsOpened++;
  }
  closeDevTools(): void {
    this.devToolsClosed++;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  shown = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown++;
  }
}

type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;

export class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  hardenedCount = 0;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.hardenedCount++;
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
}

import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AUTOSTART_FILE, autostartEntry, setLinuxAutostart } from '../../../main/app/autostart-linux.js';
import { HIDDEN_ARG, acquireSingleInstance, handleQuit, loginItemSettings, wasStartedHidden } from '../../../main/app/lifecycle.js';
import { FakeEvent } from './fakes.js';

class FakeApp extends EventEmitter {
  quitCalls = 0;
  exitCodes: number[] = [];
  constructor(private readonly gotLock = true) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    this.exitCodes.push(code);
  }
  /** What Electron does on Quit: emit before-quit and go on only if nobody prevented it. */
  tryQuit(): boolean {
    const event = new FakeEvent();
    this.emit('before-quit', event);
    return !event.defaultPrevented;
  }
}

describe('acquireSingleInstance', () => {
  it('lets the first instance run and shows it when a second one starts', () => {
    const app = new FakeApp(true);
    const show = vi.fn();
    expect(acquireSingleInstance(app as never, show)).toBe(true);
    app.emit('second-instance', {}, ['dropstream']);
    expect(show).toHaveBeenCalledTimes(1);
    expect(app.quitCalls).toBe(0);
  });

  it('makes a second instance quit', () => {
    const app = new FakeApp(false);
    expect(acquireSingleInstance(app as never, vi.fn())).toBe(false);
    expect(app.quitCalls).toBe(1);
  });
});

describe('handleQuit', () => {
  it('holds the quit until the core stopped, then exits once', async () => {
    const app = new FakeApp();
    const order: string[] = [];
    let finish: () => void = () => undefined;
    const stop = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            order.push('stopped');
            resolve();
          };
        }),
    );
    const quit = handleQuit(app as never, stop);
    expect(quit.isQuitting()).toBe(false);
    expect(app.tryQuit()).toBe(false); // held
    expect(quit.isQuitting()).toBe(true);
    expect(app.tryQuit()).toBe(false); // a second Quit while stopping is ignored
    expect(stop).toHaveBeenCalledTimes(1);
    expect(app.exitCodes).toEqual([]);
    finish();
    await vi.waitFor(() => expect(app.exitCodes).toEqual([0]));
    expect(order).toEqual(['stopped']);
    expect(app.tryQuit()).toBe(true); // once stopped, the quit goes through
  });

  it('exits even when stopping fails', async () => {
    const app = new FakeApp();
    const error = vi.fn();
    handleQuit(app as never, async () => Promise.reject(new Error('sign-out failed')), { logger: { error } as never });
    app.tryQuit();
    await vi.waitFor(() => expect(app.exitCodes).toEqual([0]));
    expect(error).toHaveBeenCalledWith('Stopping failed; quitting anyway', { error: 'sign-out failed' });
  });

  it('exits after the timeout when stopping hangs', async () => {
    const app = new FakeApp();
    const warn = vi.fn();
    handleQuit(app as never, () => new Promise<void>(() => undefined), { timeoutMs: 30, logger: { warn } as never });
    app.tryQuit();
    await vi.waitFor(() => expect(app.exitCodes).toEqual([0]));
    expect(warn).toHaveBeenCalled();
  });
});

describe('start at login', () => {
  it('maps the setting to the login item, started hidden', () => {
    expect(loginItemSettings(true)).toEqual({ openAtLogin: true, openAsHidden: true, args: [HIDDEN_ARG] });
    expect(loginItemSettings(false)).toEqual({ openAtLogin: false, openAsHidden: false, args: [] });
  });

  it('knows when it was started at login', () => {
    const app = { getLoginItemSettings: () => ({ wasOpenedAtLogin: true }) };
    const notAtLogin = { getLoginItemSettings: () => ({ wasOpenedAtLogin: false }) };
    expect(wasStartedHidden(['/opt/DropStream', HIDDEN_ARG], notAtLogin as never, 'win32')).toBe(true);
    expect(wasStartedHidden(['/opt/DropStream'], notAtLogin as never, 'win32')).toBe(false);
    expect(wasStartedHidden(['/Applications/DropStream'], app as never, 'darwin')).toBe(true);
  });

  describe('Linux autostart entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-autostart-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('quotes the program path per the Desktop Entry spec', () => {
      expect(autostartEntry('/opt/DropStream for Acumatica/dropstream')).toContain('Exec="/opt/DropStream for Acumatica/dropstream" --hidden\n');
      expect(autostartEntry('/home/u/a"b$c`d\\e%f.AppImage')).toContain('Exec="/home/u/a\\\\"b\\\\$c\\\\`d\\\\\\\\e%%f.AppImage" --hidden');
      expect(() => autostartEntry('/tmp/x\nExec=rm -rf ~')).toThrow(/line break/);
    });

    it('writes and removes the file in the autostart folder', async () => {
      const file = join(dir, 'autostart', AUTOSTART_FILE);
      await setLinuxAutostart(dir, '/opt/ds/DropStream.AppImage', true);
      expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
      await setLinuxAutostart(dir, '/opt/ds/DropStream.AppImage', false);
      expect(existsSync(file)).toBe(false);
      await setLinuxAutostart(dir, '/opt/ds/DropStream.AppImage', false); // already off: fine
    });
  });
});

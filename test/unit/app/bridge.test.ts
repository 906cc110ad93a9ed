import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../../../main/app/ipc-channels.js';
import { CHANNELS, EVENT_NAMES, type Api } from '../../../main/ipc/contract.js';
import { createBridge, type IpcRendererLike } from '../../../preload/bridge.js';
import { buildPreload } from '../../../preload/build.js';

class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  invoked: unknown[][] = [];
  answer: unknown = { ok: true, value: { fine: true } };
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return this.answer instanceof Error ? Promise.reject(this.answer) : Promise.resolve(this.answer);
  }
}

describe('createBridge', () => {
  it('offers exactly request and subscribe, never the IPC object', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['request', 'subscribe']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
    const api: Api = bridge; // compile-time: the bridge is the contract's Api
    expect(api).toBe(bridge);
  });

  it('sends every contract channel on the one request channel with its input', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    for (const channel of CHANNELS) await bridge.request(channel, {});
    expect(ipc.invoked.map((c) => c[0])).toEqual(CHANNELS.map(() => REQUEST_CHANNEL));
    expect(ipc.invoked.map((c) => c[1])).toEqual([...CHANNELS]);
    expect(await bridge.request('orders.get', { ref: 'SO1' })).toEqual({ ok: true, value: { fine: true } });
    expect(ipc.invoked.at(-1)).toEqual([REQUEST_CHANNEL, 'orders.get', { ref: 'SO1' }]);
  });

  it('refuses a channel outside the contract without sending anything', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    for (const channel of ['shell.exec', '__proto__', 'dropstream:event', 7]) {
      const result = await bridge.request(channel as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('turns a failed invoke or a malformed answer into a Result', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    ipc.answer = new Error('Error invoking remote method: gone');
    expect(await bridge.request('app.info', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
    ipc.answer = 'nonsense';
    expect(await bridge.request('app.info', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('delivers only the subscribed event, only its payload (never the IPC event), until unsubscribed', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const orders = vi.fn();
    const counts = vi.fn();
    const offOrders = bridge.subscribe('orders.changed', orders);
    bridge.subscribe('counts.changed', counts);
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(1);

    const ipcEvent = { sender: ipc, senderId: 0 };
    ipc.emit(EVENT_CHANNEL, ipcEvent, 'orders.changed', { refs: ['SO1'] });
    ipc.emit(EVENT_CHANNEL, ipcEvent, 'counts.changed', {});
    expect(orders.mock.calls).toEqual([[{ refs: ['SO1'] }]]);
    expect(counts.mock.calls).toEqual([[{}]]);

    offOrders();
    offOrders(); // twice is harmless
    ipc.emit(EVENT_CHANNEL, ipcEvent, 'orders.changed', { refs: ['SO2'] });
    expect(orders).toHaveBeenCalledTimes(1);
  });

  it('removes its IPC listener when the last subscription ends', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const a = bridge.subscribe('progress', () => undefined);
    const b = bridge.subscribe('progress', () => undefined);
    a();
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(1);
    b();
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('refuses event names outside the contract', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    expect(() => bridge.subscribe('dropstream:request' as never, () => undefined)).toThrow(/Unknown event/);
    expect(() => bridge.subscribe('orders.changed', 'not a function' as never)).toThrow(TypeError);
    for (const name of EVENT_NAMES) expect(typeof bridge.subscribe(name, () => undefined)).toBe('function');
  });

  it('keeps other listeners running when one throws', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const good = vi.fn();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bridge.subscribe('counts.changed', () => {
      throw new Error('bad listener');
    });
    bridge.subscribe('counts.changed', good);
    ipc.emit(EVENT_CHANNEL, {}, 'counts.changed', {});
    expect(good).toHaveBeenCalledTimes(1);
    quiet.mockRestore();
  });
});

describe('the preload bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ds-preload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one CommonJS file that needs only electron, as a sandboxed preload must be, and exposes the bridge', async () => {
    const outfile = await buildPreload(join(dir, 'index.cjs'));
    const code = readFileSync(outfile, 'utf8');
    const required: string[] = [];
    const exposed: [string, unknown][] = [];
    const ipc = new FakeIpcRenderer();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.push([key, value]) },
      ipcRenderer: ipc,
    };
    // What a sandboxed preload gets: a require limited to a few modules. Our bundle must ask for electron only.
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`module not found in a sandboxed preload: ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    expect(required).toEqual(['electron']);
    expect(exposed.map(([k]) => k)).toEqual(['dropstream']);
    const bridge = exposed[0]![1] as Api;
    expect(Object.keys(bridge).sort()).toEqual(['request', 'subscribe']);
    await bridge.request('status.get', {});
    expect(ipc.invoked).toEqual([[REQUEST_CHANNEL, 'status.get', {}]]);
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appOrigins } from '../../../main/app/app-origin.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL, dispatch, forwardEvents, registerIpc, trustedSender, type IpcMainLike } from '../../../main/app/ipc.js';
import { createCore, type RunningCore } from '../../../main/core/create-core.js';
import { AppError } from '../../../main/core/errors.js';
import type { EventListener } from '../../../main/core/host.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import type { SecretStore } from '../../../main/core/secrets/secret-store.js';
import { createSettingsStore, memorySettingsBackend } from '../../../main/core/settings/store.js';
import { CHANNELS, type Handlers } from '../../../main/ipc/contract.js';
import { FakeWebContents } from './fakes.js';

type Invoke = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Invoke>();
  const ipcMain = {
    handle: (channel: string, fn: Invoke) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  return { ipcMain: ipcMain as unknown as IpcMainLike, handlers };
}

const appFrame = { senderFrame: { url: 'app://dropstream/index.html#/queues', parent: null } };

/** Handlers that record calls; 'app.info' answers, 'status.get' throws. */
function recordingHandlers() {
  const calls: [string, unknown][] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      async (input: unknown) => {
        calls.push([c, input]);
        if (c === 'status.get') throw new AppError('storage', 'The database is locked.');
        if (c === 'orders.get') throw new TypeError('boom');
        return { ok: true, value: { channel: c } };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('trustedSender', () => {
  const check = trustedSender(appOrigins());
  it('trusts only the top frame of the app origin', () => {
    expect(check(appFrame as never)).toBe(true);
    expect(check({ senderFrame: null })).toBe(false);
    expect(check({ senderFrame: { url: 'https://evil.example/', parent: null } } as never)).toBe(false);
    expect(check({ senderFrame: { url: 'file:///home/u/x.html', parent: null } } as never)).toBe(false);
    expect(check({ senderFrame: { url: 'app://dropstream/index.html', parent: {} } } as never)).toBe(false);
    expect(check({ senderFrame: { url: 'app://dropstream.evil/index.html', parent: null } } as never)).toBe(false);
  });
  it('trusts the dev server origin in development and nothing else', () => {
    const dev = trustedSender(appOrigins('http://127.0.0.1:5173/'));
    expect(dev({ senderFrame: { url: 'http://127.0.0.1:5173/', parent: null } } as never)).toBe(true);
    expect(dev(appFrame as never)).toBe(false);
  });
});

describe('registerIpc', () => {
  const setup = (trusted = trustedSender(appOrigins())) => {
    const { ipcMain, handlers: registered } = fakeIpcMain();
    const { handlers, calls } = recordingHandlers();
    const unregister = registerIpc(ipcMain, handlers, trusted, silentLogger);
    const invoke = registered.get(REQUEST_CHANNEL)!;
    return { invoke, calls, unregister, registered };
  };

  it('registers one request channel and removes it again', () => {
    const { registered, unregister } = setup();
    expect([...registered.keys()]).toEqual([REQUEST_CHANNEL]);
    unregister();
    expect(registered.size).toBe(0);
  });

  it('forwards a known channel and its input to the handler and returns its Result', async () => {
    const { invoke, calls } = setup();
    expect(await invoke(appFrame, 'app.info', {})).toEqual({ ok: true, value: { channel: 'app.info' } });
    expect(calls).toEqual([['app.info', {}]]);
  });

  it.each([['nope'], ['__proto__'], ['constructor'], ['toString'], [42], [null], [undefined], [{ channel: 'app.info' }], [['app.info']]])(
    'refuses the unknown channel %j with invalid-input and calls nothing',
    async (channel) => {
      const { invoke, calls } = setup();
      const result = (await invoke(appFrame, channel, {})) as { ok: boolean; error: { kind: string; message: string } };
      expect(result.ok).toBe(false);
      expect(result.error.kind).toBe('invalid-input');
      expect(result.error.message).toMatch(/Unknown request/);
      expect(calls).toEqual([]);
    },
  );

  it('refuses requests from a page that is not the app, before looking at the channel', async () => {
    const { invoke, calls } = setup();
    for (const event of [{ senderFrame: null }, { senderFrame: { url: 'https://evil.example/', parent: null } }]) {
      const result = (await invoke(event, 'secrets.save', { name: 'acumatica.password', value: 'x' })) as { ok: boolean; error: { kind: string; message: string } };
      expect(result).toEqual({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/did not come from the app/) } });
    }
    expect(calls).toEqual([]);
  });

  it('treats a sender check that throws as untrusted', async () => {
    const { invoke, calls } = setup(() => {
      throw new Error('frame gone');
    });
    expect(((await invoke(appFrame, 'app.info', {})) as { ok: boolean }).ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('turns a thrown error into a Result instead of rejecting across IPC', async () => {
    const { invoke } = setup();
    await expect(invoke(appFrame, 'status.get', {})).resolves.toEqual({ ok: false, error: { kind: 'storage', message: 'The database is locked.' } });
    await expect(invoke(appFrame, 'orders.get', { ref: 'x' })).resolves.toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Unexpected error: boom' },
    });
  });
});

describe('dispatch', () => {
  it('does not reach inherited properties of the handler map', async () => {
    const { handlers } = recordingHandlers();
    const result = await dispatch(handlers, 'hasOwnProperty', {});
    expect(result.ok).toBe(false);
  });
});

describe('forwardEvents', () => {
  const fakeCore = () => {
    let listener: EventListener | null = null;
    const unsubscribe = vi.fn();
    return {
      core: {
        subscribe: (l: EventListener) => {
          listener = l;
          return unsubscribe;
        },
      },
      emit: (name: string, payload: unknown) => (listener as unknown as (n: string, p: unknown) => void)(name, payload),
      unsubscribe,
    };
  };

  it('sends the contract events to the window, and nothing else', () => {
    const contents = new FakeWebContents();
    const { core, emit } = fakeCore();
    forwardEvents(core, () => contents);
    emit('orders.changed', { refs: ['SO1'] });
    emit('internal.secret', { password: 'x' });
    emit('progress', { phase: 'import', done: 3, total: null });
    expect(contents.sent).toEqual([
      [EVENT_CHANNEL, 'orders.changed', { refs: ['SO1'] }],
      [EVENT_CHANNEL, 'progress', { phase: 'import', done: 3, total: null }],
    ]);
  });

  it('skips closed windows and follows a reopened one', () => {
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    let current: FakeWebContents | null = first;
    const { core, emit, unsubscribe } = fakeCore();
    const stop = forwardEvents(core, () => current);
    first.destroyed = true;
    emit('counts.changed', {});
    current = null;
    emit('counts.changed', {});
    current = second;
    emit('counts.changed', {});
    expect(first.sent).toEqual([]);
    expect(second.sent).toEqual([[EVENT_CHANNEL, 'counts.changed', {}]]);
    stop();
    expect(unsubscribe).toHaveBeenCalled();
  });
});

describe('IPC in front of the real core', () => {
  let core: RunningCore | null = null;
  let dir = '';
  afterEach(async () => {
    await core?.stop();
    core = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers real requests, passes the core its validation errors, and forwards its events', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ds-ipc-core-'));
    const saved = new Map<string, string>();
    const secrets: SecretStore = {
      description: 'test memory',
      get: async (n) => saved.get(n) ?? null,
      set: async (n, v) => void saved.set(n, v),
      delete: async (n) => void saved.delete(n),
    };
    core = await createCore({ dataDir: dir, shell: 'desktop', secrets, settings: createSettingsStore(memorySettingsBackend()), logger: silentLogger });
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, core.handlers, trustedSender(appOrigins()), silentLogger);
    const invoke = handlers.get(REQUEST_CHANNEL)!;
    const contents = new FakeWebContents();
    forwardEvents(core, () => contents);

    const info = (await invoke(appFrame, 'app.info', {})) as { ok: boolean; value: { shell: string; dataDir: string } };
    expect(info).toMatchObject({ ok: true, value: { shell: 'desktop', dataDir: dir } });

    const bad = (await invoke(appFrame, 'orders.list', { limit: -1, sneaky: true })) as { ok: boolean; error: { kind: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.kind).toBe('invalid-input');

    const secret = (await invoke(appFrame, 'secrets.save', { name: 'acumatica.password', value: 'pw' })) as { ok: boolean; value: unknown };
    expect(secret).toEqual({ ok: true, value: { saved: true } });
    expect(saved.get('acumatica.password')).toBe('pw');

    const paused = (await invoke(appFrame, 'sync.pause', {})) as { ok: boolean; value: unknown };
    expect(paused).toEqual({ ok: true, value: { paused: true } });
    expect(contents.sent.map((m) => m[1])).toContain('settings.changed');
  });
});

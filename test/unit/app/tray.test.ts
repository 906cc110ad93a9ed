import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { createTrayController, trayMenuTemplate, trayState, trayTooltip, type TrayActions } from '../../../main/app/tray.js';
import { trayIconPng } from '../../../main/app/tray-icon.js';
import type { EventListener } from '../../../main/core/host.js';
import type { StatusView } from '../../../main/ipc/views.js';
import { status } from './status-fixtures.js';

describe('trayState', () => {
  it.each([
    ['running', status()],
    ['paused', status({ paused: true })],
    ['attention', status({ counts: { failed: 1 } })],
    ['attention', status({ counts: { held: 2 } })],
    ['attention', status({ paused: true, acumatica: { state: 'credentials-rejected', message: '' } })],
    ['attention', status({ wms: { state: 'credentials-rejected', message: '' } })],
    ['attention', status({ wms: { state: 'error', message: '' } })],
    ['attention', status({ acumatica: { state: 'not-configured', message: '' } })],
    ['running', status({ acumatica: { state: 'retrying', message: '' }, counts: { 'awaiting-wms': 40 } })],
  ] as const)('%s for %j', (expected, s) => {
    expect(trayState(s)).toBe(expected);
  });

  it('says why attention is needed in the tooltip', () => {
    expect(trayTooltip(status())).toBe('DropStream: running');
    expect(trayTooltip(status({ paused: true }))).toBe('DropStream: paused');
    expect(trayTooltip(status({ counts: { failed: 3 }, acumatica: { state: 'credentials-rejected', message: '' } }))).toBe(
      'DropStream: attention needed (Acumatica sign-in rejected, 3 failed)',
    );
  });
});

describe('trayMenuTemplate', () => {
  type Mock = ReturnType<typeof vi.fn>;
  const actions = () => ({ open: vi.fn(), pause: vi.fn(), resume: vi.fn(), syncNow: vi.fn(), quit: vi.fn() }) satisfies TrayActions & Record<string, Mock>;
  const click = (items: ReturnType<typeof trayMenuTemplate>, id: string) => (items.find((i) => i.id === id)!.click as () => void)();

  it('offers open, pause, sync now and quit while running', () => {
    const a = actions();
    const items = trayMenuTemplate(status(), a);
    expect(items.filter((i) => i.id).map((i) => [i.id, i.label, i.enabled ?? true])).toEqual([
      ['open', 'Open DropStream', true],
      ['pause', 'Pause sync', true],
      ['sync-now', 'Sync now', true],
      ['quit', 'Quit DropStream', true],
    ]);
    for (const id of ['open', 'pause', 'sync-now', 'quit']) click(items, id);
    expect([a.open, a.pause, a.syncNow, a.quit].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
    expect(a.resume).not.toHaveBeenCalled();
  });

  it('offers resume (and no sync now) while paused', () => {
    const a = actions();
    const items = trayMenuTemplate(status({ paused: true }), a);
    expect(items.map((i) => i.id).filter(Boolean)).toEqual(['open', 'resume', 'sync-now', 'quit']);
    expect(items.find((i) => i.id === 'sync-now')!.enabled).toBe(false);
    click(items, 'resume');
    expect(a.resume).toHaveBeenCalledTimes(1);
  });

  it('disables sync now while a cycle runs', () => {
    expect(trayMenuTemplate(status({ syncing: true }), actions()).find((i) => i.id === 'sync-now')!.enabled).toBe(false);
  });
});

describe('createTrayController', () => {
  it('shows the state from the core and follows its events', async () => {
    let current: StatusView = status();
    let listener: EventListener | null = null;
    const core = {
      handlers: { 'status.get': async () => ({ ok: true as const, value: current }) },
      subscribe: (l: EventListener) => {
        listener = l;
        return () => (listener = null);
      },
    };
    const images: string[] = [];
    const tips: string[] = [];
    const menus: unknown[] = [];
    const fakeTray = {
      setImage: (i: string) => images.push(i),
      setToolTip: (t: string) => tips.push(t),
      setContextMenu: (m: unknown) => menus.push(m),
      on: vi.fn(),
      destroy: vi.fn(),
    };
    const open = vi.fn();
    const controller = createTrayController({
      createTray: () => fakeTray,
      buildMenu: (t) => t as never,
      icon: (s) => s as never,
      core: core as never,
      actions: { open, pause: vi.fn(), resume: vi.fn(), syncNow: vi.fn(), quit: vi.fn() },
    });
    await controller.refresh();
    expect(tips.at(-1)).toBe('DropStream: running');

    current = status({ counts: { failed: 1 } });
    (listener as unknown as (n: string, p: unknown) => void)('counts.changed', {});
    await controller.refresh();
    expect(images.at(-1)).toBe('attention');
    expect(tips.at(-1)).toMatch(/attention needed \(1 failed\)/);

    // A click on the icon opens the window.
    const onClick = fakeTray.on.mock.calls.find((c) => c[0] === 'click')![1] as () => void;
    onClick();
    expect(open).toHaveBeenCalled();

    controller.destroy();
    expect(fakeTray.destroy).toHaveBeenCalled();
    expect(listener).toBeNull();
  });
});

describe('trayIconPng', () => {
  it('is a valid RGBA PNG of the asked size with a coloured centre and transparent corners', () => {
    const png = trayIconPng('attention', 32);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const pixels = inflateSync(png.subarray(41, 41 + idatLength));
    expect(pixels.length).toBe(32 * (1 + 32 * 4));
    const at = (x: number, y: number) => [...pixels.subarray(y * 129 + 1 + x * 4, y * 129 + 1 + x * 4 + 4)];
    expect(at(16, 16)).toEqual([0xd9, 0x7b, 0x06, 255]);
    expect(at(0, 0)[3]).toBe(0);
    expect(trayIconPng('running').equals(trayIconPng('paused'))).toBe(false);
    // Every chunk's CRC is right (a viewer refuses the image otherwise).
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      at += 12 + length;
    }
  });
});

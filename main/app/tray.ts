// The tray icon: status at a glance (running / paused / attention needed) and the few actions an operator needs
// without opening the window. The status and the menu are pure functions of the core's StatusView; the controller
// refreshes them on the core's events. Electron's Tray and Menu are passed in.
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { Core } from '../core/host.js';
import type { Logger } from '../core/log/logger.js';
import type { StatusView } from '../ipc/views.js';

export type TrayState = 'running' | 'paused' | 'attention';

/** Attention wins over paused: a person has something to do either way. */
export function trayState(status: Pick<StatusView, 'paused' | 'acumatica' | 'wms' | 'counts'>): TrayState {
  const attention =
    status.acumatica.state === 'credentials-rejected' ||
    status.acumatica.state === 'not-configured' ||
    status.wms.state === 'credentials-rejected' ||
    status.wms.state === 'not-configured' ||
    status.wms.state === 'error' ||
    status.counts.failed > 0 ||
    status.counts.held > 0;
  if (attention) return 'attention';
  return status.paused ? 'paused' : 'running';
}

/** One line for the tooltip: the state and, when attention is needed, why. */
export function trayTooltip(status: Pick<StatusView, 'paused' | 'acumatica' | 'wms' | 'counts'>): string {
  const state = trayState(status);
  if (state === 'running') return 'DropStream: running';
  if (state === 'paused') return 'DropStream: paused';
  const reasons: string[] = [];
  if (status.acumatica.state === 'credentials-rejected') reasons.push('Acumatica sign-in rejected');
  if (status.acumatica.state === 'not-configured') reasons.push('Acumatica not set up');
  if (status.wms.state === 'credentials-rejected') reasons.push('warehouse credentials rejected');
  if (status.wms.state === 'not-configured') reasons.push('warehouse not set up');
  if (status.wms.state === 'error') reasons.push('warehouse connection error');
  if (status.counts.failed > 0) reasons.push(`${status.counts.failed} failed`);
  if (status.counts.held > 0) reasons.push(`${status.counts.held} held`);
  return `DropStream: attention needed (${reasons.join(', ')})`;
}

export interface TrayActions {
  open(): void;
  pause(): void;
  resume(): void;
  syncNow(): void;
  quit(): void;
}

export function trayMenuTemplate(status: Pick<StatusView, 'paused' | 'syncing'> | null, actions: TrayActions): MenuItemConstructorOptions[] {
  const paused = status?.paused ?? false;
  return [
    { id: 'open', label: 'Open DropStream', click: () => actions.open() },
    { type: 'separator' },
    paused
      ? { id: 'resume', label: 'Resume sync', click: () => actions.resume() }
      : { id: 'pause', label: 'Pause sync', click: () => actions.pause() },
    { id: 'sync-now', label: 'Sync now', enabled: !paused && !(status?.syncing ?? false), click: () => actions.syncNow() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit DropStream', click: () => actions.quit() },
  ];
}

export interface TrayDeps {
  createTray(icon: NativeImage): Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  icon(state: TrayState): NativeImage;
  core: Pick<Core, 'subscribe' | 'handlers'>;
  actions: TrayActions;
  logger?: Logger;
}

// Not 'progress': it fires many times a second during a long import and changes nothing the tray shows.
const REFRESH_ON = new Set(['counts.changed', 'connection.changed', 'settings.changed']);

/** Creates the tray icon and keeps it current. Returns refresh (e.g. after a menu action) and destroy. */
export function createTrayController(deps: TrayDeps): { refresh: () => Promise<void>; destroy: () => void } {
  const tray = deps.createTray(deps.icon('running'));
  let shown: TrayState | null = null;
  const render = (status: StatusView | null): void => {
    const state = status ? trayState(status) : 'attention';
    if (state !== shown) tray.setImage(deps.icon(state));
    shown = state;
    tray.setToolTip(status ? trayTooltip(status) : 'DropStream: status unavailable');
    tray.setContextMenu(deps.buildMenu(trayMenuTemplate(status, deps.actions)));
  };
  const refresh = async (): Promise<void> => {
    const status = await deps.core.handlers['status.get']({});
    if (!status.ok) deps.logger?.warn('Tray could not read the status', { error: status.error.message });
    render(status.ok ? status.value : null);
  };
  // Windows and Linux users expect a click on the icon to open the window.
  tray.on('click', () => deps.actions.open());
  const unsubscribe = deps.core.subscribe((event) => {
    if (REFRESH_ON.has(event)) void refresh().catch(() => undefined);
  });
  void refresh().catch(() => undefined);
  return {
    refresh,
    destroy: () => {
      unsubscribe();
      tray.destroy();
    },
  };
}

// The app's life: one instance at a time, start at login as a setting, and a quit that signs out of Acumatica.
// Quitting waits for core.stop() (it lets a running step finish, signs out, closes the database) before the process
// exits; a stop that hangs is cut off after a while so Quit always quits. Electron's `app` is passed in.
import type { App, Event as ElectronEvent, Settings as LoginItemSettings } from 'electron';
import type { Logger } from '../core/log/logger.js';

/** Passed by the login item so a start at login goes straight to the tray. */
export const HIDDEN_ARG = '--hidden';

/**
 * Takes the single-instance lock. The second copy quits at once and the first one is told (to show its window).
 * Returns false in the copy that must quit.
 */
export function acquireSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}

/** The login item for the app.startAtLogin setting (macOS and Windows; Linux uses ./autostart-linux.ts). */
export function loginItemSettings(startAtLogin: boolean): LoginItemSettings {
  return { openAtLogin: startAtLogin, openAsHidden: startAtLogin, args: startAtLogin ? [HIDDEN_ARG] : [] };
}

export function wasStartedHidden(argv: readonly string[], app: Pick<App, 'getLoginItemSettings'>, platform: NodeJS.Platform): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

export interface QuitHandling {
  /** True once quitting started: windows then close for real instead of hiding to the tray. */
  isQuitting(): boolean;
}

/**
 * Holds the quit until `stop` finished (or `timeoutMs` passed), then exits. Idempotent: a second Quit while stopping
 * is ignored, and once stopped the quit goes through.
 */
export function handleQuit(
  app: Pick<App, 'on' | 'exit'>,
  stop: () => Promise<void>,
  options: { logger?: Logger; timeoutMs?: number } = {},
): QuitHandling {
  const timeoutMs = options.timeoutMs ?? 20_000;
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event: ElectronEvent) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    void Promise.race([stop().then(() => 'stopped' as const), timeout])
      .then((outcome) => {
        if (outcome === 'timeout') options.logger?.warn('Stopping took too long; quitting anyway', { timeoutMs });
      })
      .catch((e: unknown) => {
        options.logger?.error('Stopping failed; quitting anyway', { error: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => {
        clearTimeout(timer);
        state = 'stopped';
        app.exit(0);
      });
  });
  return { isQuitting: () => state !== 'running' };
}

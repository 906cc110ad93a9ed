// The IPC wiring of the desktop shell: one request channel into the core's handlers, one event channel out.
// Everything that arrives over IPC is unknown: the sender frame must be the app's own page, the channel must be one
// of the contract's, and the input is parsed again by the handler. Nothing throws across IPC: every answer is a
// Result, so the renderer never sees Electron's "Error invoking remote method" with a stack in it.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, EVENT_NAMES, type Channel, type EventName, type Handlers, type Result } from '../ipc/contract.js';
import type { Core } from '../core/host.js';
import { errorInfo } from '../core/errors.js';
import type { Logger } from '../core/log/logger.js';
import { isAppUrl, type AppOrigins } from './app-origin.js';

import { EVENT_CHANNEL, REQUEST_CHANNEL } from './ipc-channels.js';

export { EVENT_CHANNEL, REQUEST_CHANNEL };

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
/** The part of an invoke event the sender check looks at. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;
export type SenderCheck = (event: SenderEvent) => boolean;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

/** Trusts only the top frame of a page served from the app's own origin (app://dropstream or the dev server). */
export function trustedSender(origins: AppOrigins): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame) return false; // navigated away or destroyed while the request was in flight
    if (frame.parent) return false; // the app has no frames; a sub-frame is not us
    return isAppUrl(frame.url, origins);
  };
}

const refused = (message: string): Result<never> => ({ ok: false, error: { kind: 'invalid-input', message } });

/** Routes one request to its handler. Always resolves to a Result. */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown, logger?: Logger): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    const shown = typeof channel === 'string' ? `"${channel.slice(0, 60)}"` : `a ${typeof channel}`;
    return refused(`Unknown request ${shown}. The app and its window are out of step: restart the app.`);
  }
  const handler = handlers[channel] as (input: unknown) => Promise<Result<unknown>>;
  try {
    return await handler(input);
  } catch (e) {
    logger?.error('A request handler threw', { channel, error: e instanceof Error ? e.message : String(e) });
    return { ok: false, error: errorInfo(e) };
  }
}

/** Registers the request channel. Returns the unregister. */
export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, isTrustedSender: SenderCheck, logger?: Logger): () => void {
  ipcMain.handle(REQUEST_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    let trusted: boolean;
    try {
      trusted = isTrustedSender(event);
    } catch {
      trusted = false;
    }
    if (!trusted) {
      logger?.warn('Refused an IPC request from a page that is not the app', { channel: isChannel(channel) ? channel : '(unknown)' });
      return refused("This request did not come from the app's own page and was refused.");
    }
    return dispatch(handlers, channel, input, logger);
  });
  return () => ipcMain.removeHandler(REQUEST_CHANNEL);
}

export type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/**
 * Forwards the core's events to the window (only the contract's event names). `target` is asked on every event,
 * so a window closed and reopened from the tray keeps receiving them. Returns the unsubscribe.
 */
export function forwardEvents(core: Pick<Core, 'subscribe'>, target: () => EventTarget | null): () => void {
  return core.subscribe((event, payload) => {
    if (!isEventName(event)) return;
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    contents.send(EVENT_CHANNEL, event, payload);
  });
}

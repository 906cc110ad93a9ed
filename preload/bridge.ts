// The object the page sees as `window.dropstream`: the contract's two functions and nothing else. It is built from
// an ipcRenderer-like object passed in, so it is tested under Node; ipcRenderer itself is never handed to the page,
// and neither is the IPC event (its `sender` would be ipcRenderer again).
import {
  CHANNELS,
  EVENT_NAMES,
  type Api,
  type Channel,
  type EventName,
  type Events,
  type RequestInput,
  type RequestResult,
  type Result,
} from '../main/ipc/contract.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../main/app/ipc-channels.js';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const channels: readonly string[] = CHANNELS;
const eventNames: readonly string[] = EVENT_NAMES;

function failure(kind: 'invalid-input' | 'internal', message: string): Result<never> {
  return { ok: false, error: { kind, message } };
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createBridge(ipc: IpcRendererLike) {
  // One IPC listener for all subscriptions; each subscription is a (name, listener) pair in this set.
  const subscriptions = new Set<{ name: EventName; listener: (payload: never) => void }>();
  const onEvent = (_event: unknown, name: unknown, payload: unknown): void => {
    for (const s of subscriptions) {
      if (s.name !== name) continue;
      try {
        s.listener(payload as never);
      } catch (e) {
        console.error('A DropStream event listener failed', e);
      }
    }
  };

  const bridge = {
    async request<C extends Channel>(channel: C, input: RequestInput<C>): Promise<Result<RequestResult<C>>> {
      if (!channels.includes(channel)) {
        return failure('invalid-input', `Unknown request "${String(channel).slice(0, 60)}".`);
      }
      try {
        const answer = await ipc.invoke(REQUEST_CHANNEL, channel, input);
        if (!isResult(answer)) return failure('internal', 'The app sent an answer the window does not understand. Restart the app.');
        return answer as Result<RequestResult<C>>;
      } catch (e) {
        return failure('internal', `The app did not answer: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!eventNames.includes(event)) throw new TypeError(`Unknown event "${String(event).slice(0, 60)}".`);
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
      const entry = { name: event, listener: listener as (payload: never) => void };
      if (subscriptions.size === 0) ipc.on(EVENT_CHANNEL, onEvent);
      subscriptions.add(entry);
      return () => {
        if (!subscriptions.delete(entry)) return;
        if (subscriptions.size === 0) ipc.removeListener(EVENT_CHANNEL, onEvent);
      };
    },
  } satisfies Api;
  return bridge;
}

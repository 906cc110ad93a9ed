// A fake Api for component tests: handlers per channel, a log of every call, and events pushed on demand.
import type { Channel, EventName, Events, RequestInput, RequestResult, Result } from '../../../main/ipc/contract.js';
import type { ErrorInfo } from '../../../main/ipc/views.js';
import type { UiApi } from '../api/types.js';

type Handler<C extends Channel> = (input: RequestInput<C>) => RequestResult<C> | Promise<RequestResult<C>> | Result<RequestResult<C>>;
export type Handlers = { [C in Channel]?: Handler<C> };

/** A failure a handler can return: `return fail({ kind: 'business', message: '...' })`. */
export function fail(error: ErrorInfo): { ok: false; error: ErrorInfo } {
  return { ok: false, error };
}

function isResult(v: unknown): v is Result<unknown> {
  return typeof v === 'object' && v !== null && 'ok' in v && (v.ok === false || (v.ok === true && 'value' in v));
}

export interface FakeApi extends UiApi {
  calls: { channel: Channel; input: unknown }[];
  callsTo<C extends Channel>(channel: C): RequestInput<C>[];
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  reconnect(): void;
  handlers: Handlers;
}

export function createFakeApi(handlers: Handlers = {}): FakeApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const reconnects = new Set<() => void>();
  const api: FakeApi = {
    handlers,
    calls: [],
    callsTo<C extends Channel>(channel: C) {
      return api.calls.filter((c) => c.channel === channel).map((c) => c.input as RequestInput<C>);
    },
    async request<C extends Channel>(channel: C, input: RequestInput<C>): Promise<Result<RequestResult<C>>> {
      api.calls.push({ channel, input });
      const h = api.handlers[channel];
      if (!h) return { ok: false, error: { kind: 'internal', message: `Unexpected error: no fake handler for ${channel}` } };
      const out: unknown = await h(input);
      return isResult(out) ? (out as Result<RequestResult<C>>) : { ok: true, value: out as RequestResult<C> };
    },
    subscribe<E extends EventName>(event: E, listener: (p: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onReconnect(listener: () => void) {
      reconnects.add(listener);
      return () => reconnects.delete(listener);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    reconnect() {
      for (const l of reconnects) l();
    },
  };
  return api;
}

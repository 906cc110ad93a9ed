// The browser transport: requests over HTTP to `dropstream serve`, events over Server-Sent Events.
// The session is an HttpOnly cookie set by /api/login; every request carries X-DropStream as a CSRF guard.
import { z } from 'zod';
import type { Channel, EventName, Events, RequestInput, RequestResult, Result } from '../../../main/ipc/contract.js';
import { EVENT_NAMES } from '../../../main/ipc/contract.js';
import type { ErrorInfo } from '../../../main/ipc/views.js';
import type { UiApi } from './types.js';

const errorInfoSchema = z.object({
  kind: z.enum(['credentials-rejected', 'transient', 'business', 'config', 'keychain', 'invalid-input', 'storage', 'not-found', 'internal']),
  message: z.string(),
  credential: z
    .enum(['acumatica-shared-secret', 'acumatica-password', 'wms-password', 'wms-key', 'wms-client-secret', 'wms-host-key'])
    .optional(),
  serverMessage: z.string().optional(),
  retryAt: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
});

const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorInfoSchema }),
]);

export interface HttpDeps {
  /** Base URL of the server; '' = same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSource;
  /** Called when the server says the session is missing (401): the app shows the login screen. */
  onUnauthorized?: () => void;
  /** How long to wait before opening a new event stream after the server closed it for good. */
  reopenDelayMs?: number;
}

const sessionEnded: ErrorInfo = {
  kind: 'credentials-rejected',
  message: 'Your session has ended. Enter the access token printed by dropstream serve to continue.',
};

function unreachable(detail: string): ErrorInfo {
  return {
    kind: 'transient',
    message: `The DropStream server did not answer (${detail}). Check that "dropstream serve" is still running, then try again.`,
  };
}

export function createHttpApi(deps: HttpDeps = {}): UiApi & { close(): void } {
  const base = deps.baseUrl ?? '';
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const makeSource = deps.createEventSource ?? ((url: string) => new EventSource(url, { withCredentials: true }));
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let source: EventSource | null = null;
  let hadError = false;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;

  function dispatch(name: EventName, data: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return; // a malformed event is ignored: the next refetch corrects the screen
    }
    for (const l of listeners.get(name) ?? []) l(payload);
  }

  function open(): void {
    if (source) return;
    const s = makeSource(`${base}/api/events`);
    source = s;
    for (const name of EVENT_NAMES) {
      s.addEventListener(name, (e: Event) => dispatch(name, (e as MessageEvent<string>).data));
    }
    s.addEventListener('open', () => {
      if (hadError) for (const l of reconnectListeners) l();
      hadError = false;
    });
    s.addEventListener('error', () => {
      hadError = true;
      // EventSource reconnects by itself unless the server refused the stream (e.g. 401): then open a new one later.
      if (s.readyState === 2) {
        source = null;
        reopenTimer ??= setTimeout(() => {
          reopenTimer = null;
          if (listeners.size > 0) open();
        }, deps.reopenDelayMs ?? 3000);
      }
    });
  }

  return {
    async request<C extends Channel>(channel: C, input: RequestInput<C>): Promise<Result<RequestResult<C>>> {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/request/${channel}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-DropStream': '1' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: unreachable('no connection') };
      }
      if (res.status === 401) {
        deps.onUnauthorized?.();
        return { ok: false, error: sessionEnded };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return { ok: false, error: unreachable(`HTTP ${res.status}`) };
      }
      const parsed = resultSchema.safeParse(body);
      if (!parsed.success) return { ok: false, error: unreachable(`unexpected answer, HTTP ${res.status}`) };
      // The value's shape is the contract's; the server builds it from the same types.
      return parsed.data as Result<RequestResult<C>>;
    },

    subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      open();
      return () => {
        set.delete(l);
        if (set.size === 0) listeners.delete(event);
      };
    },

    onReconnect(listener: () => void): () => void {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },

    close(): void {
      if (reopenTimer) clearTimeout(reopenTimer);
      source?.close();
      source = null;
    },
  };
}

/** The login protocol of `dropstream serve`. */
export function createHttpSession(deps: Pick<HttpDeps, 'baseUrl' | 'fetch'> = {}) {
  const base = deps.baseUrl ?? '';
  const doFetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    /** true when the session cookie is valid. */
    async check(): Promise<boolean> {
      const res = await doFetch(`${base}/api/session`, { credentials: 'same-origin' });
      return res.ok;
    },
    /** true when the token was accepted (the server sets the session cookie). */
    async login(token: string): Promise<boolean> {
      const res = await doFetch(`${base}/api/login`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-DropStream': '1' },
        body: JSON.stringify({ token }),
      });
      return res.ok;
    },
  };
}

export type HttpSession = ReturnType<typeof createHttpSession>;

/** Reads `#token=...` from the address, if the operator opened the link printed by `dropstream serve`. */
export function tokenFromHash(hash: string): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(hash);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

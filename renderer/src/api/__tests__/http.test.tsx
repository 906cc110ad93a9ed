import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BrowserGate } from '../../BrowserGate.js';
import { createHttpApi, createHttpSession, tokenFromHash } from '../http.js';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A stand-in EventSource the test drives. */
class FakeSource extends EventTarget {
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
  }
  close() {
    this.closed = true;
  }
  fire(name: string, data?: string) {
    const e = new MessageEvent(name, data === undefined ? {} : { data });
    this.dispatchEvent(e);
  }
}

describe('HTTP transport', () => {
  it('posts to /api/request/<channel> with the CSRF header and returns the Result', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { ok: true, value: { retried: 2 } }));
    const api = createHttpApi({ fetch });
    const r = await api.request('orders.retry', { refs: ['A', 'B'] });
    expect(r).toEqual({ ok: true, value: { retried: 2 } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/request/orders.retry');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"refs":["A","B"]}' });
    expect((init!.headers as Record<string, string>)['X-DropStream']).toBe('1');
  });

  it('passes API errors through, and turns 401, HTML and network failures into words', async () => {
    const onUnauthorized = vi.fn();
    const answers = [
      json(200, { ok: false, error: { kind: 'business', message: 'Refused', serverMessage: 'No such box' } }),
      json(401, {}),
      new Response('<html>bad gateway</html>', { status: 502 }),
    ];
    const api = createHttpApi({ fetch: async () => answers.shift() ?? Promise.reject(new TypeError('Failed to fetch')), onUnauthorized });
    expect(await api.request('status.get', {})).toEqual({ ok: false, error: { kind: 'business', message: 'Refused', serverMessage: 'No such box' } });
    const r401 = await api.request('status.get', {});
    expect(r401.ok === false && r401.error.message).toMatch(/access token printed by dropstream serve/);
    expect(onUnauthorized).toHaveBeenCalledOnce();
    const r502 = await api.request('status.get', {});
    expect(r502.ok === false && r502.error.kind).toBe('transient');
    expect(r502.ok === false && r502.error.message).toContain('HTTP 502');
    const rNet = await api.request('status.get', {});
    expect(rNet.ok === false && rNet.error.kind).toBe('transient');
  });

  it('delivers SSE events by name and signals a reconnect', async () => {
    const sources: FakeSource[] = [];
    const api = createHttpApi({
      fetch: vi.fn(),
      createEventSource: (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s as unknown as EventSource;
      },
    });
    const changed = vi.fn();
    const reconnected = vi.fn();
    const off = api.subscribe('orders.changed', changed);
    api.subscribe('counts.changed', vi.fn());
    api.onReconnect?.(reconnected);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('/api/events');
    sources[0]!.fire('open');
    sources[0]!.fire('orders.changed', '{"refs":["SO-1"]}');
    expect(changed).toHaveBeenCalledWith({ refs: ['SO-1'] });
    expect(reconnected).not.toHaveBeenCalled();
    sources[0]!.fire('error');
    sources[0]!.fire('open');
    expect(reconnected).toHaveBeenCalledOnce();
    off();
    sources[0]!.fire('orders.changed', '{"refs":["SO-2"]}');
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('reads the token from the address', () => {
    expect(tokenFromHash('#token=abc%2B1')).toBe('abc+1');
    expect(tokenFromHash('#/dashboard')).toBeNull();
  });
});

describe('Browser login', () => {
  it('logs in with #token=, removes it from the address, then loads the app', async () => {
    window.history.replaceState(null, '', '/#token=T0KEN');
    const calls: string[] = [];
    let loggedIn = false;
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const u = url instanceof Request ? url.url : url.toString();
      calls.push(`${init?.method ?? 'GET'} ${u} ${typeof init?.body === 'string' ? init.body : ''}`.trim());
      if (u === '/api/login') {
        loggedIn = init?.body === '{"token":"T0KEN"}';
        return new Response(null, { status: loggedIn ? 204 : 401 });
      }
      if (u === '/api/session') return new Response(loggedIn ? '{"ok":true}' : '', { status: loggedIn ? 200 : 401 });
      return json(401, {});
    });
    vi.stubGlobal('EventSource', class extends EventTarget { readyState = 0; close() {} });
    render(<BrowserGate session={createHttpSession({ fetch })} />);
    await waitFor(() => expect(calls).toContain('GET /api/session'));
    expect(calls[0]).toBe('POST /api/login {"token":"T0KEN"}');
    expect(window.location.hash).toBe('');
    // Unmount first: on a busy machine the app's live-update effect could open its EventSource after the stub was
    // gone ("EventSource is not defined", seen with two test workers).
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks for the token when there is no session, and says so when it is wrong', async () => {
    window.history.replaceState(null, '', '/');
    const fetch = vi.fn(async (url: RequestInfo | URL) => new Response(null, { status: url ? 401 : 500 }));
    render(<BrowserGate session={createHttpSession({ fetch })} />);
    const input = await screen.findByLabelText('The access token printed by dropstream serve');
    expect(document.documentElement.dataset.appState).toBe('ready');
    await userEvent.type(input, 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That token was not accepted');
  });
});

// Sign-in against the double: token lifetime, refresh rotation, fallbacks, rejected credentials, sign-out.
import { describe, expect, it } from 'vitest';
import type { AcumaticaConnection } from '../../../main/core/acumatica/gateway.js';
import { systemClock, type Clock } from '../../../main/core/clock.js';
import { AppError } from '../../../main/core/errors.js';
import { useAcumatica } from './setup.js';

/** Real sleeping, but a `now` the test can move forward. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, sleep: systemClock.sleep, advance: (ms) => void (offset += ms) };
}

const tokenCalls = (h: { double: { requests: { path: string; body: unknown }[] } }): string[] =>
  h.double.requests.filter((r) => r.path === '/identity/connect/token').map((r) => (r.body as { grant_type: string }).grant_type);

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('Acumatica sign-in', () => {
  const start = useAcumatica();

  it('signs in with the password grant, api offline_access scope, and stores the refresh token', async () => {
    const h = await start();
    h.double.seedSalesOrders(3);
    await h.gateway.importOrders({ since: null });
    const token = h.double.requests.find((r) => r.path === '/identity/connect/token')!;
    expect(token.body).toMatchObject({ grant_type: 'password', scope: 'api offline_access', client_id: h.double.credentials.clientId, username: 'dropstream' });
    expect(token.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(h.secrets.values.get('acumatica.refreshToken')).toMatch(/.{20,}/);
  });

  it('refreshes before the token runs out, mid-import, rotating and storing every refresh token', async () => {
    const clock = movableClock();
    const h = await start({ clock, double: { clock: () => clock.now(), tokenLifetimeSeconds: 3600 }, settings: { pageSize: 500 } });
    h.double.seedSalesOrders(1200, { lines: [1, 1] });
    let pages = 0;
    const result = await h.gateway.importOrders({
      since: null,
      onProgress: () => {
        // each page takes "an hour": the token is about to lapse when the next page is asked for
        if (++pages < 3) clock.advance(3590_000);
      },
    });
    expect(result.orders).toHaveLength(1200);
    expect(pages).toBe(3);
    expect(tokenCalls(h)).toEqual(['password', 'refresh_token', 'refresh_token']);
    expect(h.double.requests.filter((r) => r.status === 401)).toHaveLength(0);
    const stored = h.secrets.history.filter((x) => x.name === 'acumatica.refreshToken').map((x) => x.value);
    expect(stored).toHaveLength(3);
    expect(new Set(stored).size).toBe(3);
    expect(h.secrets.values.get('acumatica.refreshToken')).toBe(stored[2]);
    expect(h.double.activeSessions()).toBe(1); // refreshes reuse the session
  });

  it('on a 401 mid-import, refreshes and retries the same page once', async () => {
    const h = await start({ settings: { pageSize: 500 } });
    h.double.seedSalesOrders(700, { lines: [1, 1] });
    const result = await h.gateway.importOrders({ since: null, onProgress: () => h.double.expireAccessTokens() });
    expect(result.orders).toHaveLength(700);
    const pages = h.double.requests.filter((r) => r.path.endsWith('/SalesOrder'));
    expect(pages.map((p) => p.status)).toEqual([200, 401, 200]);
    expect(pages[2]!.query.$filter).toBe(pages[1]!.query.$filter); // the same page (after the same key) again
    expect(tokenCalls(h)).toEqual(['password', 'refresh_token']);
  });

  it('never reuses an old refresh token: a rotated one is rejected by the server', async () => {
    const h = await start();
    await h.gateway.importOrders({ since: null });
    const first = h.secrets.values.get('acumatica.refreshToken')!;
    h.double.expireAccessTokens();
    await h.gateway.importOrders({ since: null });
    const second = h.secrets.values.get('acumatica.refreshToken')!;
    expect(second).not.toBe(first);
    const sentRefresh = h.double.requests.filter((r) => (r.body as { grant_type?: string }).grant_type === 'refresh_token');
    expect(sentRefresh).toHaveLength(1);
    // A second gateway (e.g. after a restart) picks up the newest token from the store, not the first one.
    const restarted = h.makeGateway();
    await restarted.importOrders({ since: null });
    expect(tokenCalls(h).at(-1)).toBe('refresh_token');
    expect(h.double.grants().rejected).toBe(0);
  });

  it('falls back to the password grant without asking when the refresh token is rejected', async () => {
    const h = await start();
    await h.gateway.importOrders({ since: null });
    h.double.revokeRefreshTokens();
    h.double.expireAccessTokens();
    const changes: AcumaticaConnection[] = [];
    h.gateway.onConnectionChange((c) => changes.push(c));
    await h.gateway.importOrders({ since: null });
    expect(tokenCalls(h)).toEqual(['password', 'refresh_token', 'password']);
    expect(changes.every((c) => c.state !== 'credentials-rejected')).toBe(true);
    expect(h.gateway.connection().state).toBe('connected');
  });

  it('a lapsed shared secret stops in credentials-rejected, does not hammer, and recovers when a new secret is saved', async () => {
    const h = await start();
    h.double.seedSalesOrders(3);
    await h.gateway.importOrders({ since: null });
    h.double.expireSharedSecret();
    h.double.expireAccessTokens();

    const err = await rejection(h.gateway.importOrders({ since: null }));
    expect(err.kind).toBe('credentials-rejected');
    expect(err.credential).toBe('acumatica-shared-secret');
    expect(err.serverMessage).toBe('invalid_client');
    expect(err.message).toMatch(/Shared Secret/);
    expect(h.gateway.connection()).toMatchObject({ state: 'credentials-rejected', credential: 'acumatica-shared-secret', serverMessage: 'invalid_client' });

    const count = h.double.requests.length;
    for (let i = 0; i < 3; i++) expect((await rejection(h.gateway.importOrders({ since: null }))).kind).toBe('credentials-rejected');
    expect(h.double.requests.length).toBe(count); // the same secret is not tried again

    h.double.rotateSharedSecret('n3w-s3cret-2025');
    await h.secrets.set('acumatica.sharedSecret', 'n3w-s3cret-2025');
    const result = await h.gateway.importOrders({ since: null });
    expect(result.orders).toHaveLength(3);
    expect(h.gateway.connection().state).toBe('connected');
  });

  it('a wrong password stops with credential acumatica-password; credentialsChanged() lets it try again', async () => {
    const h = await start();
    h.double.setPassword('changed-by-admin');
    const err = await rejection(h.gateway.importOrders({ since: null }));
    expect(err).toMatchObject({ kind: 'credentials-rejected', credential: 'acumatica-password' });
    expect(err.serverMessage).toContain('invalid_username_or_password');
    expect(h.gateway.connection().message).toMatch(/password/);
    const count = h.double.requests.length;
    await rejection(h.gateway.importOrders({ since: null }));
    expect(h.double.requests.length).toBe(count);
    h.gateway.credentialsChanged();
    expect(h.gateway.connection().state).toBe('connecting');
    await rejection(h.gateway.importOrders({ since: null }));
    expect(h.double.requests.length).toBe(count + 1);
    h.double.setPassword(h.secrets.values.get('acumatica.password')!);
    h.gateway.credentialsChanged();
    await h.gateway.importOrders({ since: null });
    expect(h.gateway.connection().state).toBe('connected');
  });

  it('concurrent callers share one token request', async () => {
    const h = await start({ double: { latencyMs: 30 } });
    h.double.seedSalesOrders(2);
    await Promise.all([h.gateway.importOrders({ since: null }), h.gateway.importOrders({ since: null }), h.gateway.fetchOrder({ kind: 'sales-order', orderType: 'SO', orderNbr: '000001' })]);
    expect(tokenCalls(h)).toEqual(['password']);
    expect(h.double.requests.filter((r) => r.path === '/entity')).toHaveLength(1);
  });

  it('logout signs out with Content-Length 0 and the session is gone', async () => {
    const h = await start();
    await h.gateway.importOrders({ since: null });
    expect(h.double.activeSessions()).toBe(1);
    await h.gateway.logout();
    const out = h.double.requests.at(-1)!;
    expect(out).toMatchObject({ method: 'POST', path: '/entity/auth/logout', status: 204 });
    expect(out.headers['content-length']).toBe('0');
    expect(h.double.activeSessions()).toBe(0);
    // Failures of the logout are ignored.
    h.double.failNext({ status: 0, pathPrefix: '/entity/auth' });
    await h.gateway.importOrders({ since: null });
    await expect(h.gateway.logout()).resolves.toBeUndefined();
  });

  it('missing secrets are a settings problem, not a server call', async () => {
    const h = await start();
    await h.secrets.delete('acumatica.sharedSecret');
    const err = await rejection(h.gateway.importOrders({ since: null }));
    expect(err.kind).toBe('config');
    expect(err.message).toMatch(/Shared Secret/);
    expect(h.gateway.connection().state).toBe('not-configured');
    expect(h.double.requests).toHaveLength(0);
  });
});

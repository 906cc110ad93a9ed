// Sessions and errors as a real instance has them (#14 items 12, 13, 15, 16), against the tightened double.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { MemorySecretStore } from '../../helpers/secrets.js';
import { useAcumatica } from './setup.js';

const start = useAcumatica();

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('API Login Limit at sign-in (#14 item 12)', () => {
  it('is transient with a message about the API user limit, never a rejected password', async () => {
    // The licence allows one API user and another integration holds it.
    const h = await start({ double: { maxApiUsers: 1 } });
    h.double.seedSalesOrders(2);
    // Another integration with its own credentials store (so its own session).
    const other = h.makeGateway({}, { secrets: new MemorySecretStore({ 'acumatica.sharedSecret': h.double.credentials.sharedSecret, 'acumatica.password': h.double.credentials.password }) });
    await other.importOrders({ since: null });
    const err = await failure(h.gateway.importOrders({ since: null }));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/limit of signed-in API users is reached/);
    expect(err.serverMessage).toMatch(/API Login Limit/);
    expect(h.gateway.connection().state).toBe('retrying');
    expect(h.double.grants().loginLimit).toBeGreaterThan(0);
    // The other integration signs out; the next poll gets in without the user doing anything.
    await other.logout();
    expect((await h.gateway.importOrders({ since: null })).orders).toHaveLength(2);
    expect(h.gateway.connection().state).toBe('connected');
  });

  it('is recognised in a 500 or 429 of the API too, whatever the status', async () => {
    const h = await start();
    await h.gateway.importOrders({ since: null });
    h.double.failNext({ status: 500, count: 10, pathPrefix: '/entity/Default', body: { message: 'An error has occurred.', exceptionMessage: 'API Login Limit', exceptionType: 'PX.Data.PXException' } });
    const err = await failure(h.gateway.importOrders({ since: null }));
    expect(err).toMatchObject({ kind: 'transient' });
    expect(err.message).toMatch(/API Login Limit/);
  });
});

describe('a repeated 401 after a fresh token (#14 item 16)', () => {
  it('is "token not accepted" (transient, check API rights), not "password rejected"; inner words are kept', async () => {
    const h = await start();
    await h.gateway.importOrders({ since: null });
    h.double.failNext({
      status: 401,
      count: 20,
      pathPrefix: '/entity/Default',
      body: { message: 'Authorization has been denied for this request.', innerException: { exceptionMessage: 'The user has no access to the API.' } },
    });
    const err = await failure(h.gateway.importOrders({ since: null }));
    expect(err.kind).toBe('transient');
    expect(err.credential).toBeUndefined();
    expect(err.message).toMatch(/did not accept a freshly issued sign-in token/);
    expect(err.message).toMatch(/web service API/);
    expect(err.serverMessage).toBe('Authorization has been denied for this request. The user has no access to the API.');
    expect(h.gateway.connection().state).toBe('retrying');
  });
});

describe('test connection (#14 item 15)', () => {
  it('never sends, rotates or signs out the running engine\'s refresh token or session', async () => {
    const h = await start();
    h.double.seedSalesOrders(1);
    await h.gateway.importOrders({ since: null });
    const engineRefresh = h.secrets.values.get('acumatica.refreshToken');
    expect(engineRefresh).toBeTruthy();
    const before = h.double.requests.length;
    const results = await h.gateway.testConnection();
    expect(results.every((r) => r.ok)).toBe(true);
    const test = h.double.requests.slice(before);
    // Its own password sign-in, never the engine's refresh token; and its own session signed out at the end.
    expect(test.filter((r) => r.path === '/identity/connect/token').map((r) => (r.body as { grant_type?: string }).grant_type)).toEqual(['password']);
    expect(test.some((r) => r.path === '/entity/auth/logout')).toBe(true);
    expect(h.secrets.values.get('acumatica.refreshToken')).toBe(engineRefresh);
    // The engine goes on in its session: no new sign-in, no refresh.
    const grants = h.double.grants();
    await h.gateway.importOrders({ since: null });
    expect(h.double.grants()).toEqual(grants);
  });
});

describe('concurrency on one OAuth session (#14 item 13)', () => {
  it('sends one request at a time without concurrent access, even with maxConcurrent 4', async () => {
    const h = await start({ double: { latencyMs: 20, actionPolls: 1 } });
    h.double.seedSalesOrders(3);
    await h.gateway.importOrders({ since: null });
    const keys = h.double.salesOrders().map((so) => ({ kind: 'sales-order' as const, orderType: so.OrderType, orderNbr: so.OrderNbr }));
    await Promise.all(Array.from({ length: 9 }, (_, i) => h.gateway.fetchOrder(keys[i % 3]!)));
    // The session never had to queue a request: the client itself keeps to one at a time.
    expect(h.double.sessionStats()).toMatchObject({ queued: 0, peakPerSession: 1 });
    expect(h.double.requests.find((r) => r.path === '/identity/connect/token' && /concurrent_access/.test(JSON.stringify(r.body)))).toBeUndefined();
  });

  it('with concurrent access asks for the scope, runs in parallel, and never meets its own running action', async () => {
    const h = await start({ double: { latencyMs: 20, actionPolls: 2 }, settings: { concurrentAccess: true, maxConcurrent: 4 } });
    const orders = h.double.seedShipments(4);
    await h.gateway.importOrders({ since: null });
    const keys = orders.map((sh) => ({ kind: 'shipment' as const, shipmentNbr: sh.ShipmentNbr }));
    // Reads and confirmations at once: the confirmations take the session for themselves.
    await Promise.all([...keys.map((k) => h.gateway.fetchOrder(k)), ...orders.map((sh) => h.gateway.confirmShipment(sh.ShipmentNbr)), ...keys.map((k) => h.gateway.fetchOrder(k))]);
    expect(h.double.shipments().filter((s) => s.Status === 'Confirmed')).toHaveLength(4);
    expect(h.double.sessionStats().refusedDuringAction).toBe(0);
    expect(h.double.sessionStats().peakPerSession).toBeGreaterThan(1);
    const tokenForm = h.double.requests.find((r) => r.path === '/identity/connect/token')?.body as { scope?: string };
    expect(tokenForm.scope).toContain('api:concurrent_access');
  });
});

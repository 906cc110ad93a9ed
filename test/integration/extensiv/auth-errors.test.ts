// Sign-in, token reuse and renewal, 401 recovery, and how every kind of failure reaches the engine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { createExtensivAdapter } from '../../../main/core/wms/extensiv/adapter.js';
import { extensivSettingsSchema } from '../../../main/core/wms/extensiv/settings.js';
import { memorySecrets } from '../../helpers/secrets.js';
import { caught, manualClock, memoryState, rig, sampleOrder, type Rig } from './helpers.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('Extensiv sign-in', () => {
  it('signs in with Basic client id:secret and the user login, and reuses the token', async () => {
    r = await rig();
    await r.adapter.findOrder('SO-1');
    await r.adapter.findOrder('SO-2');
    const tokenCalls = r.wms.requests.filter((q) => q.path === '/AuthServer/api/Token');
    expect(tokenCalls).toHaveLength(1);
    const basic = Buffer.from((tokenCalls[0]?.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    expect(basic).toBe(`${r.wms.credentials.clientId}:${r.wms.credentials.clientSecret}`);
    expect(tokenCalls[0]?.body).toEqual({ grant_type: 'client_credentials', user_login: 'api-user' });
  });

  // Rels/auth documents `user_login` (the login name); `user_login_id` is the numeric user id (Stitch's 3PL Central
  // form: "<USER_INTEGER_ID>"; Airbyte source-tplcentral types it int). A login name sent as user_login_id is refused.
  it('sends an all-digits API user as the numeric user_login_id, a login name as user_login', async () => {
    r = await rig({ settings: { userLoginId: '4127' } });
    expect(await r.adapter.findOrder('SO-1')).toBeNull();
    expect(r.wms.requests[0]?.body).toEqual({ grant_type: 'client_credentials', user_login_id: 4127 });
    expect(r.wms.requests[0]?.status).toBe(200);
  });

  it('the double refuses a login name in user_login_id, as the real server binds it to a number', async () => {
    r = await rig();
    const res = await fetch(`${r.wms.url}/AuthServer/api/Token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${r.wms.credentials.clientId}:${r.wms.credentials.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', user_login_id: 'api-user' }),
    });
    expect(res.status).toBe(400);
  });

  it('sends tpl when the credentials need it', async () => {
    r = await rig({ double: { tpl: '{6F9619FF-8B86-D011-B42D-00C04FC964FF}' } });
    expect(await r.adapter.findOrder('SO-1')).toBeNull();
    expect(r.wms.requests[0]?.body).toMatchObject({ tpl: '{6F9619FF-8B86-D011-B42D-00C04FC964FF}' });
  });

  it('renews the token before it runs out (at most every 30 minutes)', async () => {
    r = await rig();
    await r.adapter.findOrder('SO-1');
    r.clock.advance(20 * 60_000);
    await r.adapter.findOrder('SO-1');
    expect(r.wms.tokensIssued()).toBe(1);
    r.clock.advance(9 * 60_000);
    await r.adapter.findOrder('SO-1');
    expect(r.wms.tokensIssued()).toBe(2);
  });

  it('on 401 gets a new token once and retries the call', async () => {
    r = await rig();
    await r.adapter.sendOrder(sampleOrder(), 'new', 1);
    r.wms.expireTokens();
    expect(await r.adapter.findOrder('SO-000101')).not.toBeNull();
    expect(r.wms.tokensIssued()).toBe(2);
    expect(r.wms.apiRequests('GET', '/orders').map((q) => q.status).slice(-2)).toEqual([401, 200]);
  });

  it('a 401 that persists with a fresh token is a rejected credential, after one retry only', async () => {
    r = await rig();
    r.wms.failNext({ method: 'GET', path: '/orders', status: 401, times: 2 });
    const e = (await caught(() => r!.adapter.findOrder('SO-1'))) as AppError;
    expect(e.kind).toBe('credentials-rejected');
    expect(e.credential).toBe('wms-client-secret');
    expect(r.wms.apiRequests('GET', '/orders')).toHaveLength(2);
  });

  it('a rejected client secret is credentials-rejected for wms-client-secret, keeping the server words', async () => {
    r = await rig({ secret: 'wrong-secret' });
    const e = (await caught(() => r!.adapter.sendOrder(sampleOrder(), 'new', 1))) as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.kind).toBe('credentials-rejected');
    expect(e.credential).toBe('wms-client-secret');
    expect(e.serverMessage).toBe('{"Message":"invalid_client: client not registered"}');
    expect(e.message).not.toContain('wrong-secret');
    expect(r.wms.apiRequests()).toHaveLength(0);
  });

  it('a missing secret says where to enter it', async () => {
    r = await rig({ secret: null });
    const e = (await caught(() => r!.adapter.findOrder('SO-1'))) as AppError;
    expect(e.kind).toBe('credentials-rejected');
    expect(e.message).toMatch(/not saved in the test secret store: enter it in Settings > Warehouse/);
    expect(r.wms.requests).toHaveLength(0);
  });
});

describe('Extensiv failures', () => {
  it('429 is transient with retryAfterMs from Retry-After', async () => {
    r = await rig();
    r.wms.failNext({ method: 'POST', path: '/orders', status: 429, headers: { 'Retry-After': '30' }, body: 'Too many requests' });
    const e = (await caught(() => r!.adapter.sendOrder(sampleOrder(), 'new', 1))) as AppError;
    expect(e.kind).toBe('transient');
    expect(e.status).toBe(429);
    expect(e.retryAfterMs).toBe(30_000);
    expect(e.serverMessage).toBe('Too many requests');
    expect(r.wms.ordersWithRef('SO-000101')).toHaveLength(0);
  });

  it('a 500 plain-text answer is transient and kept verbatim; 503 with an HTTP-date Retry-After too', async () => {
    r = await rig();
    r.wms.failNext({ path: '/orders', status: 500, body: 'An error has occurred.' });
    const e = (await caught(() => r!.adapter.findOrder('SO-1'))) as AppError;
    expect(e).toMatchObject({ kind: 'transient', status: 500, serverMessage: 'An error has occurred.' });
    const at = new Date(r.clock.now() + 120_000).toUTCString();
    r.wms.failNext({ path: '/orders', status: 503, headers: { 'Retry-After': at } });
    const e2 = (await caught(() => r!.adapter.findOrder('SO-1'))) as AppError;
    expect(e2.kind).toBe('transient');
    expect(e2.retryAfterMs).toBeGreaterThan(110_000);
  });

  it('a 400 error body is kept verbatim and summarised in its own words', async () => {
    r = await rig();
    const body = { $type: 'WMS.V2.Generic.Models.Exceptions.QueryParameterException, WMS.V2.Generic.Models', Parameters: ['rql'], ErrorCode: 'NotParsable', Hint: 'Properties not supported: gorp' };
    r.wms.failNext({ path: '/orders', method: 'GET', status: 400, body });
    const e = (await caught(() => r!.adapter.findOrder('SO-1'))) as AppError;
    expect(e.kind).toBe('business');
    expect(e.serverMessage).toBe(JSON.stringify(body));
    expect(e.message).toBe('Extensiv refused GET /orders (400): NotParsable (rql): Properties not supported: gorp');
  });

  it('the double refuses a bad RQL property the way the API does', async () => {
    r = await rig();
    await r.adapter.findOrder('SO-1');
    const token = r.wms.apiRequests('GET', '/orders')[0]?.headers.authorization ?? '';
    const res = await fetch(`${r.wms.url}/orders?rql=gorp==1`, { headers: { Authorization: token } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ErrorCode: 'NotParsable', Hint: 'Properties not supported: gorp', Parameters: ['rql'] });
  });

  it('a refused connection is transient', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const settings = extensivSettingsSchema.parse({ adapter: 'extensiv', baseUrl: `http://127.0.0.1:${port}`, clientId: 'c', userLoginId: 'u', customerId: 1, facilityId: 1 });
    const adapter = createExtensivAdapter(settings, { secrets: memorySecrets({ 'wms.extensiv.clientSecret': 's' }), state: memoryState(), clock: manualClock(), logger: silentLogger });
    const e = (await caught(() => adapter.findOrder('SO-1'))) as AppError;
    expect(e.kind).toBe('transient');
    expect(e.message).toContain('refused the connection');
    await adapter.close();
  });
});

describe('Extensiv testConnection', () => {
  it('passes every step against a good setup', async () => {
    r = await rig();
    const checks = await r.adapter.testConnection();
    expect(checks.map((c) => [c.id, c.ok])).toEqual([['secret', true], ['token', true], ['customer', true], ['facility', true], ['orders', true]]);
    expect(checks.find((c) => c.id === 'customer')?.message).toContain('Acme Retail');
  });

  it('names the failing step in operator words and skips the rest', async () => {
    r = await rig({ secret: 'nope' });
    const bad = await r.adapter.testConnection();
    expect(bad.find((c) => c.id === 'token')).toMatchObject({ ok: false, message: expect.stringContaining('Check the client secret') });
    expect(bad.filter((c) => c.skipped).map((c) => c.id)).toEqual(['customer', 'facility', 'orders']);
    await r.close();
    r = await rig({ settings: { facilityId: 9, customerId: 1077 } });
    const wrongFacility = await r.adapter.testConnection();
    expect(wrongFacility.find((c) => c.id === 'facility')).toMatchObject({ ok: false, message: expect.stringContaining('does not use facility 9') });
    await r.close();
    r = await rig({ settings: { customerId: 4242 } });
    const wrongCustomer = await r.adapter.testConnection();
    expect(wrongCustomer.find((c) => c.id === 'customer')).toMatchObject({ ok: false, message: expect.stringContaining('no customer 4242') });
  });
});

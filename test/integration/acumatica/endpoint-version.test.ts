// Issue 14 item 11: which Default endpoint to use. GET /entity lists what the instance offers (FACTS.md §2); the app
// prefers the version it was tested with, 24.200.001, even when a newer one is offered, and otherwise takes the
// newest offered with a warning the operator sees on the connection screen and in `test-connection`.
import { describe, expect, it } from 'vitest';
import { chooseEndpointVersion, TESTED_VERSION } from '../../../main/core/acumatica/endpoint.js';
import { entityRequests, useAcumatica } from './setup.js';

describe('Acumatica endpoint version', () => {
  const start = useAcumatica();

  it('uses 24.200.001 when offered, even next to a newer version, without a warning', async () => {
    const h = await start({ double: { endpointVersions: ['23.200.001', '24.200.001', '25.200.001'] } });
    h.double.seedSalesOrders(2);
    await h.gateway.importOrders({ since: null });
    expect(entityRequests(h.double).every((r) => r.path.startsWith('/entity/Default/24.200.001/'))).toBe(true);
    expect(h.gateway.connection()).toMatchObject({ state: 'connected', endpointVersion: '24.200.001' });
    expect(h.gateway.connection().warning).toBeUndefined();
    const endpoint = (await h.gateway.testConnection()).find((r) => r.id === 'endpoint')!;
    expect(endpoint).toMatchObject({ ok: true, message: 'Endpoint Default 24.200.001.' });
    expect(endpoint.warning).toBeUndefined();
  });

  it('without 24.200.001, uses the newest offered and warns on the connection state and the test result', async () => {
    const h = await start({ double: { endpointVersions: ['22.200.001', '23.200.001'] } });
    h.double.seedSalesOrders(2);
    const result = await h.gateway.importOrders({ since: null });
    expect(result.orders).toHaveLength(2);
    expect(entityRequests(h.double).every((r) => r.path.startsWith('/entity/Default/23.200.001/'))).toBe(true);
    expect(h.gateway.connection()).toMatchObject({ state: 'connected', endpointVersion: '23.200.001' });
    expect(h.gateway.connection().warning).toMatch(/does not offer Default 24\.200\.001.*uses Default 23\.200\.001/);

    const fresh = h.makeGateway();
    const checks = await fresh.testConnection();
    expect(checks.every((r) => r.ok)).toBe(true); // a warning is not a failure
    const endpoint = checks.find((r) => r.id === 'endpoint')!;
    expect(endpoint.message).toBe('Endpoint Default 23.200.001.');
    expect(endpoint.warning).toMatch(/tested with/);
    expect(fresh.connection().warning).toMatch(/24\.200\.001/);
  });

  it('a pinned version is used as pinned, without a warning', async () => {
    const h = await start({ double: { endpointVersions: ['23.200.001', '24.200.001'] }, settings: { endpointVersion: '23.200.001' } });
    const endpoint = (await h.gateway.testConnection()).find((r) => r.id === 'endpoint')!;
    expect(endpoint).toMatchObject({ ok: true, message: 'Endpoint Default 23.200.001 (pinned).' });
    expect(h.gateway.connection().warning).toBeUndefined();
  });

  it('chooses among offered versions: tested, else newest of the OData 3 contract, else newest', () => {
    expect(TESTED_VERSION).toBe('24.200.001');
    expect(chooseEndpointVersion(['25.200.001', '24.200.001'])).toEqual({ version: '24.200.001' });
    expect(chooseEndpointVersion(['23.200.001', '25.200.001', '26.200.001'])).toMatchObject({ version: '25.200.001', warning: expect.stringContaining('25.200.001') });
    expect(chooseEndpointVersion(['26.200.001'])).toMatchObject({ version: '26.200.001', warning: expect.any(String) });
    expect(chooseEndpointVersion([])).toBeNull();
  });
});

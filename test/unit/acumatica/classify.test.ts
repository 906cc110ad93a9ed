import { describe, expect, it } from 'vitest';
import { classifyNetworkError, classifyResponse, fieldErrors, isNoEntity } from '../../../main/core/acumatica/classify.js';

const f = (status: number, data: unknown = {}, retryAfter?: string) =>
  classifyResponse({ status, data, retryAfter, method: 'GET', path: '/entity/Default/24.200.001/SalesOrder' }, 1_000_000);

describe('classifyResponse', () => {
  it('429 is transient with Retry-After in ms (seconds or HTTP date)', () => {
    expect(f(429, {}, '7')).toMatchObject({ kind: 'transient', retryAfterMs: 7000 });
    expect(f(429, {}, new Date(1_000_000 + 30_000).toUTCString()).retryAfterMs).toBeGreaterThanOrEqual(29_000);
  });
  it('bare 5xx are transient; a 500 with an exception message is business, verbatim', () => {
    expect(f(503).kind).toBe('transient');
    expect(f(500, { message: 'An error has occurred.' }).kind).toBe('transient');
    const e = f(500, { message: 'An error has occurred.', exceptionMessage: 'No entity satisfies the condition.', exceptionType: 'PX.Api.ContractBased.NoEntitySatisfiesTheConditionException' });
    expect(e).toMatchObject({ kind: 'business', serverMessage: 'No entity satisfies the condition.', status: 500 });
    expect(isNoEntity(e)).toBe(true);
    expect(f(500, { exceptionMessage: 'Execution Timeout Expired.' }).kind).toBe('transient');
  });
  it('a list query the server cannot optimize is an answer about the query, not a fault to retry (even on a GET)', () => {
    // Body as reported in Acumatica/AcumaticaRESTAPIClientForCSharp issue #12.
    const e = f(500, {
      message: 'An error has occurred.',
      exceptionMessage: 'Optimization cannot be performed.The following fields cause the error:\r\nDetails.WarehouseID: View Transactions has BQL delegate',
      exceptionType: 'PX.Api.ContractBased.OptimizedExport.CannotOptimizeException',
    });
    expect(e).toMatchObject({ kind: 'business', status: 500 });
    expect(e.serverMessage).toMatch(/^Optimization cannot be performed/);
  });
  it('422 collects field errors with their paths', () => {
    const e = f(422, { ShipVia: { value: 'X', error: "Ship Via 'X' cannot be found in the system." }, Details: [{}, { ShippedQty: { value: 9, error: 'too much' } }], error: 'Record error' });
    expect(e.kind).toBe('business');
    expect(e.fields).toEqual({ ShipVia: "Ship Via 'X' cannot be found in the system.", 'Details[1].ShippedQty': 'too much', record: 'Record error' });
    expect(e.message).toContain("ShipVia: Ship Via 'X' cannot be found in the system.");
  });
  it('403 names the form, 404 under the endpoint points at the version', () => {
    expect(f(403).message).toMatch(/lacks rights to Sales Orders \(SO301000\)/);
    expect(f(404)).toMatchObject({ kind: 'config' });
    expect(f(404).message).toMatch(/endpoint version/);
  });
  it('fieldErrors ignores links and custom', () => {
    expect(fieldErrors({ _links: { error: 'x' }, custom: { error: 'y' } })).toEqual({});
  });
});

describe('classifyNetworkError', () => {
  it('words DNS, refusal, timeouts and TLS for an operator', () => {
    expect(classifyNetworkError({ code: 'ENOTFOUND' }, 'acme.example', 60_000)).toMatchObject({ kind: 'transient' });
    expect(classifyNetworkError({ code: 'ETIMEDOUT' }, 'h', 60_000).message).toMatch(/within 60 seconds/);
    const tls = classifyNetworkError({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'erp.local', 1);
    expect(tls.kind).toBe('config');
    expect(tls.message).toMatch(/not trusted: add your CA file/);
    expect(classifyNetworkError({ code: 'CERT_HAS_EXPIRED' }, 'h', 1).message).toMatch(/has expired/);
  });
});

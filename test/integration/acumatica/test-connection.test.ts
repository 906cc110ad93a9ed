// "Test connection" step by step, worded for an operator; TLS with a private CA over a real HTTPS double.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../main/core/checks.js';
import { useTempDir } from '../../helpers/tmp.js';
import { useAcumatica } from './setup.js';

const byId = (results: CheckResult[]): Record<string, CheckResult> => Object.fromEntries(results.map((r) => [r.id, r]));

function selfSignedCert(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=Test On-Prem CA', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('Acumatica test connection', () => {
  const start = useAcumatica();
  const tmp = useTempDir('acu-tls-');

  it('passes every step against a healthy instance and picks the newest Default version', async () => {
    const h = await start({ double: { endpointVersions: ['22.200.001', '24.200.001', '23.200.001'] } });
    const results = await h.gateway.testConnection();
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['reachable', true], ['tls', true], ['token', true], ['endpoint', true], ['read-sales-orders', true], ['read-shipments', true],
    ]);
    expect(byId(results).endpoint!.message).toBe('Endpoint Default 24.200.001.');
    expect(byId(results).token!.message).toBe('Signed in as dropstream.');
    expect(h.gateway.connection()).toMatchObject({ state: 'connected', endpointVersion: '24.200.001' });
  });

  it('accepts the bare-array endpoint list of older builds', async () => {
    const h = await start({ double: { bareEndpointList: true, endpointVersions: ['20.200.001', '23.200.001'] } });
    h.double.seedSalesOrders(2);
    await h.gateway.importOrders({ since: null });
    expect(h.double.requests.at(-1)!.path).toBe('/entity/Default/23.200.001/SalesOrder');
  });

  it('reports a host that does not exist and skips the rest', async () => {
    const h = await start();
    const gw = h.makeGateway({ url: 'https://acumatica-does-not-exist.invalid' }, { tuning: { inlineRetries: 0 } });
    const results = await gw.testConnection();
    expect(results[0]).toMatchObject({ id: 'reachable', ok: false });
    expect(results[0]!.message).toMatch(/Cannot find acumatica-does-not-exist\.invalid \(DNS\): check the Instance URL/);
    expect(results.slice(1).every((r) => r.skipped && !r.ok)).toBe(true);
  });

  it('reports a refused connection', async () => {
    const h = await start();
    const gw = h.makeGateway({ url: `http://127.0.0.1:${await closedPort()}` }, { tuning: { inlineRetries: 0 } });
    const [reachable] = await gw.testConnection();
    expect(reachable!.message).toMatch(/refused the connection/);
  });

  it('reports rejected credentials, a missing pinned version and missing read rights', async () => {
    const h = await start();
    h.double.expireSharedSecret();
    let r = byId(await h.gateway.testConnection());
    expect(r.token).toMatchObject({ ok: false });
    expect(r.token!.message).toMatch(/Shared Secret/);
    expect(r.endpoint!.skipped).toBe(true);
    expect(h.gateway.connection().state).toBe('credentials-rejected');
    h.double.rotateSharedSecret(h.secrets.values.get('acumatica.sharedSecret')!);

    r = byId(await h.makeGateway({ endpointVersion: '25.200.001' }).testConnection());
    expect(r.endpoint!.message).toBe('The instance does not offer Default 25.200.001: clear the pinned version or choose one of 24.200.001, 23.200.001.');

    h.double.failNext({ status: 403, pathPrefix: '/entity/Default/24.200.001/Shipment', body: { message: 'You have insufficient rights to access the object (SO302000).' } });
    r = byId(await h.gateway.testConnection());
    expect(r['read-sales-orders']!.ok).toBe(true);
    expect(r['read-shipments']).toMatchObject({ ok: false, message: 'The user "dropstream" lacks rights to Shipments: give its role access to the Shipments (SO302000) form in Acumatica.' });
  });

  it('HTTPS with a private CA: untrusted without the CA file, trusted with it; verification never off', async () => {
    const { key, cert, certFile } = selfSignedCert(tmp());
    const h = await start({ double: { tls: { key, cert } } });
    expect(h.double.url).toMatch(/^https:/);
    const untrusted = await h.gateway.testConnection();
    expect(byId(untrusted).reachable!.ok).toBe(true);
    expect(byId(untrusted).tls).toMatchObject({ ok: false, message: 'The certificate of 127.0.0.1:' + new URL(h.double.url).port + ' is not trusted: add your CA file in Settings > Acumatica (CA file).' });
    expect(byId(untrusted).token!.skipped).toBe(true);
    expect(h.double.requests.filter((x) => x.path === '/identity/connect/token')).toHaveLength(0);

    const trusted = h.makeGateway({ caFile: certFile });
    const results = await trusted.testConnection();
    expect(results.every((x) => x.ok)).toBe(true);
    expect(byId(results).tls!.message).toBe('The certificate is trusted.');
    h.double.seedSalesOrders(3);
    expect((await trusted.importOrders({ since: null })).orders).toHaveLength(3);
  });

  it('a CA file that is not a certificate is a settings error with a clear message', async () => {
    const h = await start();
    expect(() => h.makeGateway({ caFile: '/nonexistent/ca.pem' })).toThrow(/The CA file "\/nonexistent\/ca.pem" cannot be read/);
  });
});

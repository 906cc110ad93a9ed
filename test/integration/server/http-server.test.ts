// The browser shell's HTTP API: token sessions, CSRF and origin checks, DNS-rebinding guard, SSE, static files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, login, useServedCore } from '../../helpers/served-core.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
const serve = useServedCore();

async function start() {
  const dir = tempDir();
  const staticRoot = join(dir, 'static');
  mkdirSync(staticRoot);
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>DropStream</title>');
  writeFileSync(join(dir, 'outside.txt'), 'SECRET FILE');
  return serve(dir, staticRoot);
}

const api = (cookie: string, extra: Record<string, string> = {}) => ({ cookie, 'x-dropstream': '1', 'content-type': 'application/json', ...extra });

describe('served API', () => {
  it('refuses requests without a session and a wrong token', async () => {
    const { server } = await start();
    expect((await call(server, '/api/request/status.get', { method: 'POST', headers: { 'x-dropstream': '1' }, body: '{}' })).status).toBe(401);
    expect((await call(server, '/api/events')).status).toBe(401);
    expect(await login(server, 'wrong-token')).toBeNull();
    expect(await login(server, server.token.slice(0, -1))).toBeNull();
  });

  it('answers with the session opened by the printed token, and checks inputs', async () => {
    const { server } = await start();
    expect(server.loginUrl).toContain(`#token=${server.token}`);
    const cookie = (await login(server))!;
    const status = await call(server, '/api/request/status.get', { method: 'POST', headers: api(cookie), body: '{}' });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { counts: { 'awaiting-wms': 0 } } });
    const bad = JSON.parse((await call(server, '/api/request/orders.list', { method: 'POST', headers: api(cookie), body: JSON.stringify({ limit: -5 }) })).body);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect((await call(server, '/api/request/nope.nope', { method: 'POST', headers: api(cookie), body: '{}' })).status).toBe(404);
  });

  it('refuses cross-site requests: no custom header, a foreign Origin, a foreign Host', async () => {
    const { server } = await start();
    const cookie = (await login(server))!;
    const noHeader = await call(server, '/api/request/sync.pause', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(noHeader.status).toBe(403);
    const foreign = await call(server, '/api/request/sync.pause', { method: 'POST', headers: api(cookie, { origin: 'http://evil.example' }), body: '{}' });
    expect(foreign.status).toBe(403);
    const rebinding = await call(server, '/api/request/status.get', { method: 'POST', headers: api(cookie, { host: 'evil.example:80' }), body: '{}' });
    expect(rebinding.status).toBe(403);
  });

  it('never returns a saved secret', async () => {
    const { server, secrets } = await start();
    const cookie = (await login(server))!;
    const saved = await call(server, '/api/request/secrets.save', { method: 'POST', headers: api(cookie), body: JSON.stringify({ name: 'acumatica.password', value: 'Sup3rSecretPassw0rd' }) });
    expect(JSON.parse(saved.body)).toEqual({ ok: true, value: { saved: true } });
    expect(await secrets.get('acumatica.password')).toBe('Sup3rSecretPassw0rd');
    const view = await call(server, '/api/request/settings.get', { method: 'POST', headers: api(cookie), body: '{}' });
    expect(view.body).not.toContain('Sup3rSecretPassw0rd');
    expect(JSON.parse(view.body).value.secretsSaved['acumatica.password']).toBe(true);
  });

  it('streams events to a signed-in browser', async () => {
    const { server } = await start();
    const cookie = (await login(server))!;
    const got = await new Promise<string>((resolve, reject) => {
      const req = request(new URL('/api/events', server.url), { headers: { cookie } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('event: settings.changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
      setTimeout(() => void call(server, '/api/request/sync.pause', { method: 'POST', headers: api(cookie), body: '{}' }), 100);
    });
    expect(got).toContain('event: settings.changed');
  });

  it('serves the UI with a strict CSP and never a file outside its folder', async () => {
    const { server } = await start();
    const page = await call(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2Foutside.txt']) {
      const res = await call(server, path);
      expect(res.body).not.toContain('SECRET FILE');
    }
  });
});

// The browser shell for tests: a core (memory warehouse, memory secrets) served over HTTP on 127.0.0.1, closed after
// each test, and a plain HTTP client that shows every status and header (fetch would hide Set-Cookie).
import { request } from 'node:http';
import { afterEach } from 'vitest';
import { startServer, type RunningServer } from '../../main/cli/server/http-server.js';
import { createCore, type RunningCore } from '../../main/core/create-core.js';
import { createSettingsStore, memorySettingsBackend } from '../../main/core/settings/store.js';
import { MemorySecretStore } from './secrets.js';
import { withMemoryWms } from '../fakes/memory-wms.js';

export interface Served {
  core: RunningCore;
  server: RunningServer;
  secrets: MemorySecretStore;
}

/** Returns `serve(dataDir, staticRoot)`; everything it started is closed after each test. */
export function useServedCore(): (dataDir: string, staticRoot: string) => Promise<Served> {
  let opened: Served[] = [];
  afterEach(async () => {
    for (const o of opened) {
      await o.server.close();
      await o.core.stop();
    }
    opened = [];
  });
  return async (dataDir, staticRoot) => {
    const secrets = new MemorySecretStore();
    const core = await createCore({ dataDir, shell: 'browser', secrets, settings: createSettingsStore(memorySettingsBackend({ wms: { adapter: 'memory' } }), withMemoryWms()) });
    const server = await startServer({ core, host: '127.0.0.1', port: 0, staticRoot });
    const served = { core, server, secrets };
    opened.push(served);
    return served;
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function call(server: RunningServer, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

/** Exchanges a token for the session cookie ("name=value"), or null when the server refuses it. */
export async function login(server: RunningServer, token = server.token): Promise<string | null> {
  const res = await call(server, '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const cookie = res.headers['set-cookie'];
  return res.status === 204 && cookie ? (Array.isArray(cookie) ? cookie[0]! : cookie).split(';')[0]! : null;
}

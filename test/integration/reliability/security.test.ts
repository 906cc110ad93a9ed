// Security sweep: after a full demo-like run (createCore with the Acumatica double and a warehouse, sign-in, token
// refresh, import, send, write-back, a refused write-back) no secret is in the database, settings, logs, captured
// stdout/stderr or any answer of any handler; SQL is prepared with placeholders only; TLS verification is never
// switched off; the served API refuses requests without its token and from other origins.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCore, type RunningCore } from '../../../main/core/create-core.js';
import { createSettingsStore } from '../../../main/core/settings/store.js';
import { createConfBackend } from '../../../main/core/settings/conf-backend.js';
import { CHANNELS } from '../../../main/ipc/contract.js';
import { MemorySecretStore } from '../../helpers/secrets.js';
import { startAcumaticaDouble } from '../../fakes/acumatica/server.js';
import { createMemoryWms, withMemoryWms } from '../../fakes/memory-wms.js';
import { call, login, useServedCore } from '../../helpers/served-core.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('ds-security-');
const repo = new URL('../../../', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Plausible input for every channel, so each handler does real work (errors count as answers too). */
function inputFor(channel: string, ref: string): unknown {
  switch (channel) {
    case 'orders.get':
      return { ref };
    case 'orders.retry':
    case 'orders.markResolved':
      return { refs: [ref] };
    case 'orders.list':
    case 'orders.exportCsv':
      return { limit: 1000 };
    case 'secrets.save':
      return { name: 'wms.password', value: 'Sweep-Saved-Secret-77!' };
    case 'settings.save':
      return { section: 'app', value: { pollIntervalSeconds: 60 } };
    case 'sku.save':
      return { inventoryId: 'WIDGET-BLUE', sku: 'WB-1' };
    case 'sku.delete':
      return { inventoryId: 'WIDGET-BLUE', uom: '' };
    case 'sku.importCsv':
      return { csv: 'inventory_id,uom,sku,factor,components\nGADGET-RED,,GR-1,1,\n' };
    case 'app.openExternal':
      return { url: 'https://example.com/' };
    case 'connection.testAcumatica':
      return { sharedSecret: 'Draft-Secret-Tried-Once-99', password: 'Draft-Password-Tried-Once-98' };
    default:
      return {};
  }
}

describe('no secret anywhere after a demo-like run', () => {
  it('database, settings, logs, stdout/stderr and every handler answer are free of every secret and token', async () => {
    const dir = tempDir();
    const double = await startAcumaticaDouble({ tokenLifetimeSeconds: 1 });
    const out: string[] = [];
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true)),
      vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' '))),
      vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' '))),
      vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' '))),
    ];
    const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
    const saved: string[] = [double.credentials.sharedSecret, double.credentials.password, 'Sweep-Saved-Secret-77!', 'Draft-Secret-Tried-Once-99', 'Draft-Password-Tried-Once-98'];
    const origSet = secrets.set.bind(secrets);
    secrets.set = async (name, value) => {
      saved.push(value);
      return origSet(name, value);
    };
    const wms = createMemoryWms();
    const settings = createSettingsStore(createConfBackend(dir), withMemoryWms(wms));
    settings.write({
      ...settings.read(),
      acumatica: { url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, requestsPerMinute: 6000, defaultBoxId: 'MEDIUM' } as never,
      wms: { adapter: 'memory' } as never,
      app: { ...settings.read().app, logLevel: 'debug' },
    });
    let core: RunningCore | null = null;
    const answers: string[] = [];
    try {
      core = await createCore({ dataDir: dir, shell: 'browser', secrets, settings });
      double.seedSalesOrders(6, { seed: 31 });
      await core.runtime.engine.runCycle();
      const refs = [...wms.orders.keys()];
      wms.shipAll(refs[0]!, '1ZSWEEP0001');
      double.failNext({ status: 422, method: 'PUT', pathPrefix: '/entity/Default/', body: { message: 'An error has occurred.', exceptionMessage: 'Ship Via: The carrier is inactive.' } });
      wms.shipAll(refs[1]!, '1ZSWEEP0002');
      await new Promise((r) => setTimeout(r, 1100)); // access tokens expire: refresh grants happen
      await core.runtime.engine.runCycle();
      expect(double.grants().refresh).toBeGreaterThan(0);
      for (const channel of CHANNELS) {
        const handler = core.handlers[channel] as (input: unknown) => unknown;
        answers.push(`${channel}: ${JSON.stringify(await handler(inputFor(channel, refs[1]!)))}`);
      }
      await core.runtime.engine.runCycle();
    } finally {
      await core?.stop();
      await double.close();
      for (const s of spies) s.mockRestore();
    }
    const needles = [...new Set(saved)].filter((s) => s.length >= 6);
    expect(needles.length).toBeGreaterThan(5); // rotating refresh tokens were saved too
    const haystacks: [string, string][] = [
      ...filesUnder(dir).map((f): [string, string] => [f, readFileSync(f).toString('latin1')]),
      ['stdout/stderr', out.join('\n')],
      ...answers.map((a): [string, string] => [a.slice(0, a.indexOf(':')), a]),
    ];
    expect(haystacks.some(([f]) => f.endsWith('dropstream.db'))).toBe(true);
    expect(haystacks.some(([f]) => f.includes(`${join(dir, 'logs')}`))).toBe(true);
    expect(answers).toHaveLength(CHANNELS.length);
    for (const [where, text] of haystacks) {
      for (const secret of needles) expect(text.includes(secret), `${secret.slice(0, 3)}… found in ${where}`).toBe(false);
      expect(/Bearer\s+[A-Za-z0-9]/.test(text), `bearer token in ${where}`).toBe(false);
    }
  }, 60_000);
});

describe('source checks', () => {
  const sources = filesUnder(join(repo, 'main')).filter((f) => /\.(ts|tsx)$/.test(f));

  it('SQL is prepared with placeholders: no value interpolated into .prepare()/.exec()', () => {
    const offenders: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\.(?:prepare|exec)\(\s*`([^`]*)`/g)) {
        for (const interp of (m[1] ?? '').matchAll(/\$\{([^}]*)\}/g)) {
          // Allowed: column lists / placeholder lists / whitelisted identifiers built in code, never a value.
          const expr = (interp[1] ?? '').trim();
          // `clause` / `sets.join(', ')` are lists of fixed "column = @param" fragments (checked below), `dir` and
          // SORT_COLUMNS[...] come from enums parsed at the edge.
          // `xs.map(() => '?').join(',')` is a list of placeholders.
          if (!/^(clause|sets\.join\(', '\)|dir|SORT_COLUMNS\[q\.sort\])$/.test(expr) && !/^\w+\.map\(\(\) => '\?'\)\.join\('[, ]*'\)$/.test(expr)) {
            offenders.push(`${file.slice(repo.length)}: \${${expr}}`);
          }
        }
      }
      // Every fragment pushed into those lists binds its value through a placeholder (@name or ?).
      if (file.includes('/core/store/')) {
        for (const m of text.matchAll(/\b(?:where|sets)\.push\((.*)\);$/gm)) {
          const arg = m[1] ?? '';
          if (!/[@?]/.test(arg) || /\$\{(?!column\}|name\})/.test(arg)) offenders.push(`${file.slice(repo.length)}: push(${arg})`);
        }
      }
      // A value glued on with + inside a SQL string is just as bad.
      for (const m of text.matchAll(/\.(?:prepare|exec)\(\s*['"][^'"]*['"]\s*\+/g)) offenders.push(`${file.slice(repo.length)}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('TLS verification is never switched off in main/', () => {
    const offenders = sources.filter((f) => /rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity\s*:\s*\(\)\s*=>/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => f.slice(repo.length))).toEqual([]);
  });
});

describe('served API refuses strangers (in addition to test/integration/server)', () => {
  const serve = useServedCore();

  it('every channel refuses a request without a session, with a forged cookie, from Origin null and from a foreign origin', async () => {
    const dir = tempDir();
    const { server } = await serve(dir, dir);
    const cookie = (await login(server))!;
    expect(cookie).toBeTruthy();
    const base = { 'x-dropstream': '1', 'content-type': 'application/json' };
    for (const channel of CHANNELS) {
      const path = `/api/request/${channel}`;
      expect((await call(server, path, { method: 'POST', headers: base, body: '{}' })).status, `${channel} without session`).toBe(401);
      expect((await call(server, path, { method: 'POST', headers: { ...base, cookie: `${cookie.split('=')[0]}=forged-session-value` }, body: '{}' })).status, `${channel} forged`).toBe(401);
      expect((await call(server, path, { method: 'POST', headers: { ...base, cookie, origin: 'null' }, body: '{}' })).status, `${channel} origin null`).toBe(403);
      expect((await call(server, path, { method: 'POST', headers: { ...base, cookie, origin: 'http://127.0.0.1.evil.example' }, body: '{}' })).status, `${channel} foreign`).toBe(403);
    }
    // The token itself is never echoed back by the API.
    const status = await call(server, '/api/request/app.info', { method: 'POST', headers: { ...base, cookie }, body: '{}' });
    expect(status.status).toBe(200);
    expect(status.body).not.toContain(server.token);
  });
});

// The rig of the issue #18 tests: the Acumatica double with short-lived tokens and varying latency, the real client
// with the settings under test, a real SQLite file and the memory warehouse.
// See test/integration/sync/short-tokens.test.ts for what the rig reproduced and how it was fixed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createAcumaticaGateway } from '../../main/core/acumatica/client.js';
import { systemClock } from '../../main/core/clock.js';
import { silentLogger } from '../../main/core/log/logger.js';
import type { Settings } from '../../main/core/settings/schema.js';
import { openStore, type Store } from '../../main/core/store/index.js';
import { createEngine, type Engine } from '../../main/core/sync/engine.js';
import { MemorySecretStore } from './secrets.js';
import { startAcumaticaDouble, type AcumaticaDouble } from '../fakes/acumatica/server.js';
import { createMemoryWms, memorySettings, type MemoryWms } from '../fakes/memory-wms.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Rejects when the promise has not settled in time (the symptom of the issue: a cycle that never returns). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not return within ${ms} ms`)), ms);
    }),
  ]);
}

export interface ShortTokenRig {
  double: AcumaticaDouble;
  store: Store;
  engine: Engine;
  wms: MemoryWms;
  settings: Settings;
}

export async function shortTokenRig(opts: {
  tokenSeconds: number;
  latency: [number, number];
  orders: number;
  seed: number;
  acumatica?: Record<string, unknown>;
  app?: Record<string, unknown>;
  actionPolls?: number;
}): Promise<ShortTokenRig> {
  let seed = opts.seed;
  const rand = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const [lo, hi] = opts.latency;
  const double = await startAcumaticaDouble({ tokenLifetimeSeconds: opts.tokenSeconds, latency: () => lo + Math.floor(rand() * (hi - lo + 1)), actionPolls: opts.actionPolls ?? 2 });
  const dir = mkdtempSync(join(tmpdir(), 'dropstream-short-tokens-'));
  double.seedSalesOrders(opts.orders, { seed: opts.seed });
  const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
  const settings = memorySettings({
    acumatica: { url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, defaultBoxId: 'MEDIUM', ...opts.acumatica },
    wms: { adapter: 'memory' },
    app: { ...opts.app },
  });
  const gateway = createAcumaticaGateway({ settings: settings.acumatica!, secrets, clock: systemClock, logger: silentLogger });
  const wms = createMemoryWms();
  const store = openStore(dir);
  const engine = createEngine({ store, acumatica: gateway, wms, settings: () => settings, clock: systemClock, logger: silentLogger });
  cleanups.push(async () => {
    await engine.stop();
    await gateway.logout();
    store.close();
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { double, store, engine, wms, settings };
}

/** Every sales order in the double has exactly one Shipment, and it is confirmed. */
export function confirmedExactlyOnce(double: AcumaticaDouble): { confirmed: number; duplicates: number } {
  const perOrder = new Map<string, number>();
  for (const sh of double.shipments()) {
    for (const o of new Set(sh.Details.map((d) => `${d.OrderType}-${d.OrderNbr}`))) perOrder.set(o, (perOrder.get(o) ?? 0) + 1);
  }
  return {
    confirmed: double.shipments().filter((s) => s.Status === 'Confirmed').length,
    duplicates: [...perOrder.values()].filter((n) => n > 1).length,
  };
}


// Issue #18: `sync --once` that did not return under 2-second access tokens. Reproduced against the project's own
// Acumatica double: tokens of 2 s with rotating refresh tokens (one session per grant), 15–45 ms latency, 80 orders
// confirmed by the warehouse, ConfirmShipment answered 202 + Location and polled.
//
// What it found (see docs/RELIABILITY.md): the client took the bearer token BEFORE waiting for its turn in the
// limiter, and the limiter held requests for up to a minute (per-minute budget) with no bound on the cycle. Under
// 2-second tokens every queued request then left with a dead token, got a 401, asked for a new token (the sign-in
// itself queued behind the same budget) and queued again, so the cycle never finished. Fixed by taking the token
// once the request holds its place, sign-in past the limiter, and a time limit on every cycle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAcumaticaGateway } from '../../../main/core/acumatica/client.js';
import { systemClock } from '../../../main/core/clock.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { settingsSchema, type Settings } from '../../../main/core/settings/schema.js';
import { openStore, type Store } from '../../../main/core/store/index.js';
import { createEngine, type Engine } from '../../../main/core/sync/engine.js';
import { MemorySecretStore } from '../../fakes/acumatica/memory-secrets.js';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/server.js';
import { createMemoryWms, type MemoryWms } from '../../fakes/memory-wms.js';

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
  const settings = settingsSchema.parse({
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

describe('sync under 2-second access tokens (issue #18)', () => {
  it('every sync --once returns within its time limit, and 80 write-backs complete exactly once in a few runs', async () => {
    const rig = await shortTokenRig({ tokenSeconds: 2, latency: [15, 45], orders: 80, seed: 18, acumatica: { requestsPerMinute: 600, actionPollSeconds: 0.1 }, app: { cycleDeadlineSeconds: 10 } });
    await within(rig.engine.runCycle(), 13_000, 'sync --once #1');
    expect(rig.store.orders.counts()['at-wms']).toBe(80);
    for (const ref of rig.wms.orders.keys()) rig.wms.shipAll(ref, `1Z${ref.replace(/\W/g, '')}`);
    let runs = 1;
    while ((rig.store.orders.counts().done ?? 0) < 80 && runs < 12) {
      runs++;
      const started = Date.now();
      const report = await within(rig.engine.runCycle(), 13_000, `sync --once #${runs}`);
      expect(Date.now() - started).toBeLessThan(13_000);
      expect(report.writtenBack?.failed ?? 0).toBe(0);
    }
    expect(rig.store.orders.counts().done).toBe(80);
    expect(confirmedExactlyOnce(rig.double)).toEqual({ confirmed: 80, duplicates: 0 });
    expect(rig.double.shipments()).toHaveLength(80);
  }, 200_000);

  it('with the default licence budget (60 requests a minute) a cycle stops at its limit and leaves the rest queued', async () => {
    const rig = await shortTokenRig({ tokenSeconds: 2, latency: [15, 45], orders: 40, seed: 19, app: { cycleDeadlineSeconds: 8 } });
    await within(rig.engine.runCycle(), 11_000, 'sync --once #1');
    for (const ref of rig.wms.orders.keys()) rig.wms.shipAll(ref, `1Z${ref.replace(/\W/g, '')}`);
    const report = await within(rig.engine.runCycle(), 11_000, 'sync --once #2');
    expect(report.timeUp).toMatchObject({ afterSeconds: 8 });
    expect(report.timeUp!.stepsLeft).toBeGreaterThan(0);
    // Nothing failed or is left running: the unfinished write-backs wait, due, for the next cycle.
    const jobs = rig.store.db.prepare(`SELECT status, COUNT(*) AS n FROM jobs WHERE kind = 'writeback' GROUP BY status`).all() as { status: string; n: number }[];
    expect(jobs.find((j) => j.status === 'running')).toBeUndefined();
    expect(jobs.find((j) => j.status === 'failed')).toBeUndefined();
    expect(rig.store.orders.counts().failed ?? 0).toBe(0);
    expect(confirmedExactlyOnce(rig.double).duplicates).toBe(0);
  }, 60_000);
});

// The `dropstream` command's other duties: shipment mode end to end, pause/resume/retry as child processes, `run`
// stopping gracefully on SIGTERM in the middle of work, and clear messages with exit code 2 for bad input.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/index.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { configureCli, useCli } from '../../helpers/cli.js';
import { useTempDir } from '../../helpers/tmp.js';
import { newOrdersPerRef, orderFiles, refOf, trackingCounts, type OrdersJson, type StatusJson } from '../../helpers/exchange.js';

const cliFor = useCli();
const tempDir = useTempDir('ds-e2e-ops-');
const doubles: AcumaticaDouble[] = [];
afterEach(async () => {
  for (const d of doubles.splice(0)) await d.close();
});

async function setup(mode: 'sales-orders' | 'shipments' = 'sales-orders') {
  const double = await startAcumaticaDouble();
  doubles.push(double);
  const root = tempDir();
  const cli = cliFor({ double });
  await configureCli(cli, double, root, { mode });
  return { double, root, cli };
}

const until = async (what: string, check: () => boolean, ms = 30_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const runningJobs = (home: string): number => {
  const db = new Database(join(home, 'dropstream.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE status = 'running'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('dropstream CLI operations', () => {
  it('shipment mode: the existing Shipments get one package per box with tracking; none is created', async () => {
    const { double, root, cli } = await setup('shipments');
    const seeded = double.seedShipments(2, { seed: 41, lines: [2, 3], nonStockShare: 0 });
    const nbrs = seeded.map((s) => s.ShipmentNbr).sort();
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    expect([...newOrdersPerRef(root)].sort()).toEqual(nbrs.map((n) => [n, 1]));

    const run = await new FileWarehouse({ root, multiBox: true }).run();
    expect(run.written).toHaveLength(2);
    expect((await cli.run(['sync', '--once'])).code).toBe(0);

    const after = double.shipments();
    expect(after.map((s) => s.ShipmentNbr).sort()).toEqual(nbrs);
    for (const w of run.written) {
      const sh = after.find((s) => s.ShipmentNbr === w.orderRef)!;
      expect(sh.id).toBe(seeded.find((s) => s.ShipmentNbr === w.orderRef)!.id);
      expect(sh.Packages.map((p) => p.TrackingNbr).sort()).toEqual([...w.trackingNumbers].sort());
      expect(sh.Packages).toHaveLength(w.boxes);
      expect(sh.Status).toBe('Confirmed');
    }
    expect([...trackingCounts(double).values()].every((n) => n === 1)).toBe(true);
    const { value } = await cli.json<OrdersJson>(['orders']);
    expect(value.orders.map((o) => [o.reference, o.state, o.acumaticaKey, o.shipmentNbrs])).toEqual(
      nbrs.map((n) => [n, 'done', { kind: 'shipment', shipmentNbr: n }, [n]]),
    );
  });

  // Child-process smoke tests of pause, resume and retry; their scenarios (pause against a running loop, retrying
  // refused write-backs) run in-process on a controlled clock in pause-resume.test.ts and failures.test.ts.
  it('pause, resume and retry as commands: each exits 0 and says what it did', async () => {
    const { double, cli } = await setup();
    expect((await cli.json<{ paused: boolean }>(['pause'])).value.paused).toBe(true);
    expect((await cli.json<StatusJson>(['status'])).value.paused).toBe(true);
    expect((await cli.json<{ paused: boolean }>(['resume'])).value.paused).toBe(false);
    expect((await cli.json<StatusJson>(['status'])).value.paused).toBe(false);
    double.addSalesOrder();
    const retry = await cli.json<{ retried: number; failedNow: number }>(['retry', '--all-failed']);
    expect(retry.result.code).toBe(0);
    expect(retry.value).toMatchObject({ retried: 0, failedNow: 0 });
  });

  it('`run` stops on SIGTERM after the running step, leaves no job half-done, and a later sync finishes the rest once', async () => {
    const { double, root, cli } = await setup();
    double.setLatency(150);
    const orders = Array.from({ length: 12 }, () => double.addSalesOrder());
    const run = cli.start(['run'], { timeoutMs: 90_000 });
    await until('the first order file', () => orderFiles(root).length > 0, 45_000);
    run.child.kill('SIGTERM');
    const end = await run.exited;
    expect(end.code).toBe(0);
    expect(end.signal).toBeNull();
    expect(end.stderr).toMatch(/Stopping: letting the running step finish/);
    expect(end.stderr).toMatch(/Stopped\./);
    expect(runningJobs(cli.home)).toBe(0);

    double.setLatency(0);
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    expect([...newOrdersPerRef(root)].sort()).toEqual(orders.map((so) => [refOf(so), 1]).sort());
  });

  it('configure acumatica sets package contents, Line Types and lot/serial items; a bad on/off is refused', async () => {
    const double = await startAcumaticaDouble();
    doubles.push(double);
    const cli = cliFor({ double });
    const base = ['configure', 'acumatica', '--url', double.url, '--client-id', double.credentials.clientId, '--username', double.credentials.username];
    const ok = await cli.run([...base, '--package-contents', 'off', '--ship-line-types', 'Goods for Inventory, Non-Inventory Goods', '--lot-serial-items', 'AALEGO500,APPLES']);
    expect(ok.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(cli.home, 'settings.json'), 'utf8')) as { acumatica: Record<string, unknown> };
    expect(saved.acumatica).toMatchObject({ packageContents: false, shipLineTypes: ['Goods for Inventory', 'Non-Inventory Goods'], lotSerialItems: ['AALEGO500', 'APPLES'] });
    const bad = await cli.run([...base, '--package-contents', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--package-contents takes on or off/);
  });

  it('bad input: clear messages and exit code 2', async () => {
    const double = await startAcumaticaDouble();
    doubles.push(double);
    const cli = cliFor({ double });

    const nothing = await cli.run(['sync', '--once']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/Nothing is configured yet: run dropstream configure acumatica/);

    const badId = await cli.run(['configure', 'acumatica', '--url', double.url, '--client-id', 'not-a-guid', '--username', 'x']);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/clientId: The Client ID looks like [0-9A-F-]+@Company/);

    const noSecret = await cli.run(['configure', 'acumatica', '--url', double.url, '--client-id', double.credentials.clientId, '--username', 'x'], {
      env: { DROPSTREAM_ACUMATICA_CLIENT_SECRET: '' },
    });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/set DROPSTREAM_ACUMATICA_CLIENT_SECRET in the environment/);

    const state = await cli.run(['orders', '--state', 'shipping']);
    expect(state.code).toBe(2);
    expect(state.stderr).toMatch(/Unknown state "shipping": use one of imported, held, awaiting-wms, at-wms/);
    const stateJson = await cli.json<{ ok: boolean; error: { kind: string; message: string } }>(['orders', '--state', 'shipping']);
    expect(stateJson.result.code).toBe(2);
    expect(stateJson.value).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });

    const retry = await cli.run(['retry']);
    expect(retry.code).toBe(2);
    expect(retry.stderr).toMatch(/Name the orders to retry, or use --all-failed/);

    const adapter = await cli.run(['configure', 'wms', '--adapter', 'ftp']);
    expect(adapter.code).toBe(2);
    expect(adapter.stderr).toMatch(/Unknown adapter "ftp": use file, extensiv or simulated/);
  });
});

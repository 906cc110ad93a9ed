// Crash test: `dropstream run` is SIGKILLed at random points while the test warehouse ships, restarted, killed again
// …; then it runs until quiet and we count: zero lost orders (every seeded order done), zero duplicate WMS orders
// (one distinct order file with action new per order_ref; the same file name rewritten after a crash is the same
// order), zero duplicate shipments/packages in the Acumatica double (each tracking number exactly once).
//
// The number of kills comes from DROPSTREAM_CRASH_KILLS (default 15, about a minute). The full run uses 200+:
//   DROPSTREAM_CRASH_KILLS=200 npx vitest run test/e2e/cli/crash.test.ts
// DROPSTREAM_CRASH_SEED picks the kill plan (default fixed, so a failing plan can be replayed).
import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../fakes/acumatica/seed.js';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/index.js';
import { FileWarehouse, type WarehouseRun } from '../../fakes/file-warehouse.js';
import { configureCli, useCli, type Cli } from '../../helpers/cli.js';
import { useTempDir } from '../../helpers/tmp.js';
import { newOrdersPerRef, refOf, trackingCounts, type OrdersJson } from '../../helpers/exchange.js';

const KILLS = Math.max(1, Number(process.env.DROPSTREAM_CRASH_KILLS ?? 15));
const SEED = Number(process.env.DROPSTREAM_CRASH_SEED ?? 20261127);
const BURST_KILLS = Math.max(3, Math.round(KILLS / 3));
/** Enough shipped orders that every burst kill still finds write-backs to interrupt. */
const BURST_ORDERS = Math.max(30, BURST_KILLS * 3);

const cliFor = useCli();
const tempDir = useTempDir('ds-e2e-crash-');
const doubles: AcumaticaDouble[] = [];
afterEach(async () => {
  for (const d of doubles.splice(0)) await d.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The test warehouse, plus what a real WMS does with an order file it has already taken in: the engine may rewrite
 * the SAME file after a crash (allowed, not a second order); the WMS recognises the name and drops it.
 */
class CrashWarehouse {
  readonly inner: FileWarehouse;
  readonly shipped: WarehouseRun['written'] = [];
  rewritesDropped = 0;
  constructor(private readonly root: string, opts: { partial?: boolean; multiBox?: boolean }) {
    this.inner = new FileWarehouse({ root, ...opts });
  }
  async run(): Promise<void> {
    const inDir = join(this.root, 'in');
    const done = join(this.root, 'wms-processed');
    if (existsSync(inDir) && existsSync(done)) {
      for (const name of readdirSync(inDir)) {
        if (name.startsWith('ord_') && existsSync(join(done, name))) {
          rmSync(join(inDir, name));
          this.rewritesDropped++;
        }
      }
    }
    if (!existsSync(inDir)) return;
    const r = await this.inner.run();
    this.shipped.push(...r.written);
  }
}

/** `sync --once` + the warehouse until every order is done and a cycle changes nothing. */
async function runUntilQuiet(cli: Cli, warehouse: CrashWarehouse, expected: number, maxRounds = 25): Promise<OrdersJson['orders']> {
  let orders: OrdersJson['orders'] = [];
  for (let round = 0; round < maxRounds; round++) {
    const r = await cli.run(['sync', '--once']);
    if (r.code !== 0) throw new Error(`sync --once failed after the kills (${String(r.code)}):\n${r.stdout}\n${r.stderr}`);
    await warehouse.run();
    orders = (await cli.json<OrdersJson>(['orders'])).value.orders;
    if (orders.length === expected && orders.every((o) => o.state === 'done')) return orders;
    // A job may be waiting out its backoff (a few seconds after an interrupted attempt).
    await sleep(1500);
  }
  return orders;
}

/** How often the engine met the evidence of a crash: interrupted steps recovered, remote effects found and not repeated. */
function recoveries(home: string): string {
  const db = new Database(join(home, 'dropstream.db'), { readonly: true });
  try {
    const rows = db.prepare(`SELECT kind, COUNT(*) AS n FROM activity WHERE kind IN ('recovered', 'writeback-found') OR message LIKE 'Found at the warehouse%' GROUP BY kind`).all() as { kind: string; n: number }[];
    return rows.map((r) => `${r.kind} ${r.n}`).join(', ') || 'none';
  } finally {
    db.close();
  }
}

function assertExactlyOnce(root: string, double: AcumaticaDouble, warehouse: CrashWarehouse, refs: string[], orders: OrdersJson['orders']): void {
  // Zero lost orders.
  expect(orders.filter((o) => o.state !== 'done').map((o) => `${o.reference}: ${o.state} ${o.lastError?.message ?? ''}`)).toEqual([]);
  expect(orders.map((o) => o.reference).sort()).toEqual([...refs].sort());
  // Zero duplicate WMS orders.
  const perRef = newOrdersPerRef(root);
  expect([...perRef].filter(([, n]) => n !== 1)).toEqual([]);
  expect([...perRef.keys()].sort()).toEqual([...refs].sort());
  // Zero duplicate (and zero lost) packages: every tracking number the warehouse shipped is in Acumatica exactly once.
  const tracking = trackingCounts(double);
  expect([...tracking].filter(([, n]) => n !== 1)).toEqual([]);
  expect([...tracking.keys()].sort()).toEqual(warehouse.shipped.flatMap((w) => w.trackingNumbers).sort());
  // Zero duplicate shipments: one Shipment per warehouse confirmation file.
  expect(double.shipments()).toHaveLength(warehouse.shipped.length);
}

describe('crash test: SIGKILL at random points', () => {
  it(`kills \`dropstream run\` ${KILLS} times while the warehouse ships: nothing lost, nothing doubled`, async () => {
    const random = seededRandom(SEED);
    const double = await startAcumaticaDouble({ latencyMs: 15 });
    doubles.push(double);
    const root = tempDir();
    const cli = cliFor({ double });
    await configureCli(cli, double, root);
    const seeded = double.seedSalesOrders(60, { seed: SEED % 1000, lines: [1, 3], nonStockShare: 0 });
    const refs = seeded.map(refOf);
    const warehouse = new CrashWarehouse(root, { partial: true, multiBox: true });

    let killedWhileAlive = 0;
    for (let k = 0; k < KILLS; k++) {
      const proc = cli.start(['run'], { timeoutMs: 60_000 });
      await proc.waitForOutput(/Syncing every/, 30_000);
      await sleep(Math.floor(random() * 1500));
      if (proc.child.exitCode === null) killedWhileAlive++;
      proc.child.kill('SIGKILL');
      const end = await proc.exited;
      expect(end.signal === 'SIGKILL' || end.code !== null).toBe(true);
      // The warehouse works between crashes on whatever reached it (sometimes twice, sometimes not at all).
      const w = random();
      if (w < 0.7) await warehouse.run();
      if (w < 0.2) await warehouse.run();
      // Orders keep arriving (fresh change stamps), so later kills also land in imports and first sends.
      if (k % 5 === 4) double.addSalesOrder({ Details: [{ InventoryID: 'WIDGET-BLUE', OrderQty: 3, OpenQty: 3, LineType: 'Goods for Inventory' }] });
    }
    const all = double.salesOrders().map(refOf);
    const orders = await runUntilQuiet(cli, warehouse, all.length);
    console.log(
      `crash test: ${KILLS} kill points tried (${killedWhileAlive} while running), seed ${SEED}; ${all.length} orders, ` +
        `${warehouse.shipped.length} warehouse shipments, ${warehouse.rewritesDropped} same-name rewrites after a crash; crash evidence met: ${recoveries(cli.home)}`,
    );
    assertExactlyOnce(root, double, warehouse, all, orders);
    expect(refs.every((r) => all.includes(r))).toBe(true);
  }, 120_000 + KILLS * 8_000);

  it(`kills in the middle of a write-back burst (slow Acumatica) ${BURST_KILLS} times: no Shipment or package twice`, async () => {
    const random = seededRandom(SEED + 1);
    const double = await startAcumaticaDouble();
    doubles.push(double);
    const root = tempDir();
    const cli = cliFor({ double });
    await configureCli(cli, double, root);
    const seeded = double.seedSalesOrders(BURST_ORDERS, { seed: 7, lines: [1, 2], nonStockShare: 0 });
    const warehouse = new CrashWarehouse(root, { multiBox: true });
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    await warehouse.run();
    expect(warehouse.shipped).toHaveLength(BURST_ORDERS);

    // Every request now takes 250 ms: a kill a random moment after the n-th PUT arrived lands before it is processed,
    // after it is processed but before the answer is back, or after the answer before the database records it.
    double.setLatency(250);
    let putsSeen = 0;
    let kills = 0;
    for (let k = 0; k < BURST_KILLS; k++) {
      const before = double.requests.filter((r) => r.method === 'PUT').length;
      const target = before + 1 + Math.floor(random() * 3);
      const proc = cli.start(['sync', '--once'], { timeoutMs: 90_000 });
      const deadline = Date.now() + 45_000;
      while (double.requests.filter((r) => r.method === 'PUT').length < target && proc.child.exitCode === null && Date.now() < deadline) await sleep(10);
      await sleep(Math.floor(random() * 600));
      putsSeen = double.requests.filter((r) => r.method === 'PUT').length;
      if (proc.child.exitCode === null) {
        proc.child.kill('SIGKILL');
        kills++;
      }
      await proc.exited;
      if (double.shipments().length >= BURST_ORDERS) break;
    }
    double.setLatency(0);
    const orders = await runUntilQuiet(cli, warehouse, BURST_ORDERS);
    console.log(`write-back burst: ${kills} kills during ${putsSeen} PUTs; ${double.shipments().length} shipments for ${BURST_ORDERS} orders; crash evidence met: ${recoveries(cli.home)}`);
    expect(kills).toBeGreaterThanOrEqual(2);
    assertExactlyOnce(root, double, warehouse, seeded.map(refOf), orders);
  }, 120_000 + BURST_KILLS * 10_000);
});

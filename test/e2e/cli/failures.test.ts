// The `dropstream` command when things go wrong: a lapsed shared secret (exit 3, nothing failed, resumes with the new
// one), Acumatica unreachable and the exchange folder gone (non-zero exit, work waits, then catches up without
// duplicates), and write-backs Acumatica refuses (failed with its words, then `retry` one and `retry --all-failed`).
// The command's own program and functions run in this process on a simulated clock (helpers/cli-in-process.ts):
// client retries and backoff fall due at once instead of being slept out; the Acumatica double, the SQLite file and
// the exchange folder are the real ones. The child-process smoke tests of these commands are in operations.test.ts.
import { renameSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAcumaticaDouble } from '../../fakes/acumatica/index.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { configureCli, type Cli, type CliResult } from '../../helpers/cli.js';
import { useInProcessCli } from '../../helpers/cli-in-process.js';
import { MINUTE, SimClock } from '../../helpers/clocks.js';
import { useTempDir } from '../../helpers/tmp.js';
import { newOrdersPerRef, refOf, trackingCounts, type OrdersJson, type StatusJson } from '../../helpers/exchange.js';
import { startOutageProxy, type OutageProxy } from './outage-proxy.js';

vi.mock('../../../main/cli/session.js', async (actual) => (await import('../../helpers/session-on-clock.js')).sessionOnTestClock(await actual()));

const cliFor = useInProcessCli();
const tempDir = useTempDir('ds-e2e-fail-');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function setup(opts: { proxy?: boolean } = {}) {
  const clock = new SimClock(Date.now());
  const double = await startAcumaticaDouble({ clock: () => clock.now() });
  closers.push(() => double.close());
  let proxy: OutageProxy | null = null;
  if (opts.proxy) {
    proxy = await startOutageProxy(double.url);
    const p = proxy;
    closers.push(() => p.close());
  }
  const root = tempDir();
  const cli = cliFor({ double, clock });
  await configureCli(cli, double, root, proxy ? { url: proxy.url } : {});
  return { double, root, cli, clock, proxy, warehouse: new FileWarehouse({ root }) };
}

type Command = Pick<Cli, 'run' | 'json'> & { clock: SimClock };

const ordersOf = async (cli: Pick<Cli, 'json'>, state?: string): Promise<OrdersJson['orders']> =>
  (await cli.json<OrdersJson>(['orders', ...(state ? ['--state', state] : [])])).value.orders;

/** `sync --once` until `done` holds (backoff may still be running: a minute passes between tries), at most `tries` times. */
async function syncUntil(cli: Command, done: () => boolean | Promise<boolean>, tries = 5): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (let i = 0; i < tries; i++) {
    results.push(await cli.run(['sync', '--once']));
    if (await done()) return results;
    cli.clock.advance(MINUTE);
  }
  throw new Error(`Not caught up after ${tries} syncs:\n${results.map((r) => `${String(r.code)} ${r.stdout}${r.stderr}`).join('\n')}`);
}

describe('dropstream CLI when things go wrong', () => {
  it('a lapsed shared secret: exit 3 naming the shared secret, nothing failed; a rotated secret in the environment resumes', async () => {
    const { double, root, cli, warehouse } = await setup();
    const shipped = [double.addSalesOrder(), double.addSalesOrder()];
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    expect((await warehouse.run()).written).toHaveLength(2);

    double.expireSharedSecret();
    double.expireAccessTokens();
    const fresh = double.addSalesOrder();
    const lapsed = await cli.run(['sync', '--once']);
    expect(lapsed.code).toBe(3);
    expect(`${lapsed.stdout}${lapsed.stderr}`).toMatch(/Shared Secret/);
    expect(`${lapsed.stdout}${lapsed.stderr}`).not.toContain(double.credentials.sharedSecret);
    const json = await cli.json<{ ok: boolean; report: { errors: { error: { kind: string; credential?: string } }[] } }>(['sync', '--once']);
    expect(json.result.code).toBe(3);
    expect(json.value.report.errors[0]?.error).toMatchObject({ kind: 'credentials-rejected', credential: 'acumatica-shared-secret' });
    expect(await ordersOf(cli, 'failed')).toEqual([]);
    expect(double.shipments()).toHaveLength(0);
    const status = (await cli.json<StatusJson>(['status'])).value;
    expect(status.acumatica.state).toBe('credentials-rejected');
    expect(status.counts.failed).toBe(0);

    double.rotateSharedSecret('Rotated-Secret-2027');
    const resumed = await cli.run(['sync', '--once'], { env: { DROPSTREAM_ACUMATICA_CLIENT_SECRET: 'Rotated-Secret-2027' } });
    expect(resumed.code).toBe(0);
    expect(double.shipments()).toHaveLength(2);
    const orders = new Map((await ordersOf(cli)).map((o) => [o.reference, o.state]));
    expect(shipped.map((so) => orders.get(refOf(so)))).toEqual(['done', 'done']);
    expect(orders.get(refOf(fresh))).toBe('at-wms');
    expect(newOrdersPerRef(root).get(refOf(fresh))).toBe(1);
  });

  it('Acumatica unreachable: non-zero exit while it is down, nothing failed, then the write-backs catch up once each', async () => {
    const { double, cli, proxy, warehouse } = await setup({ proxy: true });
    for (let i = 0; i < 3; i++) double.addSalesOrder();
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    const shipped = await warehouse.run();
    expect(shipped.written).toHaveLength(3);

    proxy!.setDown(true);
    const later = [double.addSalesOrder(), double.addSalesOrder()];
    // One cycle while down takes a while (the client retries a few times inside it before giving up for now).
    const down = await cli.run(['sync', '--once']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/Acumatica: The connection to 127\.0\.0\.1:\d+ failed/);
    expect(down.stdout).toMatch(/Import: did not run/);
    expect(double.shipments()).toHaveLength(0);
    const waiting = await ordersOf(cli);
    expect(waiting.every((o) => !['send-failed', 'rejected-by-wms', 'writeback-failed'].includes(o.state))).toBe(true);
    expect((await cli.json<StatusJson>(['status'])).value.acumatica.state).not.toBe('connected');

    proxy!.setDown(false);
    await syncUntil(cli, async () => (await ordersOf(cli)).filter((o) => o.state === 'done').length === 3);
    const tracking = trackingCounts(double);
    expect([...tracking.keys()].sort()).toEqual(shipped.written.flatMap((w) => w.trackingNumbers).sort());
    expect([...tracking.values()].every((n) => n === 1)).toBe(true);
    expect(double.shipments()).toHaveLength(3);
    const now = new Map((await ordersOf(cli)).map((o) => [o.reference, o.state]));
    for (const so of later) expect(now.get(refOf(so))).toBe('at-wms');
  });

  it('the exchange folder moved away: non-zero exit naming the folder, orders wait; when it is back each goes out once', async () => {
    const { double, root, cli } = await setup();
    const orders = [double.addSalesOrder(), double.addSalesOrder(), double.addSalesOrder()];
    renameSync(root, `${root}.away`);
    try {
      const down = await cli.run(['sync', '--once']);
      expect(down.code).toBe(1);
      expect(`${down.stdout}${down.stderr}`).toMatch(/folder/i);
      const waiting = await ordersOf(cli);
      expect(waiting.map((o) => o.state)).toEqual(['awaiting-wms', 'awaiting-wms', 'awaiting-wms']);
      expect(waiting[0]!.lastError?.message).toBeTruthy();
    } finally {
      renameSync(`${root}.away`, root);
    }
    await syncUntil(cli, async () => (await ordersOf(cli, 'at-wms')).length === 3);
    expect([...newOrdersPerRef(root)].sort()).toEqual(orders.map((so) => [refOf(so), 1]).sort());
  });

  it('refused write-backs become failed with Acumatica\'s words; retry REF and retry --all-failed write them once', async () => {
    const { double, cli, warehouse } = await setup();
    const orders = [double.addSalesOrder(), double.addSalesOrder(), double.addSalesOrder()];
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    expect((await warehouse.run()).written).toHaveLength(3);
    double.failNext({
      status: 422,
      count: 3,
      method: 'PUT',
      pathPrefix: '/entity/Default/',
      body: { message: 'An error has occurred.', exceptionMessage: 'Ship Via: The carrier is inactive.', exceptionType: 'PX.Data.PXOuterException' },
    });
    const refused = await cli.run(['sync', '--once']);
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(/Written back to Acumatica: 0, failed: 3/);
    // `--state failed` still lists every failed state (#17); these are write-back failures precisely.
    const failed = await ordersOf(cli, 'failed');
    expect(failed.map((o) => o.reference)).toEqual(orders.map(refOf).sort());
    expect(failed.map((o) => o.state)).toEqual(['writeback-failed', 'writeback-failed', 'writeback-failed']);
    expect((await ordersOf(cli, 'writeback-failed')).map((o) => o.reference)).toEqual(orders.map(refOf).sort());
    expect(await ordersOf(cli, 'send-failed')).toEqual([]);
    const counts = (await cli.json<StatusJson>(['status'])).value.counts;
    expect(counts).toMatchObject({ failed: 3, 'writeback-failed': 3, 'send-failed': 0, 'rejected-by-wms': 0 });
    for (const o of failed) expect(o.lastError?.serverMessage ?? o.lastError?.message).toContain('The carrier is inactive');
    expect(double.shipments()).toHaveLength(0);

    const one = await cli.json<{ retried: number; failedNow: number }>(['retry', refOf(orders[0]!)]);
    expect(one.result.code).toBe(0);
    expect(one.value).toMatchObject({ retried: 1, failedNow: 2 });
    expect(double.shipments()).toHaveLength(1);

    const all = await cli.json<{ retried: number; failedNow: number }>(['retry', '--all-failed']);
    expect(all.value).toMatchObject({ retried: 2, failedNow: 0 });
    expect(double.shipments()).toHaveLength(3);
    expect([...trackingCounts(double).values()]).toEqual([1, 1, 1]);
    expect((await ordersOf(cli)).map((o) => o.state)).toEqual(['done', 'done', 'done']);
  });
});

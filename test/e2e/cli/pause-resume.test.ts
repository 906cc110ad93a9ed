// `dropstream pause` / `resume` against a running loop, in this process on a hand-moved clock
// (helpers/cli-in-process.ts): the running core is opened and started as `dropstream run` does, the pause and resume
// commands open their own core on the same data folder, as another process would. Time moves only when the test
// moves it, so an order that goes out after `resume` was sent because the loop was woken, not because its poll
// interval ran out. The child-process smoke test of pause/resume is in operations.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/index.js';
import { configureCli } from '../../helpers/cli.js';
import { useInProcessCli } from '../../helpers/cli-in-process.js';
import { ManualClock, MINUTE } from '../../helpers/clocks.js';
import { newOrdersPerRef, orderFiles, refOf, type StatusJson } from '../../helpers/exchange.js';
import { useTempDir } from '../../helpers/tmp.js';
import type { RunningCore } from '../../../main/core/create-core.js';

vi.mock('../../../main/cli/session.js', async (actual) => (await import('../../helpers/session-on-clock.js')).sessionOnTestClock(await actual()));

const cliFor = useInProcessCli();
const tempDir = useTempDir('ds-e2e-pause-');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const until = async (what: string, check: () => boolean, ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('dropstream pause and resume', () => {
  it('pause stops a running `dropstream run` from syncing; resume from another process wakes it within seconds', async () => {
    const clock = new ManualClock(Date.now());
    const double: AcumaticaDouble = await startAcumaticaDouble({ clock: () => clock.now() });
    closers.push(() => double.close());
    const root = tempDir();
    const cli = cliFor({ double, clock });
    await configureCli(cli, double, root);

    const paused = await cli.json<{ paused: boolean }>(['pause']);
    expect(paused.value.paused).toBe(true);
    expect((await cli.json<StatusJson>(['status'])).value.paused).toBe(true);
    double.addSalesOrder();

    const running: RunningCore = await cli.openCore();
    closers.push(() => running.stop());
    running.start();
    // Three poll intervals pass while paused: the loop wakes each time and sends nothing.
    for (let i = 0; i < 3; i++) {
      await until('the loop to sleep', () => clock.sleeping > 0, 10_000);
      clock.advance(2 * MINUTE);
    }
    await until('the loop to sleep', () => clock.sleeping > 0, 10_000);
    expect(orderFiles(root)).toEqual([]);

    // After `resume` has finished, only the running core can send, and the clock stands still: it must be woken, not
    // left to sleep out its poll interval.
    expect((await cli.json<{ paused: boolean }>(['resume'])).value.paused).toBe(false);
    const later = double.addSalesOrder();
    await until('the running core to send both orders', () => newOrdersPerRef(root).get(refOf(later)) === 1 && orderFiles(root).length === 2, 20_000);
    expect((await cli.json<StatusJson>(['status'])).value.paused).toBe(false);
  });
});

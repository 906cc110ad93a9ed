// A clean 1,000-order history (CSV over a folder: imported, sent, shipped, written back) reports no discrepancy,
// within the Acumatica request budget; and a run interrupted after its first page resumes without reading it again.
import { describe, expect, it } from 'vitest';
import { requestsPerThousand } from '../../../main/core/reconcile/report.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { found, reconcile } from '../../helpers/reconcile.js';
import { useRoundTrip, type RoundTrip } from '../../helpers/roundtrip.js';
import { useTempDir } from '../../helpers/tmp.js';

const setup = useRoundTrip();
const tempDir = useTempDir('ds-rec-1000-');

async function thousandDone(): Promise<RoundTrip> {
  const root = tempDir();
  const rt = await setup({ wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: root }, stableForMs: 0 } });
  // The history is built in two cycles, so each gets the time 1,000 write-backs take (the testbed's 10 s poll would
  // end a cycle after 7.5 s and leave the rest for later cycles).
  Object.assign(rt.settings.app, { pollIntervalSeconds: 600, cycleDeadlineSeconds: 300 });
  rt.double.seedSalesOrders(1000, { seed: 16, lines: [1, 3] });
  await rt.cycle();
  await new FileWarehouse({ root }).run();
  await rt.cycle();
  return rt;
}

describe('reconciliation: a clean 1,000-order history', () => {
  it('finds nothing, at most 30 Acumatica requests per 1,000 orders; an interrupted run resumes where it stopped', async () => {
    const rt = await thousandDone();
    const states = rt.store.orders.counts();
    expect(states).toEqual({ done: 1000 });

    const whole = await reconcile(rt);
    expect(found(whole)).toEqual([]);
    expect(whole.ordersCompared).toBe(1000);
    expect(requestsPerThousand(whole)).toBeLessThanOrEqual(30);

    // Stopped after the first page of documents: the run stays open with its position.
    const stop = new AbortController();
    const interrupted = reconcile(rt, { signal: stop.signal, onProgress: (p) => p.phase === 'documents' && p.done >= 500 && stop.abort() });
    await expect(interrupted).rejects.toThrow(/stopped/);
    const open = rt.store.reconcile.unfinished()!;
    expect(open.phase).toBe('documents');
    expect(open.cursor).toBe(500);

    const resumed = await reconcile(rt);
    expect(resumed.runId).toBe(open.id);
    expect(found(resumed)).toEqual([]);
    expect(resumed.ordersCompared).toBe(1000);
    // The two halves together cost what one whole run did: no page was read twice.
    expect(resumed.acumaticaRequests).toBe(whole.acumaticaRequests);
    // Building the history runs the whole engine over 1,000 orders: minutes on a busy 2-core machine.
  }, 300_000);
});

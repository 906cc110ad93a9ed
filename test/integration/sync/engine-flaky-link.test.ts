// A flaky link is not an outage: one dropped call fails that step alone (it retries at its own time) while the rest of
// the queue goes on; only several failures in a row take the whole side as down, and then it drains in order.
import { describe, expect, it } from 'vitest';
import { SIDE_DOWN_AFTER } from '../../../main/core/sync/job-runner.js';
import { makeJobsDue, useEngine } from '../../helpers/engine-harness.js';

const setup = useEngine();

describe('engine on a flaky link', () => {
  it('lets one failed send wait for its own retry while the other orders are sent in the same cycle', async () => {
    const h = await setup();
    h.double.seedSalesOrders(8, { seed: 11 });
    const refs = h.double.salesOrders().map((so) => `${so.OrderType}-${so.OrderNbr}`).sort();
    const unlucky = refs[1]!;
    h.wms.flakySends.set(unlucky, 1);

    const first = await h.engine.runCycle();
    expect(first.sent).toMatchObject({ done: 7, stoppedBy: null });
    expect(first.errors).toEqual([]);
    expect(h.store.orders.counts()['at-wms']).toBe(7);
    const waiting = h.store.orders.get(unlucky)!;
    expect(waiting.state).toBe('awaiting-wms');
    expect(waiting.lastError?.retryAt).toBeTruthy();
    // The call failed after it started, so it was looked up before collecting: not there, so the outcome is known
    // and the retry need not look again.
    expect(h.wms.calls.filter((c) => c.endsWith(unlucky))).toEqual([`send ${unlucky}`, `find ${unlucky}`]);
    expect(h.store.jobs.open('send-order', unlucky)).toMatchObject({ status: 'needs-retry', attempts: 1, outcomeUnknown: false });
    expect(h.store.syncState.get<{ state: string }>('status.wms')?.state).toBe('connected');

    makeJobsDue(h.store);
    await h.engine.runCycle();
    expect(h.store.orders.counts()['at-wms']).toBe(8);
    // Every order reached the warehouse exactly once.
    expect(h.wms.received.map((r) => r.ref).sort()).toEqual(refs);
  });

  it(`takes the side as down after ${SIDE_DOWN_AFTER} failures in a row, then drains the queue in order`, async () => {
    const h = await setup();
    h.wms.down = true;
    h.double.seedSalesOrders(8, { seed: 12 });
    const down = await h.engine.runCycle();
    expect(down.sent?.stoppedBy?.kind).toBe('transient');
    expect(down.errors.some((e) => e.side === 'wms')).toBe(true);
    // Only the first few were tried: an outage costs a few calls, not one per queued order.
    expect(h.wms.calls.filter((c) => c.startsWith('send '))).toHaveLength(SIDE_DOWN_AFTER);
    // The warehouse could not be asked about those sends, so nothing was collected.
    expect(down.collected).toBeNull();
    expect(h.store.syncState.get<{ state: string }>('status.wms')?.state).not.toBe('connected');

    h.wms.down = false;
    h.restart();
    makeJobsDue(h.store);
    await h.engine.runCycle();
    const sent = h.wms.received.map((r) => r.ref);
    expect(sent).toHaveLength(8);
    expect(sent).toEqual([...sent].sort());
  });
});

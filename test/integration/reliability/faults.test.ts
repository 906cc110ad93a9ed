// Fault injection end to end: ~20 % of all calls to Acumatica and to Extensiv are broken by fault proxies (cut before
// or after the server acted, stalled past the time limit, 5xx, 429, cut in half, delayed out of order) while orders
// open, go to the warehouse, ship and are written back, with a process restart every 25 polls. Every order must end
// done or parked with a reason; none lost; none doubled on either side. Scale: RELIABILITY_FAULT_ORDERS (default 200),
// bigger runs: npm run bench:faults.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../fakes/fault-proxy.js';
import { runFaultScenario } from './fault-run.js';

const ORDERS = Number(process.env.RELIABILITY_FAULT_ORDERS ?? 200);

describe('fault injection between the engine and both doubles', () => {
  it(`${ORDERS} orders through 20 % faulty calls on each side: none lost, none doubled, every parked order says why`, async () => {
    const r = await runFaultScenario({ orders: ORDERS, share: 0.2, seed: 11 });

    // The faults really happened, at about the asked rate, of every kind, on both sides.
    for (const side of ['acumatica', 'wms'] as const) {
      expect(r.faultShare[side]).toBeGreaterThan(0.12);
      expect(r.faultShare[side]).toBeLessThan(0.28);
      for (const kind of FAULT_KINDS) expect(r.injected[side][kind], `${side} ${kind}`).toBeGreaterThan(0);
    }

    // While faulty: everything settled (done, or failed/held with the reason shown to the operator).
    expect(r.cyclesFaulty).toBeLessThan(400);
    expect(r.unexplained).toEqual([]);
    const settled = Object.entries(r.settledStates).reduce((n, [state, count]) => n + (['done', 'failed', 'held'].includes(state) ? count : 0), 0);
    expect(settled).toBe(ORDERS);

    // Nothing lost, nothing doubled, the right tracking on every Shipment.
    expect(r.lost).toEqual([]);
    expect(r.doubledAtWms).toEqual([]);
    expect(r.doubledShipments).toEqual([]);
    expect(r.wrongTracking).toEqual([]);
    // Once the network is healthy and the operator retried what failed, every order is done.
    expect(r.finalParked).toEqual([]);
    expect(r.finalStates).toEqual({ done: ORDERS });
  }, 240_000);
});

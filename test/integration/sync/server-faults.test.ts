// #14 item 14: Acumatica answers HTTP 500 both for business refusals and for faults. With 20 % of requests answered
// by a plain 500 (exceptionType System.Exception, the work sometimes done before the answer is lost), every order
// still ends done with no operator action, and no Shipment is created twice (a write looks before creating again).
import { describe, expect, it } from 'vitest';
import { makeJobsDue, useEngine } from '../../helpers/engine-harness.js';

const setup = useEngine();

describe('plain 500s from Acumatica (#14 item 14)', () => {
  it('50 orders all end done with 20 % of requests answered by a System.Exception 500', async () => {
    // A ConfirmShipment whose answer is lost keeps the session busy until it ends on the server (300 ms here).
    const h = await setup({ double: { actionRunsMs: 300 } });
    h.double.seedSalesOrders(50, { seed: 1414, lines: [1, 2], nonStockShare: 0 });
    let seed = 1414;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // Faults on every contract-API request, reads and writes; half of them after the server did the work.
    h.double.setRandomFaults({ share: 0.2, random, afterProcessing: true });

    let shipped = false;
    for (let cycle = 0; cycle < 40; cycle++) {
      // Between polls (seconds in production): long enough for an action left running to end on the server.
      if (cycle > 0) await new Promise((r) => setTimeout(r, 300));
      h.restart(); // a fresh engine: no side left waiting out its backoff in memory
      makeJobsDue(h.store);
      await h.engine.runCycle();
      if (!shipped && (h.store.orders.counts()['at-wms'] ?? 0) === 50) {
        for (const ref of h.wms.orders.keys()) h.wms.shipAll(ref, `1Z${ref.replace(/\W/g, '')}`);
        shipped = true;
      }
      if ((h.store.orders.counts().done ?? 0) === 50) break;
    }
    const counts = h.store.orders.counts();
    expect(counts.failed ?? 0).toBe(0);
    expect(counts.done).toBe(50);
    // Exactly one Shipment per order, each confirmed.
    const perOrder = new Map<string, number>();
    for (const sh of h.double.shipments()) for (const d of new Set(sh.Details.map((x) => x.OrderNbr))) perOrder.set(d, (perOrder.get(d) ?? 0) + 1);
    expect([...perOrder.values()].filter((n) => n !== 1)).toEqual([]);
    expect(h.double.shipments().filter((s) => s.Status === 'Confirmed')).toHaveLength(50);
    // The faults really happened, on reads and on writes.
    const faults = h.double.requests.filter((r) => r.status === 500);
    expect(faults.some((r) => r.method === 'GET')).toBe(true);
    expect(faults.some((r) => r.method !== 'GET')).toBe(true);
  }, 180_000);
});

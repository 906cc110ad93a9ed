// The operator's actions on a discrepancy, each followed by the engine's next cycle and a new reconciliation: the
// discrepancy is gone because the cause was fixed (send now, re-read, write back now), or because an operator
// marked it resolved with a note (and it shows again if it changes).
import { describe, expect, it } from 'vitest';
import { applyReconcileAction } from '../../../main/core/reconcile/actions.js';
import { useEngine, type EngineHarness } from '../../helpers/engine-harness.js';
import { found, importWithoutSending, reconcile } from '../../helpers/reconcile.js';

const setup = useEngine();
const line = { InventoryID: 'WIDGET-BLUE', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' };
const refOf = (so: { OrderType: string; OrderNbr: string }) => `${so.OrderType}-${so.OrderNbr}`;

async function act(h: EngineHarness, reference: string, kind: Parameters<typeof applyReconcileAction>[1]['kind'], action: Parameters<typeof applyReconcileAction>[1]['action'], note?: string) {
  const report = await reconcile(h);
  const d = report.discrepancies.find((x) => x.reference === reference && x.kind === kind);
  if (!d) throw new Error(`no ${kind} for ${reference}: ${found(report).join(', ')}`);
  expect(d.actions).toContain(action);
  return applyReconcileAction(h.engine.context, { reference, kind, action, detail: d.detail, ...(note ? { note } : {}) });
}

describe('reconciliation actions', () => {
  it('send now: a known order that never went out is sent on the next cycle', async () => {
    const h = await setup();
    const ref = refOf(h.double.addSalesOrder({ Details: [line] }));
    await importWithoutSending(h.engine, h.store, ref);
    expect(found(await reconcile(h))).toEqual([`${ref} never-sent`]);
    expect(await act(h, ref, 'never-sent', 'send-now')).toMatch(/queued/);
    expect(h.wms.received).toHaveLength(0); // nothing remote until the engine runs
    await h.engine.runCycle();
    expect(h.wms.received.map((r) => r.ref)).toEqual([ref]);
    expect(found(await reconcile(h))).toEqual([]);
  });

  it('re-read: an order DropStream never heard of is taken in and sent', async () => {
    const h = await setup();
    const ref = refOf(h.double.addSalesOrder({ Details: [line] }));
    expect(found(await reconcile(h))).toEqual([`${ref} unknown-to-dropstream`]);
    await act(h, ref, 'unknown-to-dropstream', 're-read');
    expect(h.store.orders.get(ref)?.state).toBe('awaiting-wms');
    await h.engine.runCycle();
    expect(found(await reconcile(h))).toEqual([]);
  });

  it('write back now: a shipment whose write-back was refused goes again and reaches Acumatica', async () => {
    const h = await setup();
    const ref = refOf(h.double.addSalesOrder({ Details: [line] }));
    await h.engine.runCycle();
    h.double.failNext({ status: 422, count: 1, method: 'PUT', pathPrefix: '/entity/Default/', body: { message: 'An error has occurred.', exceptionMessage: 'Ship Via: The carrier is inactive.' } });
    h.wms.shipAll(ref, '1ZACTION01');
    await h.engine.runCycle();
    expect(found(await reconcile(h))).toEqual([`${ref} shipped-not-written-back`]);
    await act(h, ref, 'shipped-not-written-back', 'write-back-now');
    await h.engine.runCycle();
    expect(h.double.shipments().flatMap((s) => s.Packages.map((p) => p.TrackingNbr))).toEqual(['1ZACTION01']);
    expect(found(await reconcile(h))).toEqual([]);
  });

  it('mark resolved needs a note, hides the same discrepancy, and shows it again when it changes', async () => {
    const h = await setup();
    const ref = refOf(h.double.addSalesOrder({ Details: [line] }));
    await importWithoutSending(h.engine, h.store, ref);
    await expect(act(h, ref, 'never-sent', 'mark-resolved')).rejects.toThrow(/note/);
    await act(h, ref, 'never-sent', 'mark-resolved', 'Shipped by hand from the store room');
    const after = await reconcile(h);
    expect(found(after)).toEqual([]);
    expect(after.resolvedHidden).toBe(1);
    expect(h.store.activity.list({ offset: 0, limit: 10 }).rows.some((r) => r.message.includes('Shipped by hand from the store room'))).toBe(true);
    // The order is now held for another reason: a different discrepancy, reported again.
    h.store.orders.setState(ref, 'held', new Date().toISOString(), { attention: { reason: 'acumatica-hold', text: 'On hold in Acumatica' } });
    expect(found(await reconcile(h))).toEqual([`${ref} never-sent`]);
  });
});

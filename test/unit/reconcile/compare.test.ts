// The pure comparison: views built by hand, so each rule is seen on its own, including the ones the doubles make
// awkward to plant (a written shipment gone from Acumatica, a warehouse count that disagrees).
import { describe, expect, it } from 'vitest';
import { compareViews } from '../../../main/core/reconcile/compare.js';
import type { AcumaticaSide, DropStreamView, ThreeViews, WarehouseOrderView } from '../../../main/core/reconcile/views.js';

const ds = (ref: string, over: Partial<DropStreamView> = {}): DropStreamView => ({
  ref,
  state: 'done',
  acumaticaStatus: 'Completed',
  sent: true,
  wmsRef: `W-${ref}`,
  attention: null,
  fulfillments: [{ id: `f-${ref}`, state: 'written', shipmentNbr: `SH-${ref}`, trackingNumbers: ['1Z1'], packageCount: 1, units: 2 }],
  writtenByLine: { '1': 2 },
  updatedAt: '2026-12-01T00:00:00Z',
  ...over,
});
const acu = (ref: string, over: Partial<AcumaticaSide> = {}): AcumaticaSide => ({
  document: { ref, status: 'Completed', lastModified: '2026-12-01T00:00:00Z', shipmentNbrs: [`SH-${ref}`] },
  shipments: [{ shipmentNbr: `SH-${ref}`, status: 'Confirmed', trackingNumbers: ['1Z1'], packageCount: 1, shippedByLine: { [ref]: { '1': 2 } } }],
  missingShipments: [],
  ...over,
});
const wh = (ref: string, over: Partial<WarehouseOrderView> = {}): WarehouseOrderView => ({ orderRef: ref, status: 'shipped', wmsRef: `W-${ref}`, trackingNumbers: ['1Z1'], shippedUnits: 2, ...over });

function views(ref: string, a: AcumaticaSide | null, w: WarehouseOrderView | null, d: DropStreamView | null, live = true): ThreeViews {
  return {
    acumatica: new Map(a ? [[ref, a]] : []),
    warehouse: new Map(w ? [[ref, w]] : []),
    dropstream: new Map(d ? [[ref, d]] : []),
    warehouseLive: live,
    openStatuses: ['Open'],
  };
}
const kinds = (v: ThreeViews) => compareViews(v).map((d) => d.kind);

describe('compareViews', () => {
  it('three agreeing views give nothing', () => {
    expect(kinds(views('SO-1', acu('SO-1'), wh('SO-1'), ds('SO-1')))).toEqual([]);
  });

  it('a written shipment gone from Acumatica: writeback-differs, and writing again is offered', () => {
    const [d] = compareViews(views('SO-1', acu('SO-1', { shipments: [], missingShipments: ['SH-SO-1'] }), wh('SO-1'), ds('SO-1')));
    expect(d).toMatchObject({ kind: 'writeback-differs', actions: ['write-back-now', 're-read', 'mark-resolved'] });
    expect(d!.detail).toMatch(/SH-SO-1 is not in Acumatica/);
  });

  it('a shipment with fewer packages than were shipped: writeback-differs without writing again (it would post twice)', () => {
    const a = acu('SO-1');
    a.shipments[0]!.packageCount = 0;
    const [d] = compareViews(views('SO-1', a, wh('SO-1'), ds('SO-1')));
    expect(d).toMatchObject({ kind: 'writeback-differs', actions: ['re-read', 'mark-resolved'] });
  });

  it('the warehouse counts other units than it reported: quantity-differs', () => {
    expect(kinds(views('SO-1', acu('SO-1'), wh('SO-1', { shippedUnits: 3 }), ds('SO-1')))).toEqual(['quantity-differs']);
  });

  it('a warehouse that could not be asked never makes an order "unknown at the warehouse"', () => {
    expect(kinds(views('SO-1', acu('SO-1'), null, ds('SO-1'), false))).toEqual([]);
    expect(kinds(views('SO-1', acu('SO-1'), null, ds('SO-1'), true))).toEqual(['unknown-at-warehouse']);
  });

  it('an order cancelled before anything shipped agrees; cancelled and shipped does not, and is not also "not written back"', () => {
    const cancelled = acu('SO-1', { document: { ref: 'SO-1', status: 'Canceled', lastModified: '', shipmentNbrs: [] }, shipments: [] });
    expect(kinds(views('SO-1', cancelled, wh('SO-1', { status: 'cancelled', trackingNumbers: [], shippedUnits: null }), ds('SO-1', { state: 'cancelled', fulfillments: [], writtenByLine: {} })))).toEqual([]);
    const held = ds('SO-1', { state: 'writeback-failed', fulfillments: [{ id: 'f', state: 'held', shipmentNbr: null, trackingNumbers: ['1Z1'], packageCount: 1, units: 2 }], writtenByLine: {} });
    expect(kinds(views('SO-1', cancelled, wh('SO-1'), held))).toEqual(['cancelled-but-shipped']);
  });
});

// DropStream's own side of reconciliation, read from the database: the order row, the shipments the warehouse
// reported and where their write-back stands. Also "what was last seen" of the warehouse when it cannot be asked.
import type { OrderRecord, Store } from '../store/index.js';
import { writtenBackByLine } from '../sync/shipped.js';
import type { WarehouseOrderView } from '../wms/listing.js';
import type { DropStreamView } from './views.js';

export function dropStreamView(store: Store, rec: OrderRecord): DropStreamView {
  const fulfillments = store.fulfillments.forOrder(rec.ref).map((f) => ({
    id: f.id,
    state: f.state,
    shipmentNbr: f.shipmentNbr,
    trackingNumbers: f.fulfillment.packages.map((p) => p.trackingNumber.trim()).filter(Boolean),
    packageCount: f.fulfillment.packages.length,
    units: f.fulfillment.lines.reduce((n, l) => n + l.quantity, 0),
  }));
  return {
    ref: rec.ref,
    state: rec.state,
    acumaticaStatus: rec.acumaticaStatus,
    // A revision above 0 means a version went out (wms_ref is unset for adapters that give no id back).
    sent: rec.revision > 0 || rec.wmsRef !== null,
    wmsRef: rec.wmsRef,
    attention: rec.attention,
    fulfillments,
    writtenByLine: writtenBackByLine(store, rec),
    updatedAt: rec.updatedAt,
  };
}

/** The warehouse as DropStream last heard of it: sent orders are open there, reported shipments shipped. */
export function lastSeenWarehouse(view: DropStreamView): WarehouseOrderView | null {
  if (!view.sent) return null;
  const shipped = view.fulfillments.length > 0;
  return {
    orderRef: view.ref,
    status: view.state === 'cancelled' && !shipped ? 'cancelled' : shipped ? 'shipped' : 'open',
    wmsRef: view.wmsRef ?? '',
    trackingNumbers: view.fulfillments.flatMap((f) => f.trackingNumbers),
    shippedUnits: null,
  };
}

// What a warehouse can say about the orders it holds, for reconciliation (read-only). Each adapter that can list
// implements WmsAdapter.listOrders in its own folder; the engine never needs it, only the reconciliation does.
import type { OrderLookup } from './adapter.js';

export type WarehouseOrderStatus =
  | 'waiting' // the order file is delivered but the warehouse has not taken it yet (file exchange: still in in/)
  | 'open' // the warehouse has the order and has not shipped it
  | 'shipped' // the warehouse reports (part of) a shipment
  | 'cancelled'; // the warehouse cancelled it

export interface WarehouseOrderView {
  orderRef: string;
  status: WarehouseOrderStatus;
  /** The warehouse's own id (Extensiv orderId, the order file name). */
  wmsRef: string;
  /** Tracking numbers the warehouse reports for the order (all shipments). */
  trackingNumbers: string[];
  /** Units the warehouse reports shipped, in warehouse units; null when it does not say. */
  shippedUnits: number | null;
}

export interface WarehouseListQuery {
  /** ISO time: orders changed since then (adapters that can filter by date use it). */
  since: string;
  /** The references the other two sides know in the period (adapters that can only look up by reference use them). */
  refs: readonly string[];
  /** The orders as DropStream sent them: what an adapter needs to read a confirmation file. */
  lookup: OrderLookup;
}

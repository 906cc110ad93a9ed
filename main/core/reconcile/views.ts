// The words of reconciliation: the three views of one order (Acumatica, the warehouse, DropStream's own records),
// the kinds of disagreement between them and the actions that settle each.
import type { AcumaticaDocView, AcumaticaShipmentView } from '../acumatica/reconcile-read.js';
import type { OrderState } from '../domain/index.js';
import type { WarehouseOrderView } from '../wms/listing.js';

export type { AcumaticaDocView, AcumaticaShipmentView, WarehouseOrderView };

export const DISCREPANCY_KINDS = [
  'unknown-to-dropstream', // open in Acumatica, DropStream has no record of it
  'never-sent', // DropStream knows it, Acumatica still expects it shipped, it never went to the warehouse
  'unknown-at-warehouse', // DropStream sent it, the warehouse does not know it
  'shipped-not-written-back', // the warehouse shipped it, Acumatica has not been told
  'writeback-differs', // DropStream wrote a shipment back, Acumatica lacks it or has other tracking/packages
  'cancelled-but-shipped', // cancelled in Acumatica, shipped by the warehouse
  'quantity-differs', // what the warehouse shipped is not what Acumatica holds as shipped
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export const KIND_LABELS: Record<DiscrepancyKind, string> = {
  'unknown-to-dropstream': 'Open in Acumatica, unknown to DropStream',
  'never-sent': 'Known to DropStream, never sent',
  'unknown-at-warehouse': 'Sent, unknown at the warehouse',
  'shipped-not-written-back': 'Shipped at the warehouse, not written back',
  'writeback-differs': 'Written back, missing or different in Acumatica',
  'cancelled-but-shipped': 'Cancelled in Acumatica, shipped by the warehouse',
  'quantity-differs': 'Quantity shipped differs from quantity written',
};

export const RECONCILE_ACTIONS = ['send-now', 're-read', 'write-back-now', 'mark-resolved'] as const;
export type ReconcileAction = (typeof RECONCILE_ACTIONS)[number];

/** Acumatica's side of one order: the document and the shipments that concern it. */
export interface AcumaticaSide {
  document: AcumaticaDocView | null;
  shipments: AcumaticaShipmentView[];
  /** Shipments DropStream wrote that Acumatica no longer has. */
  missingShipments: string[];
}

export interface DropStreamFulfillmentView {
  id: string;
  state: 'pending' | 'written' | 'failed' | 'held';
  shipmentNbr: string | null;
  trackingNumbers: string[];
  packageCount: number;
  /** Units reported by the warehouse (warehouse units, as sent). */
  units: number;
}

/** DropStream's side: the order row and what it recorded of shipments and write-backs. */
export interface DropStreamView {
  ref: string;
  state: OrderState;
  acumaticaStatus: string;
  /** The warehouse has (or was given) a version of the order. */
  sent: boolean;
  wmsRef: string | null;
  attention: string | null;
  fulfillments: DropStreamFulfillmentView[];
  /** Quantity written back per Acumatica line (Acumatica units), over the fulfillments written. */
  writtenByLine: Record<string, number>;
  updatedAt: string;
}

export interface Discrepancy {
  kind: DiscrepancyKind;
  reference: string;
  /** One operator-facing sentence: what disagrees. */
  detail: string;
  acumatica: AcumaticaSide | null;
  warehouse: WarehouseOrderView | null;
  dropstream: DropStreamView | null;
  actions: ReconcileAction[];
}

export interface ThreeViews {
  acumatica: Map<string, AcumaticaSide>;
  /** null when the warehouse could not be asked and nothing was seen of it either. */
  warehouse: Map<string, WarehouseOrderView>;
  dropstream: Map<string, DropStreamView>;
  /** The warehouse answered now (false: the views are what DropStream last saw of it). */
  warehouseLive: boolean;
  /** The Acumatica statuses that mean "to be shipped" (the import statuses). */
  openStatuses: readonly string[];
}

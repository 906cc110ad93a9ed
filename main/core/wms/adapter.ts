// The WMS side of the engine. Every warehouse integration (file exchange, Extensiv, the demo's simulated
// warehouse, the in-memory one of the tests) implements this, and the engine knows nothing else about it.
import type { CheckResult } from '../checks.js';
import type { AttentionReason, Fulfillment, Order } from '../domain/index.js';
import type { WarehouseListQuery, WarehouseOrderView } from './listing.js';

export interface WmsOrderRef {
  /** The WMS's own id for the order (Extensiv orderId, the file name written, …). */
  wmsRef: string;
}

/** What the engine knows of an order the WMS reports on: used to validate confirmations before accepting them. */
export interface KnownOrder {
  /** The order as last sent to the WMS (lines carry the WMS SKU and the quantity sent). */
  order: Order;
  /** Quantity already reported shipped per lineRef (earlier partial shipments). */
  shippedByLine: Record<string, number>;
  /** Package keys (see packageKey) already recorded for this order. */
  knownPackages: ReadonlySet<string>;
}

export type OrderLookup = (orderRef: string) => KnownOrder | undefined;

/** One inbound unit (a confirmation file, an interchange, a polled page) whose fulfillments are taken whole. */
export interface InboundBatch {
  /** Stable identity; a batch id seen before is not applied twice. */
  id: string;
  /** Operator-facing name ("out/shp_0001.csv"). */
  source: string;
  fulfillments: Fulfillment[];
  /** Orders the WMS reports as rejected (e.g. a 997 that rejects a 940): they become failed with the reason. */
  rejectedOrders: { orderRef: string; reason: string }[];
  /** Called once the engine has durably recorded the batch (archive the file, send the 997, advance a cursor). */
  commit(): Promise<void>;
}

/** An inbound unit the adapter refused as a whole (already moved aside, e.g. to out/error/). */
export interface RejectedInbound {
  source: string;
  reasons: string[];
}

export interface CollectResult {
  batches: InboundBatch[];
  rejected: RejectedInbound[];
  /**
   * Orders the adapter wants shown as needing attention (e.g. an X12 940 with no 997 after the window), or, with
   * `note: null`, whose note of that `reason` no longer applies. Never overwrites a note of another reason.
   */
  attention?: AttentionNote[];
}

export interface AttentionNote {
  orderRef: string;
  note: string | null;
  /** The note's reason code: what the adapter may later clear or replace. */
  reason: AttentionReason;
}

export type CancelOutcome = { cancelled: true } | { cancelled: false; reason: string };

export interface WmsAdapter {
  /** Adapter id, as in settings: "file", "extensiv", "simulated", "memory". */
  readonly name: string;
  /** Can the WMS take a changed order ("change" replaces the whole order)? If not, changes are flagged. */
  readonly supportsChange: boolean;
  readonly supportsCancel: boolean;
  /**
   * How many sends and cancels (of different orders) the engine may have in flight at once; 1 when absent. Only an
   * adapter whose transport takes parallel calls safely raises it.
   */
  readonly maxConcurrentSends?: number;
  testConnection(): Promise<CheckResult[]>;
  /**
   * Looks the order up by reference. Called before sending when an earlier attempt's outcome is unknown, so a
   * retry never creates a second WMS order. Adapters that cannot look up return null and must make sendOrder
   * itself idempotent for the same (ref, action, revision).
   */
  findOrder(orderRef: string): Promise<WmsOrderRef | null>;
  /** Sends a new order or a full replacement. `revision` increases with every change sent for this order. */
  sendOrder(order: Order, action: 'new' | 'change', revision: number): Promise<WmsOrderRef>;
  cancelOrder(order: Order, revision: number): Promise<CancelOutcome>;
  /** Reads what the warehouse reported since last time. Must not lose a report if the engine crashes before commit. */
  collect(lookup: OrderLookup): Promise<CollectResult>;
  /** Read-only: what the warehouse knows of the orders in a period, for reconciliation. Absent: cannot list. */
  listOrders?(query: WarehouseListQuery): Promise<WarehouseOrderView[]>;
  close(): Promise<void>;
}

/** Durable key-value state an adapter may keep (host-key pins, control numbers, cursors), backed by SQLite. */
export interface AdapterState {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** Several values written together (one commit): all of them survive a crash, or none. */
  setMany(values: Record<string, string>): void;
  /** Next value of a named sequence, starting at 1; never returns the same value twice, survives restarts. */
  next(sequence: string): number;
}

// What the sync engine needs from Acumatica. The client in this folder implements it over the contract-based
// REST API; the engine's tests may use the real client against the Acumatica double.
import type { CheckResult } from '../checks.js';
import type { AcumaticaKey, Fulfillment, HeldImport, Order } from '../domain/index.js';
import type { CredentialName } from '../errors.js';
import type { AcumaticaReconcileReader } from './reconcile-read.js';

export type AcumaticaConnectionState =
  | 'not-configured'
  | 'connecting'
  | 'connected'
  | 'retrying' // transient trouble; `retryAt` says when
  | 'credentials-rejected'; // waits for the user: `credential` says what to renew

export interface AcumaticaConnection {
  state: AcumaticaConnectionState;
  /** Operator-facing sentence: what is wrong and what to do. */
  message: string;
  credential?: CredentialName;
  /** The server's own words (error_description, exceptionMessage). */
  serverMessage?: string;
  /** ISO time of the next attempt when retrying. */
  retryAt?: string;
  /** The endpoint version in use (detected or pinned). */
  endpointVersion?: string;
  /** A caution that does not stop work, e.g. an endpoint version the app was not tested with. */
  warning?: string;
}

export interface ImportRequest {
  /**
   * null: a full import of every document whose status is one of the import statuses.
   * An ISO timestamp: every document changed since then (minus the overlap window), WHATEVER its status, so the
   * engine also learns of cancellations, holds and edits of orders it already sent.
   */
  since: string | null;
  /** Called after each page with the running count, for progress bars. */
  onProgress?: (fetched: number) => void;
  signal?: AbortSignal;
}

export interface ImportResult {
  orders: Order[];
  held: HeldImport[];
  /** The newest change-tracking value seen (the next `since`), or the previous cursor when nothing came. */
  cursor: string | null;
}

/** A write-back prepared from an order and a fulfillment: the exact body that will be PUT, shown to the operator. */
export interface ShipmentPlan {
  mode: 'create' | 'update';
  /** In update mode (shipment mode) the Shipment being updated; in create mode set once created. */
  shipmentNbr: string | null;
  /** The PUT /Shipment body, value-wrapped, as it will be sent. */
  body: Record<string, unknown>;
  /** Tracking numbers of the packages this plan posts (for the duplicate check). */
  trackingNumbers: string[];
  /** The marker put in CustomRefNbr1 of each package this plan adds: the duplicate check without tracking numbers. */
  packageMarker?: string;
  /** The Acumatica warehouse of this shipment (one warehouse per shipment). */
  warehouseId?: string;
  /** Create mode: the sales order shipped (one open shipment per order and warehouse is looked up by it). */
  salesOrder?: { orderType: string; orderNbr: string };
  /** Create mode: the "DropStream <fulfillment>" marker the Shipment's Description carries (the lost-answer check). */
  shipmentMarker?: string;
  /** The quantity this plan ships (the ControlQty of a created shipment; added to an open one's when merged). */
  controlQty?: number;
  /**
   * Sales-order mode, an order whose shipped lines come from several warehouses: the shipments of the other
   * warehouses, each written (and confirmed) like this one. Absent or empty for one warehouse.
   */
  otherWarehouses?: ShipmentPlan[];
}

export interface AcumaticaGateway {
  connection(): AcumaticaConnection;
  /** Subscribe to connection changes; returns the unsubscribe. */
  onConnectionChange(listener: (c: AcumaticaConnection) => void): () => void;
  /** Every step of "Test connection", worded for an operator. Never throws. */
  testConnection(): Promise<CheckResult[]>;
  importOrders(request: ImportRequest): Promise<ImportResult>;
  /** The document as it is now in Acumatica: an Order, a HeldImport if it no longer maps, or null if it is gone. */
  fetchOrder(key: AcumaticaKey): Promise<Order | HeldImport | null>;
  /**
   * Pure: maps carrier/service to ShipVia and package types to BoxIDs using the settings. Throws AppError 'business'
   * with a clear reason when a mapping is missing (the write-back is held, not sent).
   */
  planShipment(order: Order, fulfillment: Fulfillment): ShipmentPlan;
  /**
   * Check-before-create: the Shipment that an earlier attempt of this plan may already have created or updated
   * (found by the order's shipments and their packages' tracking numbers), or null.
   */
  findExistingShipment(order: Order, plan: ShipmentPlan): Promise<string | null>;
  /**
   * PUT /Shipment. Returns the ShipmentNbr. A create plan may be sent as an update of this app's own open shipment
   * of the order and warehouse: the plan's mode, shipmentNbr and body are then set to what was actually sent.
   */
  putShipment(plan: ShipmentPlan): Promise<string>;
  /** ConfirmShipment action (202 + polling handled inside). A shipment already confirmed is success. */
  confirmShipment(shipmentNbr: string): Promise<void>;
  /** Called after the user saved new credentials: leave credentials-rejected and try again. */
  credentialsChanged(): void;
  /** Sign out (POST /entity/auth/logout) so sessions do not pile up against the licence. */
  logout(): Promise<void>;
  /** Requests sent so far (for benchmarks and status). */
  requestCount(): number;
  /** Read-only listing for reconciliation (see reconcile-read.ts); absent in gateways that cannot list. */
  reconcileReader?(): AcumaticaReconcileReader;
  /**
   * The running sync cycle's signal (aborted when its time is up), or undefined between cycles: every wait of a
   * call (limiter queue, retry backoff, action polls) ends with it (issue #18).
   */
  setCycleSignal?(signal: AbortSignal | undefined): void;
}

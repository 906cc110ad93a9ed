// The shapes the UI sees. Plain JSON, no secrets: the renderer never receives a secret back, only "saved".
import type { AcumaticaConnection } from '../core/acumatica/gateway.js';
import type { CheckResult } from '../core/checks.js';
import type { AttentionReason, Fulfillment, Order, OrderState, OrderStateFilter, StateCounts } from '../core/domain/index.js';
import type { ErrorInfo } from '../core/errors.js';
import type { SecretName } from '../core/secrets/secret-store.js';
import type { Settings } from '../core/settings/schema.js';
import type { ActivityRecord } from '../core/store/activity-repo.js';

export type { AcumaticaConnection, AttentionReason, CheckResult, ErrorInfo, Order, OrderState, OrderStateFilter, SecretName, Settings, StateCounts };

export interface WmsConnection {
  state: 'not-configured' | 'connected' | 'retrying' | 'credentials-rejected' | 'error';
  message: string;
  retryAt?: string;
  adapter?: string;
}

export interface StatusView {
  acumatica: AcumaticaConnection;
  wms: WmsConnection;
  /** Orders per state, plus `failed`: the three failed states together (kept from before they were split). */
  counts: StateCounts;
  paused: boolean;
  /** A cycle is running now. */
  syncing: boolean;
  lastPollAt: string | null;
  lastSuccessfulPollAt: string | null;
  nextPollAt: string | null;
  /** During a long import: how far it got. */
  progress: ProgressEvent | null;
  /** Steps of the running cycle that are taking long ("Confirming shipment 000123", 40 s). */
  slowSteps: { ref: string | null; label: string; startedAt: string; seconds: number }[];
  /** Orders imported and shipments written back per hour, last 24 hours, oldest first. */
  throughput: { hour: string; ordersIn: number; shipmentsOut: number }[];
  /** Operator warnings, e.g. "The shared secret expires on 2026-12-01: issue a new one in Acumatica". */
  warnings: string[];
  demo: boolean;
}

export interface OrderRow {
  ref: string;
  source: 'sales-order' | 'shipment';
  state: OrderState;
  customerId: string;
  shipToName: string;
  orderDate: string;
  lineCount: number;
  wmsRef: string | null;
  shipmentNbrs: string[];
  trackingNumbers: string[];
  lastError: ErrorInfo | null;
  /** Reason an order is held or flagged for the operator. */
  attention: string | null;
  /** The reason's code (what the UI may decide by). */
  attentionReason: AttentionReason | null;
  attempts: number;
  nextAttemptAt: string | null;
  updatedAt: string;
}

export interface FulfillmentView {
  fulfillment: Fulfillment;
  state: 'pending' | 'written' | 'failed' | 'held';
  shipmentNbr: string | null;
  confirmed: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: ErrorInfo | null;
  /** The exact PUT /Shipment body that was (or will be) sent, when it could be prepared. */
  payload: unknown;
}

/** One entry of the activity log, as the store keeps it. */
export type ActivityEntry = ActivityRecord;

export interface LineView {
  lineRef: string;
  inventoryId: string;
  sku: string;
  uom: string;
  description: string;
  ordered: number;
  sent: number;
  shipped: number;
}

export interface OrderDetail {
  row: OrderRow;
  /** The order as imported from Acumatica (latest). */
  order: Order | null;
  /** For held imports: the raw record as received. */
  raw: unknown;
  lines: LineView[];
  fulfillments: FulfillmentView[];
  timeline: ActivityEntry[];
  /** The exact order sent (or to be sent) to the WMS. */
  wmsPayload: unknown;
}

export interface SkuMapping {
  inventoryId: string;
  /** Empty = any unit of measure. */
  uom: string;
  sku: string;
  /** WMS units per Acumatica unit. */
  factor: number;
  /** Kit: components that replace this line at the WMS (sku and quantity per kit). */
  components: { sku: string; quantity: number }[];
}

export interface SettingsView {
  settings: Settings;
  /** Which secrets are saved: values are never sent to the UI. */
  secretsSaved: Record<SecretName, boolean>;
  /** Where the secrets are kept ("OS keychain", "environment variables"). */
  secretStore: string;
  dataDir: string;
  /** The warehouse adapters the core knows (its adapter registry), in the order to offer them. */
  wmsAdapters: WmsAdapterChoice[];
}

/** A warehouse adapter as the wizard offers it. */
export interface WmsAdapterChoice {
  /** The `adapter` value of its settings. */
  id: string;
  label: string;
  /** 'when-chosen': offered only when the settings already use it (the demo warehouse). */
  offered: 'always' | 'when-chosen';
}

export interface ProgressEvent {
  phase: 'import' | 'send' | 'collect' | 'writeback';
  done: number;
  total: number | null;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  shell: 'desktop' | 'browser';
  demo: boolean;
}

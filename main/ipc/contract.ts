// The one typed API between the UI and the core, used by both shells: Electron IPC (preload) and HTTP + SSE
// (the headless `dropstream serve`). Inputs are validated in main with the schemas of ./schemas.ts before use.
import type { z } from 'zod';
import type { ErrorInfo } from '../core/errors.js';
import type * as S from './schemas.js';
import type {
  ActivityEntry,
  AppInfo,
  CheckResult,
  OrderDetail,
  OrderRow,
  ProgressEvent,
  SettingsView,
  SkuMapping,
  StatusView,
} from './views.js';
import type { ReconcileFinished, ReconcileProgress, ReconcileReport } from './reconcile-views.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

type In<T extends z.ZodType> = z.input<T>;

/** Every request: channel -> [input, result]. */
export interface Requests {
  'app.info': [In<typeof S.empty>, AppInfo];
  'status.get': [In<typeof S.empty>, StatusView];
  'orders.list': [In<typeof S.ordersList>, { total: number; rows: OrderRow[] }];
  'orders.get': [In<typeof S.orderRef>, OrderDetail];
  'orders.exportCsv': [In<typeof S.ordersList>, { csv: string; fileName: string }];
  'orders.retry': [In<typeof S.retry>, { retried: number }];
  'orders.markResolved': [In<typeof S.refs>, { resolved: number }];
  'sync.now': [In<typeof S.empty>, { started: boolean }];
  'sync.pause': [In<typeof S.empty>, { paused: boolean }];
  'sync.resume': [In<typeof S.empty>, { paused: boolean }];
  'settings.get': [In<typeof S.empty>, SettingsView];
  /** Saves a full section after validating it; invalid input returns invalid-input with `fields`. */
  'settings.save': [In<typeof S.settingsSave>, SettingsView];
  /** Secrets go straight to the SecretStore; the value never comes back. */
  'secrets.save': [In<typeof S.secretSave>, { saved: true }];
  /** Tests a draft (not yet saved) or the saved Acumatica connection. */
  'connection.testAcumatica': [In<typeof S.testAcumatica>, CheckResult[]];
  'connection.testWms': [In<typeof S.testWms>, CheckResult[]];
  'sku.list': [In<typeof S.search>, SkuMapping[]];
  'sku.save': [In<typeof S.skuSave>, { saved: number }];
  'sku.delete': [In<typeof S.skuDelete>, { deleted: number }];
  'sku.importCsv': [In<typeof S.skuImport>, { imported: number; errors: string[] }];
  'sku.exportCsv': [In<typeof S.empty>, { csv: string; fileName: string }];
  /** Orders held because the WMS reported an unknown SKU. */
  'sku.heldOrders': [In<typeof S.empty>, OrderRow[]];
  'activity.list': [In<typeof S.activityList>, { total: number; rows: ActivityEntry[] }];
  /** Desktop: opens an allow-listed https URL in the system browser. Browser shell: returns it to open. */
  'app.openExternal': [In<typeof S.openExternal>, { opened: boolean }];
  /** Starts a reconciliation (or joins the running one); progress and the end come as events. */
  'reconcile.run': [In<typeof S.reconcileRun>, { started: boolean }];
  /** The last finished reconciliation, or null before the first. */
  'reconcile.last': [In<typeof S.empty>, ReconcileReport | null];
  /** Applies one action to one discrepancy (send now, re-read, write back now, mark resolved with a note). */
  'reconcile.apply': [In<typeof S.reconcileApply>, { message: string }];
  'reconcile.exportCsv': [In<typeof S.empty>, { csv: string; fileName: string }];
}

export type Channel = keyof Requests;
export type RequestInput<C extends Channel> = Requests[C][0];
export type RequestResult<C extends Channel> = Requests[C][1];

/** Every pushed event: small, so the UI refetches only what it touches. */
export interface Events {
  'orders.changed': { refs: string[] };
  'counts.changed': Record<string, never>;
  'connection.changed': { side: 'acumatica' | 'wms' };
  'settings.changed': Record<string, never>;
  progress: ProgressEvent;
  'activity.added': { count: number };
  'reconcile.progress': ReconcileProgress;
  'reconcile.finished': ReconcileFinished;
}

export type EventName = keyof Events;

/** What the core offers both shells: one handler per channel, and a subscription to events. */
export type Handlers = { [C in Channel]: (input: unknown) => Promise<Result<RequestResult<C>>> };

/** What the renderer talks to: the same in Electron (preload bridge) and in the browser (HTTP + SSE). */
export interface Api {
  request<C extends Channel>(channel: C, input: RequestInput<C>): Promise<Result<RequestResult<C>>>;
  /** Returns the unsubscribe. */
  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export const CHANNELS = [
  'app.info',
  'status.get',
  'orders.list',
  'orders.get',
  'orders.exportCsv',
  'orders.retry',
  'orders.markResolved',
  'sync.now',
  'sync.pause',
  'sync.resume',
  'settings.get',
  'settings.save',
  'secrets.save',
  'connection.testAcumatica',
  'connection.testWms',
  'sku.list',
  'sku.save',
  'sku.delete',
  'sku.importCsv',
  'sku.exportCsv',
  'sku.heldOrders',
  'activity.list',
  'app.openExternal',
  'reconcile.run',
  'reconcile.last',
  'reconcile.apply',
  'reconcile.exportCsv',
] as const satisfies readonly Channel[];

export const EVENT_NAMES = [
  'orders.changed',
  'counts.changed',
  'connection.changed',
  'settings.changed',
  'progress',
  'activity.added',
  'reconcile.progress',
  'reconcile.finished',
] as const satisfies readonly EventName[];

// Compile-time proof that the lists name every channel and event.
type MissingChannel = Exclude<Channel, (typeof CHANNELS)[number]>;
type MissingEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
export const contractIsComplete: [MissingChannel, MissingEvent] extends [never, never] ? true : never = true;

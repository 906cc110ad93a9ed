// The sections of the settings that are the same whatever the warehouse: Acumatica and the app. Plain zod with no
// adapter code behind it, so the contract and the renderer can use these schemas (schema.ts adds the `wms` section
// from the adapter registry). Secrets (shared secret, passwords, refresh token, keys) are never here: they live in
// the SecretStore.
import { z } from 'zod';
import { SETTINGS_VERSION } from './migrate.js';

const clientIdPattern = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}@.+$/;

export const acumaticaSettingsSchema = z.object({
  /** https://company.acumatica.com or an on-premise base URL (with the instance's virtual folder if any). */
  url: z.url({ message: 'Enter the Instance URL, e.g. https://yourcompany.acumatica.com' }),
  /** GUID@Tenant: the part after @ picks the tenant. */
  clientId: z.string().regex(clientIdPattern, 'The Client ID looks like 8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Company'),
  username: z.string().min(1, 'Enter the Acumatica user name'),
  /** Pinned contract version (e.g. 24.200.001); empty = newest Default the instance offers. */
  endpointVersion: z.string().regex(/^\d{2}\.\d{3}\.\d{3}$/, 'Use a version like 24.200.001').optional(),
  mode: z.enum(['sales-orders', 'shipments']).default('sales-orders'),
  /** Status labels that make a document ready to fulfil. */
  statuses: z.array(z.string().min(1)).min(1).default(['Open']),
  /**
   * Sales-order mode: only these order types (empty = every type). SO by default: quotes (QT) are also "Open" and
   * must never reach a warehouse. Settings files written before version 2 are migrated (see migrate.ts).
   */
  orderTypes: z.array(z.string().min(1)).default(['SO']),
  /** Only documents of this warehouse (empty = all). */
  warehouseId: z.string().default(''),
  /** Custom CA bundle (PEM) for on-premise instances with a private CA. Verification is never turned off. */
  caFile: z.string().optional(),
  /** Records per list request ($top) of an import; key paging keeps each page cheap for the server. */
  pageSize: z.number().int().min(10).max(1000).default(100),
  requestsPerMinute: z.number().int().min(1).max(6000).default(60),
  /**
   * Requests at once. With the usual `api offline_access` grant Acumatica runs one session per grant and a session
   * takes one request at a time, so more than 1 is used only with concurrentAccess (#14 item 13).
   */
  maxConcurrent: z.number().int().min(1).max(50).default(1),
  /** Ask for the `api:concurrent_access` scope (the Connected Application must allow it); only then maxConcurrent > 1 applies. */
  concurrentAccess: z.boolean().default(false),
  /** ConfirmShipment and other 202 actions: first wait between status polls, longest wait (doubling), give-up time. */
  actionPollSeconds: z.number().min(0.05).max(60).default(0.5),
  actionPollMaxSeconds: z.number().min(0.1).max(300).default(5),
  actionTimeoutSeconds: z.number().int().min(5).max(3600).default(120),
  /** Overlap of incremental polls, to catch records committed out of order. */
  overlapSeconds: z.number().int().min(0).max(86_400).default(120),
  /** Full reconcile period. */
  reconcileMinutes: z.number().int().min(5).default(360),
  confirmShipments: z.boolean().default(true),
  /** Shared Secret "Expires On" date (ISO date) so the app can warn two weeks ahead. */
  secretExpiresOn: z.string().optional(),
  /** WMS carrier/service ("UPS|Ground", or just "UPS") -> Acumatica Ship Via code. */
  shipViaMap: z.record(z.string(), z.string()).default({}),
  /** When no mapping matches: use the order's own ShipVia (true) or hold the write-back (false). */
  shipViaFallbackToOrder: z.boolean().default(true),
  /** WMS package type -> Acumatica Box ID. */
  boxMap: z.record(z.string(), z.string()).default({}),
  /** Box ID used when the package type is empty or unmapped; empty = hold the write-back. */
  defaultBoxId: z.string().default(''),
  /**
   * Send each package's contents (items, quantities, lot/serial numbers). Acumatica refuses the whole shipment when a
   * content row matches no shipment split ("No suitable items found to pack"); false sends packages only. Unset = true.
   */
  packageContents: z.boolean().optional(),
  /**
   * Sales-order lines of these Line Types go to the warehouse. Unset = "Goods for Inventory" and "Non-Inventory
   * Goods" (a non-stock item that requires shipment); "Misc. Charge" lines are never shipped.
   */
  shipLineTypes: z.array(z.string().min(1)).optional(),
  /** InventoryIDs that are lot/serial tracked in Acumatica, when the order line does not show it (no LotSerialNbr yet). */
  lotSerialItems: z.array(z.string().min(1)).optional(),
});

export const appSettingsSchema = z.object({
  pollIntervalSeconds: z.number().int().min(10).max(86_400).default(60),
  paused: z.boolean().default(false),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  startAtLogin: z.boolean().default(false),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Attempts of a job before it is failed for the operator (transient errors only; business errors fail at once). */
  maxAttempts: z.number().int().min(1).max(1000).default(50),
  /** Daily reconciliation at this local time (HH:MM); absent: only when started by hand. */
  reconcileDailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the time as HH:MM, e.g. 06:30').optional(),
  /**
   * Longest a sync cycle may take (issue #18). When it is up, running steps stop at their next wait and stay queued
   * with what they recorded; the next cycle goes on. The engine also keeps it under 3/4 of the poll interval.
   */
  cycleDeadlineSeconds: z.number().int().min(5).max(3600).default(40),
});

/** The deadline a cycle really gets: the setting, but never more than 3/4 of the poll interval. */
export function cycleDeadlineMs(app: AppSettings): number {
  return Math.min(app.cycleDeadlineSeconds, Math.max(5, app.pollIntervalSeconds * 0.75)) * 1000;
}

/** Requests Acumatica gets at once: 1 unless the session was granted concurrent access. */
export function acumaticaConcurrency(a: AcumaticaSettings): number {
  return a.concurrentAccess ? a.maxConcurrent : 1;
}

/** The whole settings file, with the `wms` section the caller's adapter registry validates. */
export function settingsSchemaWith<W extends z.ZodType>(wms: W) {
  return z.object({
    /** Schema version of this file; older files are brought forward by migrateSettings before parsing. */
    version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
    acumatica: acumaticaSettingsSchema.optional(),
    wms: wms.optional(),
    app: appSettingsSchema.default(appSettingsSchema.parse({})),
  });
}

export type AcumaticaSettings = z.infer<typeof acumaticaSettingsSchema>;
export type AppSettings = z.infer<typeof appSettingsSchema>;

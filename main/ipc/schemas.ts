// Input schemas of every request. Main treats every input as unknown and parses it with these before use.
import { z } from 'zod';
import type { Channel } from './contract.js';
import { FAILED_STATES, ORDER_STATE_FILTERS } from '../core/domain/states.js';
import { DISCREPANCY_KINDS, RECONCILE_ACTIONS } from '../core/reconcile/views.js';
import { SECRET_NAMES } from '../core/secrets/secret-store.js';
import { acumaticaSettingsSchema, appSettingsSchema } from '../core/settings/sections.js';

export const empty = z.object({}).strict().optional().default({});

const ref = z.string().min(1).max(200);

export const orderRef = z.object({ ref }).strict();
export const refs = z.object({ refs: z.array(ref).min(1).max(100_000) }).strict();

export const ordersList = z
  .object({
    /** A state, or `failed` for the three failed states together. */
    state: z.enum(ORDER_STATE_FILTERS).optional(),
    search: z.string().max(200).optional(),
    sort: z.enum(['ref', 'customerId', 'orderDate', 'state', 'updatedAt']).default('updatedAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100_000).default(200),
  })
  .strict();

export const retry = z.union([
  z.object({ refs: z.array(ref).min(1).max(100_000) }).strict(),
  // `state`: only the orders in that failed state (the UI's "Failed write-backs" retries writeback-failed only).
  z.object({ allFailed: z.literal(true), state: z.enum(FAILED_STATES).optional() }).strict(),
]);

/**
 * The warehouse section's shape only: which adapters exist is the core's adapter registry, so the core validates the
 * rest with the registry's schema (and this module stays free of adapter code for the renderer).
 */
export const wmsSettingsShape = z.object({ adapter: z.string().min(1, 'Choose a warehouse adapter') }).loose();

export const settingsSave = z.discriminatedUnion('section', [
  z.object({ section: z.literal('acumatica'), value: acumaticaSettingsSchema }).strict(),
  z.object({ section: z.literal('wms'), value: wmsSettingsShape }).strict(),
  z.object({ section: z.literal('app'), value: appSettingsSchema }).strict(),
]);

export const secretSave = z
  .object({ name: z.enum(SECRET_NAMES).exclude(['acumatica.refreshToken']), value: z.string().min(1).max(20_000) })
  .strict();

/** A draft to test before saving; secrets in the draft are used for the test only and never stored by it. */
export const testAcumatica = z
  .object({
    settings: acumaticaSettingsSchema.optional(),
    sharedSecret: z.string().max(2_000).optional(),
    password: z.string().max(2_000).optional(),
  })
  .strict()
  .optional()
  .default({});

export const testWms = z.object({ settings: wmsSettingsShape.optional() }).strict().optional().default({});

export const search = z.object({ search: z.string().max(200).optional() }).strict().optional().default({});

export const skuMapping = z
  .object({
    inventoryId: z.string().trim().min(1, 'Enter the Acumatica Inventory ID').max(100),
    uom: z.string().trim().max(20).default(''),
    sku: z.string().trim().min(1, 'Enter the warehouse SKU').max(100),
    factor: z.number().positive('The factor must be more than 0').default(1),
    components: z.array(z.object({ sku: z.string().trim().min(1).max(100), quantity: z.number().positive() })).default([]),
  })
  .strict();

export const skuSave = z.object({ rows: z.array(skuMapping).min(1).max(100_000) }).strict();
export const skuDelete = z.object({ inventoryId: z.string().min(1), uom: z.string().default('') }).strict();
export const skuImport = z.object({ csv: z.string().max(20_000_000) }).strict();

export const activityList = z
  .object({
    search: z.string().max(200).optional(),
    orderRef: ref.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5_000).default(200),
  })
  .strict()
  .optional()
  .default({ offset: 0, limit: 200 });

export const openExternal = z.object({ url: z.string().max(2_000) }).strict();

export const reconcileRun = z
  .object({ since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the period start as YYYY-MM-DD').optional() })
  .strict()
  .optional()
  .default({});

export const reconcileApply = z
  .object({
    reference: ref,
    kind: z.enum(DISCREPANCY_KINDS),
    action: z.enum(RECONCILE_ACTIONS),
    detail: z.string().max(5_000),
    note: z.string().max(2_000).optional(),
  })
  .strict();

export const requestSchemas = {
  'app.info': empty,
  'status.get': empty,
  'orders.list': ordersList,
  'orders.get': orderRef,
  'orders.exportCsv': ordersList,
  'orders.retry': retry,
  'orders.markResolved': refs,
  'sync.now': empty,
  'sync.pause': empty,
  'sync.resume': empty,
  'settings.get': empty,
  'settings.save': settingsSave,
  'secrets.save': secretSave,
  'connection.testAcumatica': testAcumatica,
  'connection.testWms': testWms,
  'sku.list': search,
  'sku.save': skuSave,
  'sku.delete': skuDelete,
  'sku.importCsv': skuImport,
  'sku.exportCsv': empty,
  'sku.heldOrders': empty,
  'activity.list': activityList,
  'app.openExternal': openExternal,
  'reconcile.run': reconcileRun,
  'reconcile.last': empty,
  'reconcile.apply': reconcileApply,
  'reconcile.exportCsv': empty,
} as const satisfies Record<Channel, z.ZodType>;

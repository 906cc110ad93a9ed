// Settings of the Extensiv 3PL Warehouse Manager adapter (issue 10). The client secret lives in the keychain.
import { z } from 'zod';

export const extensivRoutingSchema = z.object({ carrier: z.string(), mode: z.string(), scac: z.string() });

export const extensivSettingsSchema = z.object({
  adapter: z.literal('extensiv'),
  baseUrl: z.url({ message: 'Enter the Extensiv API base URL, e.g. https://secure-wms.com' }),
  clientId: z.string().min(1, 'Enter the Extensiv client id'),
  /**
   * The API user: its login name (sent as `user_login`) or its numeric user id (all digits, sent as `user_login_id`).
   * The key keeps its old name so existing settings files still read.
   */
  userLoginId: z.string().trim().min(1, 'Enter the API user: its login name, or its numeric user id'),
  customerId: z.number().int().positive(),
  facilityId: z.number().int().positive(),
  tpl: z.string().optional(),
  /** pgsiz when polling: 1000 is the documented maximum of GET /orders (more is an error). */
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /**
   * Acumatica ShipVia -> Extensiv routing (carrier, mode, SCAC). The key "*" is the fallback for any other ShipVia;
   * without it an unmapped ShipVia is refused so no order leaves with a guessed carrier.
   */
  routing: z.record(z.string(), extensivRoutingSchema).default({}),
  /** POST /orders is not idempotent: look the reference up before every create (one extra GET per order). */
  lookupBeforeCreate: z.boolean().default(true),
  /** Units of package weights and dimensions: the measurement system of the facility. */
  measurement: z.enum(['imperial', 'metric']).default('imperial'),
  /** Shipped orders are polled from (last seen lastModifiedDate - overlap): Extensiv dates carry no time zone. */
  pollOverlapMinutes: z.number().int().min(0).max(24 * 60).default(10),
  /** How far back the first poll looks, before any cursor exists. */
  initialLookbackDays: z.number().int().min(1).max(365).default(7),
  /**
   * An Extensiv qualifier tells apart items that share one SKU (e.g. "SKU-1" qualifier "CS" and "SKU-1" qualifier
   * "EA" are two items); it is not a unit and converts nothing. Turn this on only when the warehouse set up its items
   * with qualifiers spelled like your Acumatica units: the line's UOM then picks the item. Was `sendUomAsQualifier`.
   */
  uomPicksItemQualifier: z.boolean().default(false),
});

export type ExtensivSettings = z.infer<typeof extensivSettingsSchema>;
export type ExtensivRouting = z.infer<typeof extensivRoutingSchema>;

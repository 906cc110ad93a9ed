// Settings of the Extensiv 3PL Warehouse Manager adapter (issue 10). The client secret lives in the keychain.
import { z } from 'zod';

export const extensivSettingsSchema = z.object({
  adapter: z.literal('extensiv'),
  baseUrl: z.url({ message: 'Enter the Extensiv API base URL, e.g. https://secure-wms.com' }),
  clientId: z.string().min(1, 'Enter the Extensiv client id'),
  userLoginId: z.string().min(1, 'Enter the user login id'),
  customerId: z.number().int().positive(),
  facilityId: z.number().int().positive(),
  tpl: z.string().optional(),
  pageSize: z.number().int().min(1).max(1000).default(100),
  /** Acumatica ShipVia -> Extensiv routing (carrier, mode, SCAC). */
  routing: z.record(z.string(), z.object({ carrier: z.string(), mode: z.string(), scac: z.string() })).default({}),
});

export type ExtensivSettings = z.infer<typeof extensivSettingsSchema>;

// Extensiv 3PL Warehouse Manager as the registry knows it (docs/extensiv.md).
import { onOffFlag, type WmsAdapterDescriptor } from '../descriptor.js';
import { createExtensivAdapter } from './adapter.js';
import { extensivSettingsSchema, type ExtensivSettings } from './settings.js';

export const extensivDescriptor = {
  id: 'extensiv',
  label: 'Extensiv 3PL Warehouse Manager',
  offered: 'always',
  settingsSchema: extensivSettingsSchema,
  secretsFor: () => [{ name: 'wms.extensiv.clientSecret', label: 'Extensiv client secret' }],
  create: (s, deps) => createExtensivAdapter(s, deps),
  cli: {
    options: [
      { flags: '--url <url>', description: 'Extensiv: API base URL' },
      { flags: '--client-id <id>', description: 'Extensiv: client id' },
      { flags: '--user-login <login>', description: "Extensiv: the API user's login name, or its numeric user id (all digits)" },
      { flags: '--customer-id <n>', description: 'Extensiv: customer id', number: true },
      { flags: '--facility-id <n>', description: 'Extensiv: facility id', number: true },
      { flags: '--tpl <guid>', description: 'Extensiv: 3PL key (tpl) when the credentials need it' },
      {
        flags: '--extensiv-uom-qualifier <on|off>',
        description: "Extensiv: the line's UOM picks the item qualifier (default off; only for items set up with qualifiers spelled like Acumatica units)",
      },
    ],
    settingsFrom: (o) => ({
      adapter: 'extensiv',
      baseUrl: o.url,
      clientId: o.clientId,
      userLoginId: o.userLogin,
      customerId: o.customerId,
      facilityId: o.facilityId,
      ...(o.tpl ? { tpl: o.tpl } : {}),
      ...(o.extensivUomQualifier !== undefined ? { uomPicksItemQualifier: onOffFlag(o.extensivUomQualifier, '--extensiv-uom-qualifier') } : {}),
    }),
  },
} satisfies WmsAdapterDescriptor<ExtensivSettings>;

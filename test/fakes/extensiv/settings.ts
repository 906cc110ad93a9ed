// Adapter settings pointing at a running Extensiv double, for engine round-trip tests.
import { extensivSettingsSchema, type ExtensivSettings } from '../../../main/core/wms/extensiv/settings.js';
import type { ExtensivDouble } from './double.js';

/** Settings for `double` with ShipVia UPSGROUND routed to UPS Ground, plus any overrides. */
export function extensivSettingsFor(double: ExtensivDouble, overrides: Partial<ExtensivSettings> = {}): ExtensivSettings {
  return extensivSettingsSchema.parse({
    adapter: 'extensiv',
    baseUrl: double.url,
    clientId: double.credentials.clientId,
    userLoginId: double.credentials.userLoginId,
    ...double.settingsIds(),
    ...(double.credentials.tpl ? { tpl: double.credentials.tpl } : {}),
    routing: { UPSGROUND: { carrier: 'UPS', mode: 'Ground', scac: 'UPSN' } },
    ...overrides,
  });
}

// The demo's simulated warehouse as the registry knows it: offered in the wizard only where it is already in use.
import type { WmsAdapterDescriptor } from '../descriptor.js';
import { createSimulatedWarehouse } from './adapter.js';
import { simulatedSettingsSchema, type SimulatedSettings } from './settings.js';

export const simulatedDescriptor = {
  id: 'simulated',
  label: 'Simulated warehouse (demo)',
  offered: 'when-chosen',
  settingsSchema: simulatedSettingsSchema,
  secretsFor: () => [],
  create: (s, deps) => createSimulatedWarehouse(s, deps),
  cli: {
    options: [{ flags: '--ship-after <seconds>', description: 'simulated: seconds until the demo warehouse ships', number: true }],
    settingsFrom: (o) => ({ adapter: 'simulated', ...(o.shipAfter !== undefined ? { shipAfterSeconds: o.shipAfter } : {}) }),
  },
} satisfies WmsAdapterDescriptor<SimulatedSettings>;

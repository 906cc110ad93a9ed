// The Extensiv API double and its helpers, for unit, integration and engine round-trip tests.
export { startExtensivDouble, ORDER_REL, ITEM_REL, type ExtensivDouble, type ExtensivDoubleOptions, type Injection, type LoggedRequest } from './double.js';
export type { ShipOptions, ShipPackage, WireOrder } from './model.js';
export { extensivSettingsFor } from './settings.js';

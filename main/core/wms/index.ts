// Builds the configured WMS adapter from the registry in use (registry.ts); the production list by default.
import type { WmsAdapter } from './adapter.js';
import type { WmsDeps } from './deps.js';
import type { WmsSettingsBase } from './descriptor.js';
import { builtInWmsAdapters, createWmsAdapterFrom } from './registry.js';

export type WmsFactory = (settings: WmsSettingsBase, deps: WmsDeps) => WmsAdapter;

export const createWmsAdapter: WmsFactory = (settings, deps) => createWmsAdapterFrom(builtInWmsAdapters, settings, deps);

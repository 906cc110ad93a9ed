// Builds the configured WMS adapter. The only place that knows every adapter.
import type { WmsSettings } from '../settings/schema.js';
import { AppError } from '../errors.js';
import type { WmsAdapter } from './adapter.js';
import type { WmsDeps } from './deps.js';
import { createExtensivAdapter } from './extensiv/adapter.js';
import { createFileExchangeAdapter } from './file-exchange/adapter.js';
import { createCsvFormat } from './file-exchange/csv/format.js';
import { createX12Format } from './file-exchange/x12/format.js';
import { x12ProfileSchema } from './file-exchange/x12/settings.js';
import { createSimulatedWarehouse } from './simulated/adapter.js';

export type WmsFactory = (settings: WmsSettings, deps: WmsDeps) => WmsAdapter;

export const createWmsAdapter: WmsFactory = (settings, deps) => {
  switch (settings.adapter) {
    case 'file': {
      const format = settings.format === 'x12' ? createX12Format(settings.x12 ?? x12ProfileSchema.parse({})) : createCsvFormat();
      return createFileExchangeAdapter(settings, deps, format);
    }
    case 'extensiv':
      return createExtensivAdapter(settings, deps);
    case 'simulated':
      return createSimulatedWarehouse(settings, deps);
    case 'memory':
      throw new AppError('config', 'The "memory" warehouse exists only in tests. Choose a file exchange, Extensiv or the demo warehouse.');
  }
};

// The side effects every WMS adapter receives from the engine's host (app or CLI).
import type { Clock } from '../clock.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { AdapterState } from './adapter.js';

export interface WmsDeps {
  secrets: SecretStore;
  /** Durable state namespaced to this adapter. */
  state: AdapterState;
  clock: Clock;
  logger: Logger;
}

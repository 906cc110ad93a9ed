// Shared set-up of the Acumatica integration tests: a double, settings pointing at it, a memory secret store and
// the real gateway. Each test gets its own double; closed after the test.
import { afterEach } from 'vitest';
import { createAcumaticaGateway, type AcumaticaGatewayDeps } from '../../../main/core/acumatica/client.js';
import type { AcumaticaGateway } from '../../../main/core/acumatica/gateway.js';
import { systemClock, type Clock } from '../../../main/core/clock.js';
import { AppError } from '../../../main/core/errors.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { acumaticaSettingsSchema, type AcumaticaSettings } from '../../../main/core/settings/schema.js';
import { MemorySecretStore } from '../../helpers/secrets.js';
import { startAcumaticaDouble, type AcumaticaDouble, type AcumaticaDoubleOptions } from '../../fakes/acumatica/server.js';

export interface Harness {
  double: AcumaticaDouble;
  secrets: MemorySecretStore;
  settings: AcumaticaSettings;
  gateway: AcumaticaGateway;
  /** A new gateway over the same double and secrets (e.g. after a restart or with other settings). */
  makeGateway(overrides?: Partial<AcumaticaSettings>, deps?: Partial<AcumaticaGatewayDeps>): AcumaticaGateway;
}

/** Retries fast in tests: the behaviour is the same, the waits are short. */
export const fastTuning = { retryBaseMs: 20, retryMaxMs: 200, actionPollMs: 20 };

export function useAcumatica(): (opts?: { double?: AcumaticaDoubleOptions; settings?: Partial<AcumaticaSettings>; clock?: Clock }) => Promise<Harness> {
  const open: AcumaticaDouble[] = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close();
  });
  return async (opts = {}) => {
    const double = await startAcumaticaDouble(opts.double);
    open.push(double);
    const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
    const settings = acumaticaSettingsSchema.parse({
      url: double.url,
      clientId: double.credentials.clientId,
      username: double.credentials.username,
      requestsPerMinute: 6000,
      maxConcurrent: 4,
      ...opts.settings,
    });
    const makeGateway = (overrides: Partial<AcumaticaSettings> = {}, deps: Partial<AcumaticaGatewayDeps> = {}): AcumaticaGateway =>
      createAcumaticaGateway({
        settings: { ...settings, ...overrides },
        secrets,
        clock: opts.clock ?? systemClock,
        logger: silentLogger,
        random: () => 0.5,
        tuning: fastTuning,
        ...deps,
      });
    return { double, secrets, settings, gateway: makeGateway(), makeGateway };
  };
}

/** Requests of the double under the contract-based API (not the token endpoint). */
export function entityRequests(double: AcumaticaDouble): AcumaticaDouble['requests'] {
  return double.requests.filter((r) => r.path.startsWith('/entity/Default/'));
}

/** Ship Via and Box ID mappings the write-back tests plan with. */
export const mappings = { shipViaMap: { 'UPS|Ground': 'UPSGROUND', FEDEX: 'FEDEXGROUND' }, boxMap: { 'BOX-M': 'MEDIUM' }, defaultBoxId: 'LARGE' };

/** The AppError a call fails with (a promise, or a function that throws or rejects); fails the test if none. */
export async function failure(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

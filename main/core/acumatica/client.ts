// The Acumatica gateway: composes the HTTP layer, sign-in, endpoint version, import, mapping and write-back, and
// keeps the connection state the UI shows (connected, retrying with a time, or waiting for new credentials).
import type { Clock } from '../clock.js';
import type { AcumaticaKey } from '../domain/index.js';
import { AppError, toAppError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { acumaticaConcurrency, type AcumaticaSettings } from '../settings/schema.js';
import { backoffDelay } from '../policy/backoff.js';
import { createApi } from './api.js';
import { createTokenManager } from './auth.js';
import { isNoEntity } from './classify.js';
import { createConnectionHolder } from './connection.js';
import { chooseDefaultVersion } from './endpoint.js';
import type { AcumaticaConnection, AcumaticaGateway } from './gateway.js';
import { createHttp, defaultTuning, type HttpTuning } from './http.js';
import { importDocuments, type KeysFirstMemo } from './import.js';
import { mapSalesOrder, salesOrderMapOptions } from './map-sales-order.js';
import { mapShipment } from './map-shipment.js';
import { keySegment, queryString } from './odata.js';
import { planShipment } from './plan.js';
import { salesOrderExpand, shipmentExpand } from './records.js';
import { createReconcileReader } from './reconcile-read.js';
import { isolatedSecrets, runConnectionTest } from './test-connection.js';
import { confirmShipment, findExistingShipment, putShipment } from './writeback.js';

export interface AcumaticaGatewayDeps {
  settings: AcumaticaSettings;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** In [0,1): jitter of retries; a parameter so tests are reproducible. */
  random?: () => number;
  /** Time limits and inline retries; the defaults suit production. */
  tuning?: Partial<HttpTuning>;
}

export function createAcumaticaGateway(deps: AcumaticaGatewayDeps): AcumaticaGateway {
  const { settings, secrets, clock } = deps;
  const random = deps.random ?? Math.random;
  const logger = deps.logger.child({ module: 'acumatica' });
  const http = createHttp({
    instanceUrl: settings.url,
    caFile: settings.caFile,
    requestsPerMinute: settings.requestsPerMinute,
    maxConcurrent: acumaticaConcurrency(settings),
    clock,
    logger,
    tuning: {
      ...defaultTuning,
      actionPollMs: settings.actionPollSeconds * 1000,
      actionPollMaxMs: settings.actionPollMaxSeconds * 1000,
      actionTimeoutMs: settings.actionTimeoutSeconds * 1000,
      ...deps.tuning,
    },
  });
  const tokenDeps = { http, clientId: settings.clientId, username: settings.username, clock, logger, random, concurrentAccess: settings.concurrentAccess };
  const tokens = createTokenManager({ ...tokenDeps, secrets });
  let cycleSignal: AbortSignal | undefined;
  const api = createApi({ http, tokens, clock, random, logger, cycleSignal: () => cycleSignal });
  const connection = createConnectionHolder({ state: 'connecting', message: `Not connected to ${http.host} yet.` });

  let version: string | undefined = settings.endpointVersion;
  let versionWarning: string | undefined;
  let versionLookup: Promise<string> | null = null;
  async function basePath(): Promise<string> {
    if (!version) {
      versionLookup ??= chooseDefaultVersion(api)
        .then((choice) => {
          versionWarning = choice.warning;
          if (choice.warning) logger.warn('acumatica endpoint version not the tested one', { version: choice.version });
          return choice.version;
        })
        .finally(() => {
          versionLookup = null;
        });
      version = await versionLookup;
      logger.info('acumatica endpoint version', { version });
    }
    return `/entity/Default/${version}`;
  }
  const ctx = { api, basePath };
  const keysFirst: KeysFirstMemo = new Map();

  let failures = 0;
  function withVersion(c: AcumaticaConnection): AcumaticaConnection {
    return version ? { ...c, endpointVersion: version, ...(versionWarning ? { warning: versionWarning } : {}) } : c;
  }
  function succeeded(): void {
    failures = 0;
    connection.set(withVersion({ state: 'connected', message: `Connected to ${http.host} as ${settings.username}.` }));
  }
  function failed(e: unknown): AppError {
    const err = toAppError(e);
    if (err.kind === 'credentials-rejected') {
      connection.set(
        withVersion({
          state: 'credentials-rejected',
          message: err.message,
          ...(err.credential ? { credential: err.credential } : {}),
          ...(err.serverMessage ? { serverMessage: err.serverMessage } : {}),
        }),
      );
      return err;
    }
    if (err.kind === 'transient') {
      failures++;
      const delay = backoffDelay(failures, random(), err.retryAfterMs);
      connection.set(withVersion({ state: 'retrying', message: err.message, retryAt: new Date(clock.now() + delay).toISOString() }));
      return new AppError('transient', err.message, {
        retryAfterMs: delay,
        cause: err.cause ?? err,
        ...(err.status ? { status: err.status } : {}),
        ...(err.serverMessage ? { serverMessage: err.serverMessage } : {}),
      });
    }
    if (err.kind === 'config') {
      connection.set({ state: 'not-configured', message: err.message, ...(err.serverMessage ? { serverMessage: err.serverMessage } : {}) });
      return err;
    }
    // The server answered (a business refusal): the connection itself is fine.
    if (err.kind === 'business' || err.kind === 'not-found') succeeded();
    return err;
  }
  async function tracked<T>(task: () => Promise<T>): Promise<T> {
    try {
      const result = await task();
      succeeded();
      return result;
    } catch (e) {
      throw failed(e);
    }
  }

  async function fetchByKey(key: AcumaticaKey): Promise<unknown> {
    const base = await basePath();
    const path =
      key.kind === 'sales-order'
        ? `${base}/SalesOrder/${keySegment(key.orderType)}/${keySegment(key.orderNbr)}${queryString({ $expand: salesOrderExpand })}`
        : `${base}/Shipment/${keySegment(key.shipmentNbr)}${queryString({ $expand: shipmentExpand })}`;
    try {
      return (await api.call({ method: 'GET', path })).data;
    } catch (e) {
      if (isNoEntity(e)) return null;
      throw e;
    }
  }

  return {
    connection: () => connection.get(),
    onConnectionChange: (listener) => connection.subscribe(listener),
    testConnection: async () => {
      // A session of its own (#14 item 15): the test never sends, rotates or signs out the engine's refresh token
      // or session. Its refresh token lives only in memory and the session is signed out at the end.
      const testTokens = createTokenManager({ ...tokenDeps, secrets: isolatedSecrets(secrets) });
      const testApi = createApi({ http, tokens: testTokens, clock, random, logger });
      const results = await runConnectionTest({
        http,
        api: testApi,
        tokens: testTokens,
        username: settings.username,
        pinnedVersion: settings.endpointVersion,
        onVersion: (v, warning) => {
          version = v;
          versionWarning = warning;
        },
      });
      await testTokens.logout();
      if (results.every((r) => r.ok)) {
        // The credentials work now: the engine's own sign-in may try again.
        tokens.credentialsChanged();
        succeeded();
      } else {
        const rejection = testTokens.rejection();
        if (rejection) failed(rejection);
      }
      return results;
    },
    importOrders: (request) => tracked(() => importDocuments({ ...ctx, settings, keysFirst }, request)),
    fetchOrder: (key) =>
      tracked(async () => {
        const raw = await fetchByKey(key);
        if (raw === null) return null;
        if (key.kind === 'shipment') return mapShipment(raw, { statuses: settings.statuses });
        const mapped = mapSalesOrder(raw, salesOrderMapOptions(settings));
        return (
          mapped ?? {
            ref: `${key.orderType}-${key.orderNbr}`,
            source: 'sales-order' as const,
            key,
            reason: `No line of this order ships from warehouse ${settings.warehouseId} any more.`,
            lastModified: '',
            raw,
          }
        );
      }),
    planShipment: (order, fulfillment) => planShipment(settings, order, fulfillment),
    findExistingShipment: (order, plan) => tracked(() => findExistingShipment(ctx, order, plan)),
    putShipment: (plan) => tracked(() => putShipment(ctx, plan)),
    confirmShipment: (shipmentNbr) => tracked(() => confirmShipment(ctx, shipmentNbr)),
    credentialsChanged: () => {
      tokens.credentialsChanged();
      if (connection.get().state === 'credentials-rejected') {
        connection.set({ state: 'connecting', message: 'Trying the new credentials…' });
      }
    },
    logout: () => tokens.logout(),
    setCycleSignal: (signal) => {
      cycleSignal = signal;
    },
    requestCount: () => http.requestCount(),
    reconcileReader: () => {
      const reader = createReconcileReader({ ...ctx, settings });
      return { documents: (s, k) => tracked(() => reader.documents(s, k)), shipments: (s, k) => tracked(() => reader.shipments(s, k)), shipment: (n) => tracked(() => reader.shipment(n)) };
    },
  };
}

// The Extensiv 3PL Warehouse Manager adapter: orders go out through the REST API, shipments come back by polling
// closed orders. See docs/extensiv.md for what is sent and how split orders are read.
import type { WmsAdapter } from '../adapter.js';
import type { WmsDeps } from '../deps.js';
import { createExtensivClient, type ExtensivClient } from './client.js';
import { collectShipped } from './collect.js';
import { listExtensivOrders } from './listing.js';
import { cancelOrder, changeOrder, createOrder, findOrder, type OrderDeps } from './orders.js';
import type { ExtensivSettings } from './settings.js';
import { testExtensivConnection } from './test-connection.js';

export interface ExtensivAdapterOptions {
  /** Per-request time limit (default 60 s). */
  timeoutMs?: number;
}

export function createExtensivAdapter(settings: ExtensivSettings, deps: WmsDeps, options: ExtensivAdapterOptions = {}): WmsAdapter {
  const logger = deps.logger.child({ module: 'extensiv' });
  const client: ExtensivClient = createExtensivClient({
    baseUrl: settings.baseUrl,
    clientId: settings.clientId,
    userLoginId: settings.userLoginId,
    tpl: settings.tpl || undefined,
    secrets: deps.secrets,
    clock: deps.clock,
    logger,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const d: OrderDeps = { client, settings, logger };
  return {
    name: 'extensiv',
    supportsChange: true,
    supportsCancel: true,
    testConnection: () => testExtensivConnection(client, settings, deps.secrets),
    findOrder: (ref) => findOrder(d, ref),
    sendOrder: (order, action) => (action === 'new' ? createOrder(d, order) : changeOrder(d, order)),
    cancelOrder: (order) => cancelOrder(d, order),
    collect: (lookup) => collectShipped({ client, settings, state: deps.state, clock: deps.clock, logger }, lookup),
    listOrders: (query) => listExtensivOrders(client, settings, query),
    async close() {
      client.close();
    },
  };
}

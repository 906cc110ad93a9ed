// Polling shipped orders: closed orders modified since the cursor (RQL on isClosed + lastModifiedDate), page by
// page. Closed is not shipped: cancelled orders are closed too, so only status 1 counts. Each page is one inbound
// batch; its commit advances the cursor, so a crash before the engine recorded a page offers it again.
import { createHash } from 'node:crypto';
import type { AdapterState, CollectResult, InboundBatch, OrderLookup } from '../adapter.js';
import type { Clock } from '../../clock.js';
import type { Fulfillment } from '../../domain/index.js';
import type { Logger } from '../../log/logger.js';
import type { ExtensivClient } from './client.js';
import { toFulfillment } from './fulfillment.js';
import { scopeRql } from './lookup.js';
import type { ExtensivSettings } from './settings.js';
import { parseOrderPage, STATUS_CLOSED, type ExtensivOrder } from './wire.js';

export const CURSOR_KEY = 'extensiv.lastModified';
const MAX_PAGES_PER_COLLECT = 50;

/** Extensiv dates have no offset; they are compared as they are, read as if UTC. */
export function parseNaive(value: string): number {
  return Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
}

export function formatNaive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export interface CollectDeps {
  client: ExtensivClient;
  settings: ExtensivSettings;
  state: AdapterState;
  clock: Clock;
  logger: Logger;
}

/** The parent order a referenceNum reports on: itself, or for "<ref>-<n>" a split part of <ref>. */
export function resolveParent(referenceNum: string, lookup: OrderLookup): { ref: string; split: boolean } | undefined {
  if (lookup(referenceNum)) return { ref: referenceNum, split: false };
  const m = /^(.+)-(\d+)$/.exec(referenceNum);
  if (m?.[1] && lookup(m[1])) return { ref: m[1], split: true };
  return undefined;
}

export async function collectShipped(d: CollectDeps, lookup: OrderLookup): Promise<CollectResult> {
  const { settings, state, logger } = d;
  const now = d.clock.now();
  const stored = state.get(CURSOR_KEY);
  const cursorMs = stored && !Number.isNaN(parseNaive(stored)) ? parseNaive(stored) : now - settings.initialLookbackDays * 86_400_000;
  const since = formatNaive(cursorMs - settings.pollOverlapMinutes * 60_000);
  const rql = `readOnly.isClosed==true;readOnly.lastModifiedDate=ge=${since};${scopeRql(settings)}`;
  const units = settings.measurement === 'metric' ? { weight: 'KG', dimension: 'CM' } : { weight: 'LB', dimension: 'IN' };
  const today = formatNaive(now).slice(0, 10);
  const pgsiz = settings.pageSize;
  const batches: InboundBatch[] = [];
  let maxSeen = stored ?? '';

  for (let pgnum = 1; pgnum <= MAX_PAGES_PER_COLLECT; pgnum++) {
    const res = await d.client.request({
      method: 'GET',
      path: '/orders',
      query: { pgsiz, pgnum, detail: 'All', itemdetail: 'None', sort: 'readOnly.lastModifiedDate,readOnly.orderId', rql },
    });
    const page = parseOrderPage(res.data, `shipped orders since ${since}, page ${pgnum}`);
    if (page.orders.length === 0) break;
    const fulfillments: Fulfillment[] = [];
    for (const order of page.orders) {
      const modified = order.readOnly.lastModifiedDate ?? '';
      if (modified && (maxSeen === '' || parseNaive(modified) > parseNaive(maxSeen))) maxSeen = modified;
      const f = fulfillmentOf(order, lookup, units, logger, today);
      if (f) fulfillments.push(f);
    }
    const cursorAfter = maxSeen;
    const identity = page.orders.map((o) => `${o.readOnly.orderId}@${o.readOnly.lastModifiedDate ?? ''}`).join('|');
    batches.push({
      id: `extensiv:${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`,
      source: `Extensiv shipped orders since ${since} (page ${pgnum})`,
      fulfillments,
      rejectedOrders: [],
      commit: async () => {
        const current = state.get(CURSOR_KEY);
        if (cursorAfter && (!current || parseNaive(cursorAfter) > parseNaive(current))) state.set(CURSOR_KEY, cursorAfter);
      },
    });
    if (page.orders.length < pgsiz || pgnum * pgsiz >= page.totalResults) break;
  }
  return { batches, rejected: [] };
}

function fulfillmentOf(
  order: ExtensivOrder,
  lookup: OrderLookup,
  units: { weight: string; dimension: string },
  logger: Logger,
  today: string,
): Fulfillment | undefined {
  const ref = (order.referenceNum ?? '').trim();
  const orderId = order.readOnly.orderId;
  if (order.readOnly.status !== STATUS_CLOSED) {
    logger.debug('Extensiv order closed without shipping (cancelled): not a shipment', { orderId, referenceNum: ref, status: order.readOnly.status });
    return undefined;
  }
  const parent = resolveParent(ref, lookup);
  const known = parent ? lookup(parent.ref) : undefined;
  if (!parent || !known) {
    logger.info('Extensiv shipped an order this app did not send: skipped', { orderId, referenceNum: ref });
    return undefined;
  }
  return toFulfillment(order, parent.ref, known, units, logger, today);
}

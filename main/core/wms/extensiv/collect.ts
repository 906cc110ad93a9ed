// Polling shipped orders: closed orders past the keyset cursor (lastModifiedDate, orderId), page by page, each
// page asked as "after the last order of the previous page". Closed is not shipped: cancelled orders are closed too,
// so only status 1 counts. Each page is one inbound batch; its commit advances the cursor, so a crash before the
// engine recorded a page offers it again. A bounded look-back over the overlap window re-reads orders whose
// lastModifiedDate lies just before the cursor (Extensiv dates carry no time zone, commits can land late).
import { createHash } from 'node:crypto';
import type { AdapterState, CollectResult, InboundBatch, OrderLookup } from '../adapter.js';
import type { Clock } from '../../clock.js';
import type { Fulfillment } from '../../domain/index.js';
import type { Logger } from '../../log/logger.js';
import type { ExtensivClient } from './client.js';
import { advanceCursor, afterRql, formatNaive, KEYSET_SORT, parseNaive, readCursor, upToRql, type Keyset } from './cursor.js';
import { toFulfillment } from './fulfillment.js';
import { scopeRql } from './lookup.js';
import type { ExtensivSettings } from './settings.js';
import { parseOrderPage, STATUS_CLOSED, type ExtensivOrder } from './wire.js';

export { CURSOR_KEY, CURSOR_ORDER_KEY, formatNaive, parseNaive } from './cursor.js';

/** Pages read forward from the cursor per collect; the next collect goes on from where this one stopped. */
const MAX_PAGES_PER_COLLECT = 50;
/** Pages of the overlap look-back per collect (they never move the cursor, so they cannot hold it back). */
const MAX_OVERLAP_PAGES = 10;

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

function keysetOf(order: ExtensivOrder): Keyset | undefined {
  const date = order.readOnly.lastModifiedDate;
  return date ? { lastModified: date, orderId: order.readOnly.orderId } : undefined;
}

export async function collectShipped(d: CollectDeps, lookup: OrderLookup): Promise<CollectResult> {
  const { settings, state, logger } = d;
  const now = d.clock.now();
  const units = settings.measurement === 'metric' ? { weight: 'KG', dimension: 'CM' } : { weight: 'LB', dimension: 'IN' };
  const today = formatNaive(now).slice(0, 10);
  const cursor = readCursor(state);
  const base = `readOnly.isClosed==true;${scopeRql(settings)}`;
  const batches: InboundBatch[] = [];

  /** Keyset pages of `filter`, each one batch; `after` is exclusive. */
  async function readPages(what: string, filter: string, after: Keyset | undefined, maxPages: number, moveCursor: boolean): Promise<void> {
    let from = after;
    for (let n = 1; n <= maxPages; n++) {
      const rql = [base, filter, from ? afterRql(from) : ''].filter(Boolean).join(';');
      const res = await d.client.request({
        method: 'GET',
        path: '/orders',
        query: { pgsiz: settings.pageSize, pgnum: 1, detail: 'All', itemdetail: 'AllocationsWithDetail', sort: KEYSET_SORT, rql },
      });
      const page = parseOrderPage(res.data, `${what}, page ${n}`);
      if (page.orders.length === 0) return;
      const fulfillments: Fulfillment[] = [];
      for (const order of page.orders) {
        const f = fulfillmentOf(order, lookup, units, logger, today);
        if (f) fulfillments.push(f);
      }
      const last = page.orders.map(keysetOf).at(-1);
      const identity = page.orders.map((o) => `${o.readOnly.orderId}@${o.readOnly.lastModifiedDate ?? ''}`).join('|');
      batches.push({
        id: `extensiv:${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`,
        source: `Extensiv ${what} (page ${n})`,
        fulfillments,
        rejectedOrders: [],
        commit: async () => {
          if (moveCursor && last) advanceCursor(state, last);
        },
      });
      if (!last) {
        logger.warn('Extensiv sent a closed order without lastModifiedDate: the rest of this poll waits for the next one', { what });
        return;
      }
      if (page.orders.length < settings.pageSize) return;
      from = last;
    }
  }

  if (cursor) {
    const since = formatNaive(parseNaive(cursor.lastModified) - settings.pollOverlapMinutes * 60_000);
    await readPages(`shipped orders re-read from ${since}`, `readOnly.lastModifiedDate=ge=${since};${upToRql(cursor)}`, undefined, MAX_OVERLAP_PAGES, false);
    await readPages(`shipped orders after ${cursor.lastModified} #${cursor.orderId}`, '', cursor, MAX_PAGES_PER_COLLECT, true);
  } else {
    const since = formatNaive(now - settings.initialLookbackDays * 86_400_000);
    await readPages(`shipped orders since ${since}`, `readOnly.lastModifiedDate=ge=${since}`, undefined, MAX_PAGES_PER_COLLECT, true);
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

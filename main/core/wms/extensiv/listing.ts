// What Extensiv knows of the orders in a reconciliation period (read-only): every order of the customer and
// facility modified since the period start (RQL on lastModifiedDate, paged), then, by reference, the orders
// DropStream still has open that were not modified in the period. Split parts ("<ref>-<n>") count for their parent.
import type { WarehouseListQuery, WarehouseOrderView } from '../listing.js';
import type { ExtensivClient } from './client.js';
import { formatNaive } from './collect.js';
import { findByReference, scopeRql } from './lookup.js';
import type { ExtensivSettings } from './settings.js';
import { itemsOf, packagesOf, parseOrderPage, STATUS_CANCELED, STATUS_CLOSED, type ExtensivOrder } from './wire.js';

/** More pages than any real period needs; a guard against a server that never says "last page". */
const MAX_PAGES = 2_000;

function unitsOf(order: ExtensivOrder): number {
  const contents = packagesOf(order).flatMap((p) => p.packageContents ?? []);
  if (contents.length > 0) return contents.reduce((n, c) => n + (c.qty ?? 0), 0);
  return itemsOf(order).reduce((n, i) => n + (i.qty ?? 0), 0);
}

function trackingOf(order: ExtensivOrder): string[] {
  const fromPackages = packagesOf(order).map((p) => p.trackingNumber?.trim() ?? '').filter(Boolean);
  const routing = order.routingInfo?.trackingNumber?.trim() ?? '';
  return fromPackages.length > 0 ? fromPackages : routing ? [routing] : [];
}

/** Folds one Extensiv order (or split part) into the view of its parent reference. */
function fold(views: Map<string, WarehouseOrderView>, order: ExtensivOrder, known: ReadonlySet<string>): void {
  const referenceNum = (order.referenceNum ?? '').trim();
  if (!referenceNum) return;
  const part = /^(.+)-(\d+)$/.exec(referenceNum);
  const ref = known.has(referenceNum) || !part?.[1] || !known.has(part[1]) ? referenceNum : part[1];
  const status = order.readOnly.status === STATUS_CLOSED ? 'shipped' : order.readOnly.status === STATUS_CANCELED ? 'cancelled' : 'open';
  const shipped = status === 'shipped';
  const before = views.get(ref);
  const view: WarehouseOrderView = before ?? { orderRef: ref, status, wmsRef: String(order.readOnly.orderId), trackingNumbers: [], shippedUnits: null };
  // One shipped part makes the order shipped; a cancelled duplicate does not hide an open one.
  if (before && (shipped || (before.status === 'cancelled' && status === 'open'))) view.status = status;
  if (shipped) {
    view.trackingNumbers.push(...trackingOf(order));
    view.shippedUnits = (view.shippedUnits ?? 0) + unitsOf(order);
  }
  views.set(ref, view);
}

export async function listExtensivOrders(client: ExtensivClient, settings: ExtensivSettings, query: WarehouseListQuery): Promise<WarehouseOrderView[]> {
  const known = new Set(query.refs);
  const views = new Map<string, WarehouseOrderView>();
  const since = formatNaive(Date.parse(query.since) - settings.pollOverlapMinutes * 60_000);
  const rql = `readOnly.lastModifiedDate=ge=${since};${scopeRql(settings)}`;
  const pgsiz = settings.pageSize;
  for (let pgnum = 1; pgnum <= MAX_PAGES; pgnum++) {
    const res = await client.request({ method: 'GET', path: '/orders', query: { pgsiz, pgnum, detail: 'All', itemdetail: 'None', sort: 'readOnly.orderId', rql } });
    const page = parseOrderPage(res.data, `orders since ${since}, page ${pgnum}`);
    for (const order of page.orders) fold(views, order, known);
    if (page.orders.length < pgsiz || pgnum * pgsiz >= page.totalResults) break;
  }
  // Orders DropStream sent before the period and still waits on: asked by reference (usually none).
  for (const ref of query.refs) {
    if (views.has(ref) || !query.lookup(ref)) continue;
    const found = await findByReference(client, settings, ref, 'All');
    for (const order of [...found.exact, ...found.parts]) fold(views, order, known);
  }
  return [...views.values()];
}

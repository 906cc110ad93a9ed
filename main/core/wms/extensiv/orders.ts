// Create, change and cancel at Extensiv. Every write that changes an existing order carries If-Match with the ETag
// of a fresh GET; a 412 (someone changed it meanwhile) is retried once with a new ETag.
import type { Order } from '../../domain/index.js';
import { AppError, isAppError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { CancelOutcome, WmsOrderRef } from '../adapter.js';
import type { ExtensivClient } from './client.js';
import { errorCodeOf, serverWords } from './errors.js';
import { findByReference, type ReferenceMatches } from './lookup.js';
import { toOrderBody } from './map-order.js';
import type { ExtensivSettings } from './settings.js';
import { updateBody } from './update-body.js';
import { camelKeys, parseOrder, STATUS_CANCELED, STATUS_CLOSED, STATUS_OPEN, type ExtensivOrder } from './wire.js';

/** Everything of an order: its items and their allocations too, so nothing is lost when it is written back. */
const FULL_ORDER = { detail: 'All', itemdetail: 'All' };

export interface OrderDeps {
  client: ExtensivClient;
  settings: ExtensivSettings;
  logger: Logger;
}

const ids = (orders: ExtensivOrder[]): string => orders.map((o) => `${o.readOnly.orderId} (${o.referenceNum ?? ''})`).join(', ');

/** The Extensiv order that stands for `ref`: not cancelled, the exact reference first, else a split part. */
export function standingOrder(m: ReferenceMatches, ref: string, logger: Logger): ExtensivOrder | undefined {
  const live = (list: ExtensivOrder[]) => list.filter((o) => o.readOnly.status !== STATUS_CANCELED);
  const exact = live(m.exact);
  if (exact.length > 1) logger.warn('Extensiv holds more than one order with this reference', { ref, orders: ids(exact) });
  return exact[0] ?? live(m.parts)[0];
}

export async function findOrder(d: OrderDeps, ref: string): Promise<WmsOrderRef | null> {
  const found = standingOrder(await findByReference(d.client, d.settings, ref), ref, d.logger);
  return found ? { wmsRef: String(found.readOnly.orderId) } : null;
}

export async function createOrder(d: OrderDeps, order: Order): Promise<WmsOrderRef> {
  const body = toOrderBody(d.settings, order);
  if (d.settings.lookupBeforeCreate) {
    const existing = await findOrder(d, order.ref);
    if (existing) {
      d.logger.info('Order already at Extensiv: not created again', { ref: order.ref, orderId: existing.wmsRef });
      return existing;
    }
  }
  let data: unknown;
  try {
    data = (await d.client.request({ method: 'POST', path: '/orders', body })).data;
  } catch (e) {
    // A duplicate reference means an earlier attempt did create it: take that order instead of failing.
    if (isAppError(e) && e.kind === 'business' && errorCodeOf(e) === 'Duplicate') {
      const existing = await findOrder(d, order.ref);
      if (existing) return existing;
    }
    throw e;
  }
  if (data !== undefined) {
    const created = parseOrder(data, `the answer to creating ${order.ref}`);
    return { wmsRef: String(created.readOnly.orderId) };
  }
  const existing = await findOrder(d, order.ref);
  if (!existing) throw new AppError('transient', `Extensiv accepted order ${order.ref} without saying its order id, and it cannot be found yet; the app looks again later.`);
  return existing;
}

/** One read of the order for an update: its ETag, the parsed order, and the resource itself (camelCase). */
interface FreshRead {
  etag: string;
  order: ExtensivOrder;
  resource: Record<string, unknown>;
}

async function withFreshEtag<T>(d: OrderDeps, orderId: number, query: Record<string, string>, act: (read: FreshRead) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await d.client.request({ method: 'GET', path: `/orders/${orderId}`, query });
    if (!res.etag) throw new AppError('business', `Extensiv sent order ${orderId} without an ETag, so it cannot be changed safely: change it in Extensiv.`);
    const resource = camelKeys(res.data);
    const order = parseOrder(resource, `order ${orderId}`);
    try {
      return await act({ etag: res.etag, order, resource: resource as Record<string, unknown> });
    } catch (e) {
      if (attempt < 2 && isAppError(e) && e.status === 412) {
        d.logger.info('Extensiv order changed meanwhile (412); reading it again', { orderId });
        continue;
      }
      throw e;
    }
  }
}

export async function changeOrder(d: OrderDeps, order: Order): Promise<WmsOrderRef> {
  const m = await findByReference(d.client, d.settings, order.ref);
  const open = m.exact.filter((o) => o.readOnly.status === STATUS_OPEN && o.readOnly.isClosed !== true);
  const byHand = 'Change it in Extensiv by hand, or mark it resolved.';
  if (open.length === 0) {
    const parts = m.parts.filter((o) => o.readOnly.status !== STATUS_CANCELED);
    const shipped = m.exact.filter((o) => o.readOnly.status === STATUS_CLOSED);
    const why = parts.length
      ? `the warehouse split it into ${ids(parts)}`
      : shipped.length
        ? `it is already shipped (confirmed) as ${ids(shipped)}`
        : `no open order with this reference exists at Extensiv (customer ${d.settings.customerId}, facility ${d.settings.facilityId})`;
    throw new AppError('business', `The change of ${order.ref} cannot be sent: ${why}. ${byHand}`);
  }
  const target = open[0] as ExtensivOrder;
  const orderId = target.readOnly.orderId;
  const body = toOrderBody(d.settings, order);
  try {
    // The whole resource is read and sent back with only this app's fields changed: a PUT replaces the order, and
    // lines already on it keep their orderItemId (matched by SKU), so Extensiv updates them in place.
    await withFreshEtag(d, orderId, FULL_ORDER, async ({ etag, resource }) => {
      await d.client.request({ method: 'PUT', path: `/orders/${orderId}`, query: FULL_ORDER, ifMatch: etag, body: updateBody(resource, body) });
    });
  } catch (e) {
    if (isAppError(e) && e.kind === 'business' && e.status !== undefined && e.serverMessage) {
      throw new AppError('business', `Extensiv refused the change of ${order.ref} (order ${orderId}): ${serverWords(e.serverMessage)}. ${byHand}`, {
        status: e.status,
        serverMessage: e.serverMessage,
        ...(e.fields ? { fields: e.fields } : {}),
        cause: e,
      });
    }
    throw e;
  }
  return { wmsRef: String(orderId) };
}

export async function cancelOrder(d: OrderDeps, order: Order): Promise<CancelOutcome> {
  const m = await findByReference(d.client, d.settings, order.ref);
  const all = [...m.exact, ...m.parts];
  if (all.length === 0) {
    return { cancelled: false, reason: `no order with reference ${order.ref} was found at Extensiv (customer ${d.settings.customerId}, facility ${d.settings.facilityId})` };
  }
  const refusals: string[] = [];
  for (const o of all) {
    const id = o.readOnly.orderId;
    if (o.readOnly.status === STATUS_CANCELED) continue;
    if (o.readOnly.status === STATUS_CLOSED) {
      refusals.push(`order ${id} (${o.referenceNum ?? ''}) is already shipped (confirmed)`);
      continue;
    }
    try {
      await withFreshEtag(d, id, { detail: 'None' }, async ({ etag }) => {
        await d.client.request({ method: 'POST', path: `/orders/${id}/canceler`, ifMatch: etag, body: { reason: 'Cancelled in Acumatica' } });
      });
      d.logger.info('Order cancelled at Extensiv', { ref: order.ref, orderId: id });
    } catch (e) {
      if (isAppError(e) && e.kind === 'business' && (e.status === 400 || e.status === 403 || e.status === 409)) {
        refusals.push(`order ${id} (${o.referenceNum ?? ''}): ${e.serverMessage ? serverWords(e.serverMessage) : e.message}`);
        continue;
      }
      throw e;
    }
  }
  return refusals.length ? { cancelled: false, reason: refusals.join('; ') } : { cancelled: true };
}

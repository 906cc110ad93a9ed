// The body of PUT /orders/{id}: the order exactly as just read (GET detail=All, itemdetail=All), with only the
// fields this app owns overlaid. A PUT replaces the resource (RFC 9110 §9.3.4; Extensiv's orders/order rel: "Updates
// an unconfirmed order", If-Match required), so anything left out (the warehouse's billing code, shipping notes,
// saved elements, routing account, item notes…) would be blanked. `readOnly` parts are the server's and are not
// sent back, except each order item's `readOnly.orderItemId`, which tells Extensiv which item a line updates.
import { embedded } from './wire.js';
import type { OrderBody, OrderItemBody } from './map-order.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function itemKey(item: Json): string {
  const sku = isObject(item.itemIdentifier) && typeof item.itemIdentifier.sku === 'string' ? item.itemIdentifier.sku : '';
  const qualifier = typeof item.qualifier === 'string' ? item.qualifier : '';
  return `${sku.trim().toUpperCase()}\u0000${qualifier.trim().toUpperCase()}`;
}

/** An item as read, without its read-only part except the id. */
function writableItem(item: Json): Json {
  const { readOnly, ...rest } = item;
  const id = isObject(readOnly) ? readOnly.orderItemId : undefined;
  return typeof id === 'number' ? { ...rest, readOnly: { orderItemId: id } } : rest;
}

/** Items of the current order, matched to the wanted lines by SKU (and qualifier), each used once. */
function mergeItems(current: Json[], wanted: OrderItemBody[]): Json[] {
  const pool = [...current];
  return wanted.map((w) => {
    const key = itemKey(w as unknown as Json);
    const at = pool.findIndex((c) => itemKey(c) === key);
    if (at < 0) return { ...w };
    const [match] = pool.splice(at, 1) as [Json];
    return { ...writableItem(match), qty: w.qty, ...(w.qualifier === undefined ? {} : { qualifier: w.qualifier }) };
  });
}

export function updateBody(current: Json, wanted: OrderBody): Json {
  const { readOnly: _readOnly, _links: _l, _embedded: _e, orderItems, ...kept } = current;
  const fromHal = embedded(current, 'item');
  const items = (fromHal.length > 0 ? fromHal : Array.isArray(orderItems) ? orderItems : []).filter(isObject);
  const body: Json = {
    ...kept,
    referenceNum: wanted.referenceNum,
    poNum: wanted.poNum,
    notes: wanted.notes,
    shipTo: { ...(isObject(kept.shipTo) ? kept.shipTo : {}), ...wanted.shipTo },
    orderItems: mergeItems(items, wanted.orderItems),
  };
  // The requested ship date is Acumatica's: a date taken away there is taken away here too.
  if (wanted.earliestShipDate === undefined) delete body.earliestShipDate;
  else body.earliestShipDate = wanted.earliestShipDate;
  // Routing: carrier, mode and SCAC come from the ShipVia mapping; the account, tracking, load… stay the warehouse's.
  if (wanted.routingInfo) body.routingInfo = { ...(isObject(kept.routingInfo) ? kept.routingInfo : {}), ...wanted.routingInfo };
  return body;
}

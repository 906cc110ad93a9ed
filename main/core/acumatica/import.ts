// Importing documents: a full import of every document in an import status, or an incremental one of everything
// changed since the cursor (minus an overlap, whatever the status), paged, de-duplicated, with the next cursor.
import { z } from 'zod';
import type { HeldImport, Order } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { AcumaticaSettings } from '../settings/schema.js';
import type { Api } from './api.js';
import type { ImportRequest, ImportResult } from './gateway.js';
import { mapSalesOrder } from './map-sales-order.js';
import { mapShipment } from './map-shipment.js';
import { allOf, anyOf, dateTimeOffset, literal, queryString } from './odata.js';
import { salesOrderExpand, shipmentExpand } from './records.js';

export const PAGE_SIZE = 500;

const page = z.array(z.unknown());

/** The $filter of one import, per mode. Exported for tests and for the docs. */
export function importFilter(settings: AcumaticaSettings, since: string | null): string {
  const salesOrders = settings.mode === 'sales-orders';
  const changeField = salesOrders ? 'LastModified' : 'LastModifiedDateTime';
  let changed = '';
  if (since !== null) {
    const ms = Date.parse(since);
    if (Number.isNaN(ms)) throw new AppError('internal', `The import cursor "${since}" is not a date.`);
    changed = `${changeField} gt ${dateTimeOffset(ms - settings.overlapSeconds * 1000)}`;
  }
  // Incremental polls leave the status filter out, so the engine hears of cancellations and holds.
  const status = since === null ? anyOf('Status', settings.statuses) : '';
  const scope = salesOrders
    ? anyOf('OrderType', settings.orderTypes)
    : settings.warehouseId
      ? `WarehouseID eq ${literal(settings.warehouseId)}`
      : '';
  return allOf(changed, status, scope);
}

export async function importDocuments(
  deps: { api: Api; basePath: () => Promise<string>; settings: AcumaticaSettings },
  request: ImportRequest,
): Promise<ImportResult> {
  const { settings } = deps;
  const salesOrders = settings.mode === 'sales-orders';
  const entity = salesOrders ? 'SalesOrder' : 'Shipment';
  const filter = importFilter(settings, request.since);
  const base = await deps.basePath();
  const newest = new Map<string, { item: Order | HeldImport; at: number }>();
  let cursor = request.since;
  let cursorMs = request.since === null ? -Infinity : Date.parse(request.since);
  let fetched = 0;

  for (let skip = 0; ; skip += PAGE_SIZE) {
    if (request.signal?.aborted) throw new AppError('transient', 'The import was stopped before it finished; the next poll starts it again.');
    const query = queryString({ $filter: filter, $expand: salesOrders ? salesOrderExpand : shipmentExpand, $top: PAGE_SIZE, $skip: skip });
    const res = await deps.api.call({ method: 'GET', path: `${base}/${entity}${query}`, ...(request.signal ? { signal: request.signal } : {}) });
    const parsed = page.safeParse(res.data);
    if (!parsed.success) throw new AppError('business', `Acumatica answered the ${entity} list with something that is not a list: check the Instance URL.`);
    for (const raw of parsed.data) {
      const item = salesOrders ? mapSalesOrder(raw, { warehouseId: settings.warehouseId, statuses: settings.statuses }) : mapShipment(raw, { statuses: settings.statuses });
      const lastModified = item?.lastModified ?? '';
      const at = Date.parse(lastModified);
      if (!Number.isNaN(at) && at > cursorMs) {
        cursorMs = at;
        cursor = lastModified;
      }
      if (!item) continue;
      const seen = newest.get(item.ref);
      const atOrZero = Number.isNaN(at) ? -Infinity : at;
      if (!seen || atOrZero >= seen.at) newest.set(item.ref, { item, at: atOrZero });
    }
    fetched += parsed.data.length;
    request.onProgress?.(fetched);
    if (parsed.data.length < PAGE_SIZE) break;
  }

  const orders: Order[] = [];
  const held: HeldImport[] = [];
  for (const { item } of newest.values()) {
    if ('reason' in item) held.push(item);
    else orders.push(item);
  }
  return { orders, held, cursor };
}

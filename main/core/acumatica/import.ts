// Importing documents: a full import of every document in an import status, or an incremental one of everything
// changed since the cursor (minus an overlap, whatever the status), paged by key, de-duplicated, with the next cursor.
import type { HeldImport, Order } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { AcumaticaSettings } from '../settings/schema.js';
import type { Api } from './api.js';
import type { ImportRequest, ImportResult } from './gateway.js';
import { mapSalesOrder, salesOrderMapOptions } from './map-sales-order.js';
import { mapShipment } from './map-shipment.js';
import { listByKey } from './list-pages.js';
import { allOf, anyOf, dateTimeOffset, literal } from './odata.js';
import { salesOrderFields, salesOrderKey, shipmentFields, shipmentKey } from './query-fields.js';

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
  // Only outbound work, in both polls: order types (SO by default; quotes QT are "Open" too), and in shipment mode
  // only issues of type Shipment (a receipt from a customer or a transfer between warehouses is not for the 3PL).
  const scope = salesOrders
    ? [anyOf('OrderType', settings.orderTypes)]
    : [`Operation eq 'Issue'`, `Type eq 'Shipment'`, settings.warehouseId ? `WarehouseID eq ${literal(settings.warehouseId)}` : ''];
  return allOf(changed, status, ...scope);
}

/** Whether the one-query list form was refused, per entity and kind of poll; kept for the gateway's lifetime. */
export type KeysFirstMemo = Map<string, { value: boolean }>;

export async function importDocuments(
  deps: { api: Api; basePath: () => Promise<string>; settings: AcumaticaSettings; keysFirst?: KeysFirstMemo },
  request: ImportRequest,
): Promise<ImportResult> {
  const { settings } = deps;
  const salesOrders = settings.mode === 'sales-orders';
  const entity = salesOrders ? 'SalesOrder' : 'Shipment';
  const filter = importFilter(settings, request.since);
  const base = await deps.basePath();
  const memoKey = `${entity}:${request.since === null ? 'full' : 'changes'}`;
  const keysFirst = deps.keysFirst?.get(memoKey) ?? { value: false };
  deps.keysFirst?.set(memoKey, keysFirst);
  const newest = new Map<string, { item: Order | HeldImport; at: number }>();
  let cursor = request.since;
  let cursorMs = request.since === null ? -Infinity : Date.parse(request.since);
  let fetched = 0;

  const pages = listByKey(
    { api: deps.api, base, signal: request.signal, keysFirst },
    { entity, filter, fields: salesOrders ? salesOrderFields : shipmentFields, key: salesOrders ? salesOrderKey : shipmentKey, pageSize: settings.pageSize },
  );
  for await (const records of pages) {
    for (const raw of records) {
      const item = salesOrders ? mapSalesOrder(raw, salesOrderMapOptions(settings)) : mapShipment(raw, { statuses: settings.statuses });
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
    fetched += records.length;
    request.onProgress?.(fetched);
  }

  const orders: Order[] = [];
  const held: HeldImport[] = [];
  for (const { item } of newest.values()) {
    if ('reason' in item) held.push(item);
    else orders.push(item);
  }
  return { orders, held, cursor };
}

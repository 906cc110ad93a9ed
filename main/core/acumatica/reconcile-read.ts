// Read-only listing of Acumatica for reconciliation: the documents of a period (and every one still open, whatever
// its date) with their shipments, packages and tracking. Large lists are paged with $expand (500 a page) rather
// than read one document at a time, so 1,000 orders cost a handful of requests (see docs/BENCHMARKS.md).
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { AcumaticaSettings } from '../settings/schema.js';
import type { Api } from './api.js';
import { isNoEntity } from './classify.js';
import { mapSalesOrder, salesOrderMapOptions } from './map-sales-order.js';
import { mapShipment } from './map-shipment.js';
import { allOf, anyOf, dateTimeOffset, keySegment, literal, queryString } from './odata.js';
import { shipmentRecord, type ShipmentRecord } from './records.js';

/** One document (sales order or, in shipment mode, shipment) as Acumatica has it now. */
export interface AcumaticaDocView {
  ref: string;
  status: string;
  lastModified: string;
  /** Shipments of the document (sales-order mode: SalesOrder.Shipments; shipment mode: the shipment itself). */
  shipmentNbrs: string[];
  /** Set when the record no longer maps to an order for the warehouse (shown as Acumatica's side). */
  heldReason?: string;
}

/** One Shipment with what reconciliation compares: packages, tracking and quantity per order line. */
export interface AcumaticaShipmentView {
  shipmentNbr: string;
  status: string;
  trackingNumbers: string[];
  packageCount: number;
  /** Shipped quantity per order reference and line (sales-order mode: OrderLineNbr; shipment mode: LineNbr). */
  shippedByLine: Record<string, Record<string, number>>;
}

export interface ReconcilePage<T> {
  items: T[];
  /** The $skip of the next page, or null when this was the last. */
  next: number | null;
}

export interface AcumaticaReconcileReader {
  /** One page of the period's documents (open ones whatever their date). */
  documents(since: string, skip: number): Promise<ReconcilePage<AcumaticaDocView>>;
  /** One page of the Shipments changed in the period (with packages and lines). */
  shipments(since: string, skip: number): Promise<ReconcilePage<AcumaticaShipmentView>>;
  /** Shipments looked up one by one (those DropStream wrote that the period's list did not hold); null = gone. */
  shipment(shipmentNbr: string): Promise<AcumaticaShipmentView | null>;
}

interface Deps {
  api: Api;
  basePath: () => Promise<string>;
  settings: AcumaticaSettings;
}

const page = z.array(z.unknown());
const DOC_EXPAND_SO = 'Details,Shipments,ShipToAddress,ShipToContact,ShippingSettings';
const DOC_EXPAND_SHIPMENT = 'Details,Orders,Packages,ShippingSettings,ShippingSettings/ShipToAddress,ShippingSettings/ShipToContact';

/** The $filter of the period: changed since `since`, or still in an import status, within the configured scope. */
export function reconcileFilter(settings: AcumaticaSettings, since: string, entity: 'documents' | 'shipments'): string {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new AppError('config', `The reconciliation period start "${since}" is not a date: give it as YYYY-MM-DD.`);
  const salesOrders = settings.mode === 'sales-orders' && entity === 'documents';
  const changed = `${salesOrders ? 'LastModified' : 'LastModifiedDateTime'} ge ${dateTimeOffset(ms)}`;
  const warehouse = settings.warehouseId ? `WarehouseID eq ${literal(settings.warehouseId)}` : '';
  if (entity === 'shipments') return allOf(changed, warehouse);
  const period = `(${changed} or ${anyOf('Status', settings.statuses)})`;
  return allOf(period, salesOrders ? anyOf('OrderType', settings.orderTypes) : warehouse);
}

function shipmentView(sh: ShipmentRecord, mode: AcumaticaSettings['mode']): AcumaticaShipmentView {
  const shippedByLine: Record<string, Record<string, number>> = {};
  for (const d of sh.Details ?? []) {
    const ref = mode === 'sales-orders' ? `${d.OrderType.trim()}-${d.OrderNbr.trim()}` : sh.ShipmentNbr.trim();
    const line = mode === 'sales-orders' ? d.OrderLineNbr : d.LineNbr;
    if (line === null) continue;
    const byLine = (shippedByLine[ref] ??= {});
    byLine[String(line)] = (byLine[String(line)] ?? 0) + (d.ShippedQty ?? 0);
  }
  const packages = sh.Packages ?? [];
  return {
    shipmentNbr: sh.ShipmentNbr.trim(),
    status: sh.Status.trim(),
    trackingNumbers: packages.map((p) => p.TrackingNbr.trim()).filter(Boolean),
    packageCount: packages.length,
    shippedByLine,
  };
}

// Pages of 500: a reconciliation reads every document of the period, and the request budget (at most 30 per 1,000
// orders) matters more than the size of one answer. Paging by $skip is safe here, unlike the import: the period filter
// (changed since the start of the period, or in an import status) only ever gains records while a run goes on, and a
// record changed during the run keeps matching it, so no window shifts over a record not yet read.
const PAGE_SIZE = 500;

export function createReconcileReader(deps: Deps): AcumaticaReconcileReader {
  const { settings } = deps;
  const salesOrders = settings.mode === 'sales-orders';

  async function list(entity: string, filter: string, expand: string, skip: number): Promise<{ rows: unknown[]; next: number | null }> {
    const base = await deps.basePath();
    const res = await deps.api.call({ method: 'GET', path: `${base}/${entity}${queryString({ $filter: filter, $expand: expand, $top: PAGE_SIZE, $skip: skip })}` });
    const parsed = page.safeParse(res.data);
    if (!parsed.success) throw new AppError('business', `Acumatica answered the ${entity} list with something that is not a list: check the Instance URL.`);
    return { rows: parsed.data, next: parsed.data.length < PAGE_SIZE ? null : skip + PAGE_SIZE };
  }

  function parseShipment(raw: unknown): ShipmentRecord {
    const parsed = shipmentRecord.safeParse(raw);
    if (!parsed.success) throw new AppError('business', 'Acumatica sent a Shipment in an unexpected shape; reconciliation stopped so nothing is misreported.');
    return parsed.data;
  }

  return {
    async documents(since, skip) {
      const { rows, next } = await list(salesOrders ? 'SalesOrder' : 'Shipment', reconcileFilter(settings, since, 'documents'), salesOrders ? DOC_EXPAND_SO : DOC_EXPAND_SHIPMENT, skip);
      const items: AcumaticaDocView[] = [];
      for (const raw of rows) {
        const mapped = salesOrders
          ? mapSalesOrder(raw, salesOrderMapOptions(settings))
          : mapShipment(raw, { statuses: settings.statuses });
        // No line ships from the configured warehouse: none of this app's business, like the import.
        if (!mapped) continue;
        const shipmentNbrs = salesOrders
          ? z.array(z.object({ ShipmentNbr: z.object({ value: z.string().nullish() }).loose().nullish() }).loose()).catch([]).parse((raw as { Shipments?: unknown }).Shipments ?? [])
              .map((s) => s.ShipmentNbr?.value?.trim() ?? '')
              .filter(Boolean)
          : [mapped.ref];
        if ('reason' in mapped) {
          items.push({ ref: mapped.ref, status: '', lastModified: mapped.lastModified, shipmentNbrs, heldReason: mapped.reason });
        } else {
          items.push({ ref: mapped.ref, status: mapped.status, lastModified: mapped.lastModified, shipmentNbrs });
        }
      }
      return { items, next };
    },
    async shipments(since, skip) {
      const { rows, next } = await list('Shipment', reconcileFilter(settings, since, 'shipments'), 'Details,Packages', skip);
      return { items: rows.map((raw) => shipmentView(parseShipment(raw), settings.mode)), next };
    },
    async shipment(shipmentNbr) {
      const base = await deps.basePath();
      try {
        const res = await deps.api.call({ method: 'GET', path: `${base}/Shipment/${keySegment(shipmentNbr)}${queryString({ $expand: 'Details,Packages' })}` });
        return shipmentView(parseShipment(res.data), settings.mode);
      } catch (e) {
        if (isNoEntity(e)) return null;
        throw e;
      }
    },
  };
}

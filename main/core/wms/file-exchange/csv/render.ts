// Order -> in/ord_<order_ref>_<yyyymmddHHMMss>.csv: one row per order line, header first, RFC 4180 with CRLF.
import { stringify } from 'csv-stringify/sync';
import type { Order, OrderLine } from '../../../domain/index.js';
import type { OrderAction, OutboundFile } from '../format.js';
import { fileNamePart } from '../transport/safe-path.js';
import { NUMERIC_ORDER_COLUMNS, ORDER_COLUMNS, neutraliseCell, type OrderColumn } from './columns.js';

/** UTC timestamp as yyyymmddHHMMss. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[^0-9]/g, '').slice(0, 14);
}

export function orderFileName(orderRef: string, now: Date): string {
  return `ord_${fileNamePart(orderRef)}_${fileTimestamp(now)}.csv`;
}

function formatQuantity(q: number): string {
  // Plain decimal notation, never 1e-7.
  return Number.isInteger(q) ? String(q) : q.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function rowFor(order: Order, action: OrderAction, line: OrderLine | null): string[] {
  const { address, contact } = order.shipTo;
  const values: Record<OrderColumn, string> = {
    action,
    order_ref: order.ref,
    order_date: order.orderDate,
    ship_via: order.shipVia,
    customer_id: order.customerId,
    customer_po: order.customerPo,
    ship_to_name: contact.name,
    ship_to_company: contact.company,
    ship_to_address1: address.line1,
    ship_to_address2: address.line2,
    ship_to_city: address.city,
    ship_to_state: address.state,
    ship_to_postal_code: address.postalCode,
    ship_to_country: address.country,
    ship_to_phone: contact.phone,
    ship_to_email: contact.email,
    notes: order.notes,
    line_ref: line?.lineRef ?? '',
    sku: line?.sku ?? '',
    quantity: line ? formatQuantity(line.quantity) : '',
    uom: line?.uom ?? '',
    description: line?.description ?? '',
  };
  return ORDER_COLUMNS.map((col) => (NUMERIC_ORDER_COLUMNS.has(col) ? values[col] : neutraliseCell(values[col])));
}

/** The order file. An order without lines (a cancel of an emptied order) still gets one row with empty line columns. */
export function renderCsvOrder(order: Order, action: OrderAction, now: Date): OutboundFile {
  const rows = order.lines.length > 0 ? order.lines.map((l) => rowFor(order, action, l)) : [rowFor(order, action, null)];
  const text = stringify(rows, { header: true, columns: [...ORDER_COLUMNS], record_delimiter: 'windows' });
  return { name: orderFileName(order.ref, now), content: Buffer.from(text, 'utf8') };
}

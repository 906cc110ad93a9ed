// Order -> in/ord_<order_ref>_<yyyymmddHHMMss>.csv: one row per order line, header first, RFC 4180 with CRLF, every
// value written exactly as it is.
import { stringify } from 'csv-stringify/sync';
import type { Order, OrderLine } from '../../../domain/index.js';
import type { OrderAction, OutboundFile } from '../format.js';
import { fileNamePart } from '../transport/safe-path.js';
import { ORDER_COLUMNS, type OrderColumn } from './columns.js';

/** UTC timestamp as yyyymmddHHMMss. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[^0-9]/g, '').slice(0, 14);
}

export function orderFileName(orderRef: string, now: Date): string {
  return `ord_${fileNamePart(orderRef)}_${fileTimestamp(now)}.csv`;
}

/**
 * RFC 4180 section 2.6: a field containing a line break (CR or LF), a double quote or the separator is quoted.
 * csv-stringify quotes only the configured record delimiter (CRLF), so a bare LF or CR would end the record in
 * every reader (issue #15 item 1: "Multi\nLine Attn" split an order into broken records).
 */
const NEEDS_QUOTES = /[\r\n]/;

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
  // Values exactly as Acumatica holds them: an order file is data for a program, not a spreadsheet, and a WMS
  // imports a formula-guard quote as part of the value (a phone `'+1 (206) 555-0100`). Issue #15 item 2.
  return ORDER_COLUMNS.map((col) => values[col]);
}

/** The order file. An order without lines (a cancel of an emptied order) still gets one row with empty line columns. */
export function renderCsvOrder(order: Order, action: OrderAction, now: Date): OutboundFile {
  const rows = order.lines.length > 0 ? order.lines.map((l) => rowFor(order, action, l)) : [rowFor(order, action, null)];
  const text = stringify(rows, { header: true, columns: [...ORDER_COLUMNS], record_delimiter: 'windows', quoted_match: NEEDS_QUOTES });
  return { name: orderFileName(order.ref, now), content: Buffer.from(text, 'utf8') };
}

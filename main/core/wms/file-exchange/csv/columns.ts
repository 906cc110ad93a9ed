// The CSV exchange's public columns (docs/file-exchange.md), in file order. Changing these breaks every WMS that
// reads or writes them.

export const ORDER_COLUMNS = [
  'action',
  'order_ref',
  'order_date',
  'ship_via',
  'customer_id',
  'customer_po',
  'ship_to_name',
  'ship_to_company',
  'ship_to_address1',
  'ship_to_address2',
  'ship_to_city',
  'ship_to_state',
  'ship_to_postal_code',
  'ship_to_country',
  'ship_to_phone',
  'ship_to_email',
  'notes',
  'line_ref',
  'sku',
  'quantity',
  'uom',
  'description',
] as const;

export type OrderColumn = (typeof ORDER_COLUMNS)[number];

export const SHIPMENT_COLUMNS = [
  'order_ref',
  'ship_date',
  'carrier',
  'service',
  'tracking_number',
  'box_id',
  'weight',
  'weight_uom',
  'length',
  'width',
  'height',
  'dimension_uom',
  'line_ref',
  'sku',
  'quantity',
] as const;

export type ShipmentColumn = (typeof SHIPMENT_COLUMNS)[number];

/** Numeric columns are written as plain numbers and never get the formula-injection quote. */
export const NUMERIC_ORDER_COLUMNS: ReadonlySet<OrderColumn> = new Set(['quantity']);

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula: such text cells get a leading single
 * quote, which spreadsheets show as text. `restoreCell` undoes it on the way back in.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

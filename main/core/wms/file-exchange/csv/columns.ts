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

/**
 * Optional columns a WMS may append after the required ones, in this order. `lot_serial`: the lot or serial number
 * of the row's content (Acumatica LotSerialNbr); empty for untracked items.
 */
export const OPTIONAL_SHIPMENT_COLUMNS = ['lot_serial'] as const;

export type OptionalShipmentColumn = (typeof OPTIONAL_SHIPMENT_COLUMNS)[number];

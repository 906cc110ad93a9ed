// The canonical order: what the rest of the code speaks, whichever Acumatica document it came from.
// Acumatica's own names (OrderType, ShipmentNbr, InventoryID) stay at the edge in main/core/acumatica.

/** Which Acumatica document the order was imported from (the import mode). */
export type SourceKind = 'sales-order' | 'shipment';

export interface Address {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  /** ISO 3166 alpha-2 as Acumatica stores it (e.g. "US"). */
  country: string;
}

export interface Contact {
  /** The person (Acumatica ShipToContact.Attention). */
  name: string;
  /** The company (ShipToContact.BusinessName). */
  company: string;
  phone: string;
  email: string;
}

/** The Acumatica key of the source document. */
export type AcumaticaKey =
  | { kind: 'sales-order'; orderType: string; orderNbr: string }
  | { kind: 'shipment'; shipmentNbr: string };

export interface OrderLine {
  /** Acumatica line number (SalesOrder LineNbr / Shipment LineNbr) as text: the line_ref sent to the WMS. */
  lineRef: string;
  /** InventoryID trimmed of Acumatica's padding, case kept as the ERP has it. */
  inventoryId: string;
  alternateId: string;
  /** The SKU the WMS knows; equals inventoryId until the SKU mapping says otherwise. */
  sku: string;
  /** Quantity to ship, in `uom`. In sales-order mode: the line's open quantity. */
  quantity: number;
  uom: string;
  description: string;
  warehouseId: string;
  /**
   * Set on lines sent to the WMS: WMS units per Acumatica unit from the SKU mapping, or for a kit component its
   * quantity per kit. Used to turn shipped WMS quantities back into the Acumatica line's units.
   */
  factor?: number;
  /** Shipment mode: the sales order line this shipment line fulfils (for write-back and display). */
  origin?: { orderType: string; orderNbr: string; orderLineNbr: string };
  /** Acumatica detail line id (GUID): shipment mode sets ShippedQty on that line by id at write-back. */
  acumaticaLineId?: string;
  /** Acumatica "Ship On" date of the line (YYYY-MM-DD): a shipment dated earlier does not offer the line. */
  shipOn?: string;
  /** Acumatica Shipping Rule of the line: "Back Order Allowed", "Cancel Remainder" or "Ship Complete". */
  shippingRule?: string;
  /** The item is lot/serial tracked in Acumatica: its package contents need the warehouse's lot/serial numbers. */
  lotSerialTracked?: boolean;
  /** Shipment mode: the line's splits (Allocations) as Acumatica holds them; package contents must fit one each. */
  splits?: { lotSerialNbr: string; quantity: number }[];
  /** Acumatica LineType ("Goods for Inventory", "Non-Inventory Goods"): non-stock lines have no package contents. */
  lineType?: string;
  /**
   * Write-back only: what earlier fulfillments of this order already wrote back for the line (Acumatica units).
   * Shipment mode sets each line's ShippedQty to this plus the new fulfillment, so a second one adds to the first.
   */
  writtenBackQty?: number;
}

export interface Order {
  /** The order reference sent to the WMS: `<OrderType>-<OrderNbr>` or the ShipmentNbr. Stable idempotency key. */
  ref: string;
  source: SourceKind;
  key: AcumaticaKey;
  /** Acumatica record id (GUID) when known. */
  acumaticaId: string;
  /** Acumatica status label as the server spells it ("Open", "On Hold", "Canceled", …). */
  status: string;
  customerId: string;
  customerPo: string;
  /** ISO date (YYYY-MM-DD). */
  orderDate: string;
  /** ISO date or empty. */
  requestedOn: string;
  shipVia: string;
  warehouseId: string;
  notes: string;
  shipTo: { address: Address; contact: Contact };
  lines: OrderLine[];
  /** Acumatica's change-tracking timestamp (ISO 8601 with offset). */
  lastModified: string;
  /** Lines left out of what goes to the warehouse, with why (non-stock, nothing open). */
  skippedLines: { lineRef: string; inventoryId: string; reason: string }[];
}

/** A record that could not become an Order: kept, shown, never silently dropped. */
export interface HeldImport {
  ref: string;
  source: SourceKind;
  key: AcumaticaKey | null;
  reason: string;
  lastModified: string;
  /** The record as received, for the operator to inspect. */
  raw: unknown;
}

export function orderRefFor(key: AcumaticaKey): string {
  return key.kind === 'sales-order' ? `${key.orderType}-${key.orderNbr}` : key.shipmentNbr;
}

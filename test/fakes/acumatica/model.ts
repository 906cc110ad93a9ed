// The double's stored records: plain values named as Acumatica names them. The wire layer wraps them.

export interface AddressRec {
  AddressLine1: string;
  AddressLine2: string;
  City: string;
  State: string;
  PostalCode: string;
  Country: string;
}

export interface ContactRec {
  Attention: string;
  BusinessName: string;
  Email: string;
  Phone1: string;
}

export interface SalesOrderLineRec {
  id: string;
  LineNbr: number;
  InventoryID: string;
  AlternateID: string;
  LineDescription: string;
  LineType: string;
  OrderQty: number;
  OpenQty: number;
  QtyOnShipments: number;
  ShippedQty: number;
  UnitPrice: number;
  UOM: string;
  WarehouseID: string;
  Completed: boolean;
  /** "Issue" for sales, "Receipt" for RMA return lines (never on a shipment of Operation Issue). */
  Operation: string;
  /** Scheduled ship date: a shipment dated earlier does not offer the line. */
  ShipOn: string;
  /** "Back Order Allowed", "Cancel Remainder" or "Ship Complete" (copied from the order's Shipping Settings). */
  ShippingRule: string;
  /** Filled once a lot/serial number is assigned to the line of a tracked item. */
  LotSerialNbr: string;
}

export interface SalesOrderShipmentRec {
  id: string;
  ShipmentNbr: string;
  ShipmentType: string;
  Status: string;
  ShippedQty: number;
  ShipmentDate: string;
}

export interface SalesOrderRec {
  id: string;
  OrderType: string;
  OrderNbr: string;
  Status: string;
  Hold: boolean;
  CustomerID: string;
  CustomerOrder: string;
  ExternalRef: string;
  Description: string;
  Date: string;
  RequestedOn: string;
  ShipVia: string;
  LocationID: string;
  LastModified: string;
  ShipToAddress: AddressRec;
  ShipToContact: ContactRec;
  ShippingSettings: { ShipVia: string; ShippingRule: string; ShipSeparately: boolean };
  Details: SalesOrderLineRec[];
  Shipments: SalesOrderShipmentRec[];
  /** Wire-level overrides merged into the record as sent (to fake malformed data). */
  wire?: Record<string, unknown>;
}

export interface PackageContentRec {
  id: string;
  InventoryID: string;
  Quantity: number;
  UOM: string;
  OrigOrderType: string;
  OrigOrderNbr: string;
  /** null when the request left the field out: the server compares it exactly, so null matches no split. */
  LotSerialNbr: string | null;
  ShipmentSplitLineNbr: number | null;
}

export interface PackageRec {
  id: string;
  LineNbr: number;
  BoxID: string;
  Type: string;
  TrackingNbr: string;
  Description: string;
  CustomRefNbr1: string;
  Weight: number;
  Length: number | null;
  Width: number | null;
  Height: number | null;
  Confirmed: boolean;
  PackageContents: PackageContentRec[];
}

export interface ShipmentLineRec {
  id: string;
  LineNbr: number;
  OrderType: string;
  OrderNbr: string;
  OrderLineNbr: number;
  InventoryID: string;
  Description: string;
  ShippedQty: number;
  OrderedQty: number;
  UOM: string;
  WarehouseID: string;
  LocationID: string;
  LotSerialNbr: string;
  /** The line's splits (SOShipLineSplit): package contents are matched to one of them each. */
  Allocations: ShipmentSplitRec[];
}

export interface ShipmentSplitRec {
  id: string;
  SplitLineNbr: number;
  InventoryID: string;
  LotSerialNbr: string;
  Qty: number;
  UOM: string;
  LocationID: string;
}

export interface ShipmentRec {
  id: string;
  ShipmentNbr: string;
  Type: string;
  Status: string;
  Hold: boolean;
  Operation: string;
  ShipmentDate: string;
  CustomerID: string;
  WarehouseID: string;
  ShipVia: string;
  Description: string;
  ShippedQty: number;
  ControlQty: number;
  PackageCount: number;
  LastModifiedDateTime: string;
  ShippingSettings: { ShipToAddress: AddressRec; ShipToContact: ContactRec };
  Details: ShipmentLineRec[];
  Orders: { id: string; OrderType: string; OrderNbr: string; ShipmentNbr: string }[];
  Packages: PackageRec[];
  wire?: Record<string, unknown>;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? DeepPartial<U>[] : T[K] extends object | null ? DeepPartial<T[K]> : T[K] };

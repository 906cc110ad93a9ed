// The shapes of SalesOrder and Shipment records as the contract-based API sends them (only the fields used here;
// everything else passes through). Field names follow Default 24.200.001.
import { z } from 'zod';
import { wrappedBoolean, wrappedNumber, wrappedString } from './values.js';

const entity = { id: z.string().optional() };

export const addressRecord = z
  .object({ AddressLine1: wrappedString, AddressLine2: wrappedString, City: wrappedString, State: wrappedString, PostalCode: wrappedString, Country: wrappedString })
  .loose();
export const contactRecord = z
  .object({ Attention: wrappedString, BusinessName: wrappedString, Email: wrappedString, Phone1: wrappedString })
  .loose();

export const salesOrderLineRecord = z
  .object({
    ...entity,
    LineNbr: wrappedNumber,
    InventoryID: wrappedString,
    AlternateID: wrappedString,
    LineDescription: wrappedString,
    LineType: wrappedString,
    OrderQty: wrappedNumber,
    OpenQty: wrappedNumber,
    QtyOnShipments: wrappedNumber,
    UOM: wrappedString,
    WarehouseID: wrappedString,
    Completed: wrappedBoolean,
    // Issue #14: ShipOn (items 4), ShippingRule (6), Operation (9: Receipt lines are RMA returns), LotSerialNbr (1:
    // filled on lines of lot/serial-tracked items once a lot is assigned). The import's $select must keep them.
    ShipOn: wrappedString,
    ShippingRule: wrappedString,
    Operation: wrappedString,
    LotSerialNbr: wrappedString,
  })
  .loose();

export const salesOrderShipmentRecord = z
  .object({ ShipmentNbr: wrappedString, ShipmentType: wrappedString, Status: wrappedString, ShipmentDate: wrappedString })
  .loose();

export const salesOrderRecord = z
  .object({
    ...entity,
    OrderType: wrappedString,
    OrderNbr: wrappedString,
    Status: wrappedString,
    CustomerID: wrappedString,
    CustomerOrder: wrappedString,
    Description: wrappedString,
    Date: wrappedString,
    RequestedOn: wrappedString,
    ShipVia: wrappedString,
    PreferredWarehouseID: wrappedString,
    LastModified: wrappedString,
    ShipToAddress: addressRecord.nullish(),
    ShipToContact: contactRecord.nullish(),
    ShippingSettings: z.object({ ShipVia: wrappedString, ShippingRule: wrappedString }).loose().nullish(),
    Details: z.array(salesOrderLineRecord).nullish(),
    Shipments: z.array(salesOrderShipmentRecord).nullish(),
  })
  .loose();

export const packageContentRecord = z
  .object({
    ...entity,
    InventoryID: wrappedString,
    Quantity: wrappedNumber,
    UOM: wrappedString,
    LotSerialNbr: wrappedString,
    OrigOrderType: wrappedString,
    OrigOrderNbr: wrappedString,
  })
  .loose();

export const shipmentPackageRecord = z
  .object({
    ...entity,
    LineNbr: wrappedNumber,
    BoxID: wrappedString,
    TrackingNbr: wrappedString,
    Description: wrappedString,
    /** DropStream's marker of the fulfillment that added the package (issue #14 item 8). */
    CustomRefNbr1: wrappedString,
    Weight: wrappedNumber,
    PackageContents: z.array(packageContentRecord).nullish(),
  })
  .loose();

export const shipmentLineRecord = z
  .object({
    ...entity,
    LineNbr: wrappedNumber,
    OrderType: wrappedString,
    OrderNbr: wrappedString,
    OrderLineNbr: wrappedNumber,
    InventoryID: wrappedString,
    Description: wrappedString,
    ShippedQty: wrappedNumber,
    OrderedQty: wrappedNumber,
    UOM: wrappedString,
    WarehouseID: wrappedString,
    LotSerialNbr: wrappedString,
    Allocations: z.array(z.object({ ...entity, LotSerialNbr: wrappedString, Qty: wrappedNumber, SplitLineNbr: wrappedNumber }).loose()).nullish(),
  })
  .loose();

export const shipmentRecord = z
  .object({
    ...entity,
    ShipmentNbr: wrappedString,
    Type: wrappedString,
    Status: wrappedString,
    Operation: wrappedString,
    Hold: wrappedBoolean,
    ShipmentDate: wrappedString,
    ControlQty: wrappedNumber,
    ShippedQty: wrappedNumber,
    CustomerID: wrappedString,
    WarehouseID: wrappedString,
    ShipVia: wrappedString,
    Description: wrappedString,
    LastModifiedDateTime: wrappedString,
    // Ship-to sits under ShippingSettings in Default 24.200.001; some builds also send it at the top.
    ShippingSettings: z.object({ ShipToAddress: addressRecord.nullish(), ShipToContact: contactRecord.nullish() }).loose().nullish(),
    ShipToAddress: addressRecord.nullish(),
    ShipToContact: contactRecord.nullish(),
    Details: z.array(shipmentLineRecord).nullish(),
    Orders: z.array(z.object({ OrderType: wrappedString, OrderNbr: wrappedString }).loose()).nullish(),
    Packages: z.array(shipmentPackageRecord).nullish(),
  })
  .loose();

export type SalesOrderRecord = z.infer<typeof salesOrderRecord>;
export type ShipmentRecord = z.infer<typeof shipmentRecord>;
export type ShipmentPackageRecord = z.infer<typeof shipmentPackageRecord>;

/** The $expand lists: detail collections and linked entities come back only when named. */
export const salesOrderExpand = 'Details,ShipToAddress,ShipToContact,ShippingSettings';
export const shipmentExpand = 'Details,Details/Allocations,Orders,Packages,Packages/PackageContents,ShippingSettings,ShippingSettings/ShipToAddress,ShippingSettings/ShipToContact';

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
  })
  .loose();

export const salesOrderShipmentRecord = z
  .object({ ShipmentNbr: wrappedString, ShipmentType: wrappedString, Status: wrappedString })
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
    ShippingSettings: z.object({ ShipVia: wrappedString }).loose().nullish(),
    Details: z.array(salesOrderLineRecord).nullish(),
    Shipments: z.array(salesOrderShipmentRecord).nullish(),
  })
  .loose();

export const packageContentRecord = z
  .object({ ...entity, InventoryID: wrappedString, Quantity: wrappedNumber, UOM: wrappedString })
  .loose();

export const shipmentPackageRecord = z
  .object({
    ...entity,
    LineNbr: wrappedNumber,
    BoxID: wrappedString,
    TrackingNbr: wrappedString,
    Description: wrappedString,
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
  })
  .loose();

export const shipmentRecord = z
  .object({
    ...entity,
    ShipmentNbr: wrappedString,
    Type: wrappedString,
    Status: wrappedString,
    Operation: wrappedString,
    ShipmentDate: wrappedString,
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
export const shipmentExpand = 'Details,Orders,Packages,Packages/PackageContents,ShippingSettings,ShippingSettings/ShipToAddress,ShippingSettings/ShipToContact';

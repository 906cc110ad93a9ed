// The one list of the fields an import asks Acumatica for, per entity, from which both $select and $expand are
// built. records.ts parses these records: a field added there must be added here too, or $select leaves it out and it
// always reads as empty (test/unit/acumatica/query-fields.test.ts fails when the two drift apart, and checks every
// name against the published Default 24.200.001 schema).
//
// Contract version 4 (Default 24.200.001) syntax, from the Integration Development Guide ("Parameters for Retrieving
// Records"): fields of nested entities are paths in the top-level $select (`Details/InventoryID`,
// `ShippingSettings/ShipToAddress/City`), and every nested entity must be named in $expand, parents included
// (`ShippingSettings,ShippingSettings/ShipToAddress`).

export interface FieldTree {
  /** Plain fields of this entity. */
  readonly fields: readonly string[];
  /** Linked entities (one object) and detail entities (a list), by name. */
  readonly nested?: Readonly<Record<string, FieldTree>>;
}

const address: FieldTree = { fields: ['AddressLine1', 'AddressLine2', 'City', 'State', 'PostalCode', 'Country'] };
const contact: FieldTree = { fields: ['Attention', 'BusinessName', 'Email', 'Phone1'] };

export const salesOrderFields: FieldTree = {
  fields: [
    'OrderType', 'OrderNbr', 'Status', 'Hold', 'CustomerID', 'CustomerOrder', 'ExternalRef', 'Description', 'Date',
    'RequestedOn', 'ShipVia', 'LocationID', 'PreferredWarehouseID', 'LastModified',
  ],
  nested: {
    ShipToAddress: address,
    ShipToContact: contact,
    ShippingSettings: { fields: ['ShipVia', 'ShippingRule', 'ShipSeparately'] },
    Details: {
      fields: [
        'LineNbr', 'InventoryID', 'AlternateID', 'LineDescription', 'LineType', 'Operation', 'OrderQty', 'OpenQty',
        'QtyOnShipments', 'UOM', 'WarehouseID', 'ShipOn', 'ShippingRule', 'LotSerialNbr', 'Completed',
      ],
    },
  },
};

export const shipmentFields: FieldTree = {
  fields: [
    'ShipmentNbr', 'Type', 'Status', 'Hold', 'Operation', 'ShipmentDate', 'CustomerID', 'LocationID', 'WarehouseID',
    'ShipVia', 'Description', 'ControlQty', 'ShippedQty', 'LastModifiedDateTime',
  ],
  nested: {
    ShippingSettings: { fields: [], nested: { ShipToAddress: address, ShipToContact: contact } },
    Details: {
      fields: [
        'LineNbr', 'OrderType', 'OrderNbr', 'OrderLineNbr', 'InventoryID', 'Description', 'ShippedQty', 'OrderedQty',
        'OpenQty', 'UOM', 'WarehouseID', 'LocationID', 'LotSerialNbr',
      ],
      nested: { Allocations: { fields: ['SplitLineNbr', 'InventoryID', 'LotSerialNbr', 'Qty', 'UOM', 'LocationID', 'OrderType', 'OrderNbr'] } },
    },
    Orders: { fields: ['OrderType', 'OrderNbr'] },
    Packages: {
      fields: ['LineNbr', 'BoxID', 'Type', 'TrackingNbr', 'Description', 'CustomRefNbr1', 'Weight', 'UOM', 'Confirmed'],
      nested: { PackageContents: { fields: ['InventoryID', 'Quantity', 'UOM', 'LotSerialNbr', 'OrigOrderType', 'OrigOrderNbr', 'ShipmentSplitLineNbr'] } },
    },
  },
};

/** The key fields an import pages by, in key order; the server returns list records in this order. */
export const salesOrderKey = ['OrderType', 'OrderNbr'] as const;
export const shipmentKey = ['ShipmentNbr'] as const;

function walk(tree: FieldTree, prefix: string, visit: (path: string, tree: FieldTree) => void): void {
  visit(prefix, tree);
  for (const [name, child] of Object.entries(tree.nested ?? {})) walk(child, prefix ? `${prefix}/${name}` : name, visit);
}

/** `$expand`: every nested entity, parents before children. */
export function expandOf(tree: FieldTree): string {
  const out: string[] = [];
  walk(tree, '', (path) => {
    if (path) out.push(path);
  });
  return out.join(',');
}

/** `$select`: every field as a path from the top-level entity. */
export function selectOf(tree: FieldTree): string {
  const out: string[] = [];
  walk(tree, '', (path, t) => {
    for (const f of t.fields) out.push(path ? `${path}/${f}` : f);
  });
  return out.join(',');
}

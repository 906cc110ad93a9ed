// A Shipment record (shipment mode) -> the canonical Order of what that shipment should carry, or a HeldImport.
import type { HeldImport, Order, OrderLine } from '../domain/index.js';
import { looseText, qty, shapeReason, toAddress, toContact } from './map-common.js';
import { shipmentRecord } from './records.js';
import { inImportStatus } from './map-sales-order.js';
import { datePart } from './values.js';

export function mapShipment(raw: unknown, opts: { statuses: readonly string[] }): Order | HeldImport {
  const shipmentNbr = looseText(raw, 'ShipmentNbr');
  const hold = (reason: string): HeldImport => ({
    ref: shipmentNbr || '(unknown shipment)',
    source: 'shipment',
    key: shipmentNbr ? { kind: 'shipment', shipmentNbr } : null,
    reason,
    lastModified: looseText(raw, 'LastModifiedDateTime'),
    raw,
  });

  const parsed = shipmentRecord.safeParse(raw);
  if (!parsed.success) return hold(shapeReason(parsed.error));
  const sh = parsed.data;
  const nbr = sh.ShipmentNbr.trim();
  if (!nbr) return hold('The record has no ShipmentNbr.');

  const lines: OrderLine[] = [];
  const skippedLines: Order['skippedLines'] = [];
  for (const d of sh.Details ?? []) {
    const inventoryId = d.InventoryID.trim();
    const lineRef = d.LineNbr === null ? '' : String(d.LineNbr);
    if (lineRef === '') {
      skippedLines.push({ lineRef, inventoryId, reason: 'no LineNbr' });
      continue;
    }
    if (!inventoryId) {
      skippedLines.push({ lineRef, inventoryId, reason: 'no InventoryID' });
      continue;
    }
    const quantity = d.ShippedQty ?? 0;
    if (!(quantity > 0)) {
      skippedLines.push({ lineRef, inventoryId, reason: 'nothing to ship on this shipment line (quantity 0)' });
      continue;
    }
    const line: OrderLine = {
      lineRef,
      inventoryId,
      alternateId: '',
      sku: inventoryId,
      quantity: qty(quantity),
      uom: d.UOM.trim(),
      description: d.Description.trim(),
      warehouseId: d.WarehouseID.trim() || sh.WarehouseID.trim(),
      // The line's id: the write-back sets its ShippedQty to what the warehouse shipped (issue #14 item 7).
      ...(d.id ? { acumaticaLineId: d.id } : {}),
      ...(d.LotSerialNbr.trim() || (d.Allocations ?? []).some((a) => a.LotSerialNbr.trim()) ? { lotSerialTracked: true } : {}),
      ...(d.Allocations?.length ? { splits: d.Allocations.map((a) => ({ lotSerialNbr: a.LotSerialNbr.trim(), quantity: a.Qty ?? 0 })) } : {}),
    };
    if (d.OrderType && d.OrderNbr) {
      line.origin = { orderType: d.OrderType.trim(), orderNbr: d.OrderNbr.trim(), orderLineNbr: d.OrderLineNbr === null ? '' : String(d.OrderLineNbr) };
    }
    lines.push(line);
  }

  const address = toAddress(sh.ShippingSettings?.ShipToAddress ?? sh.ShipToAddress);
  const active = inImportStatus(sh.Status, opts.statuses);
  if (active && !address.country) {
    return hold('The ship-to address has no country: fill in the Ship-To Country on the shipment in Acumatica.');
  }
  if (active && lines.length === 0) return hold('Nothing on this shipment can be shipped (no line with a quantity).');
  const firstOrder = sh.Orders?.[0];

  return {
    ref: nbr,
    source: 'shipment',
    key: { kind: 'shipment', shipmentNbr: nbr },
    acumaticaId: sh.id ?? '',
    status: sh.Status.trim(),
    customerId: sh.CustomerID.trim(),
    customerPo: '',
    orderDate: datePart(sh.ShipmentDate),
    requestedOn: '',
    shipVia: sh.ShipVia.trim(),
    warehouseId: sh.WarehouseID.trim(),
    notes: [sh.Description.trim(), firstOrder ? `Order ${firstOrder.OrderType.trim()} ${firstOrder.OrderNbr.trim()}` : ''].filter(Boolean).join(' | '),
    shipTo: { address, contact: toContact(sh.ShippingSettings?.ShipToContact ?? sh.ShipToContact) },
    lines,
    lastModified: sh.LastModifiedDateTime,
    skippedLines,
  };
}

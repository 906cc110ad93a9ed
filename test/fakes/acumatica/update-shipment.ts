// The double's PUT /Shipment on an existing shipment (If-Match, or its ShipmentNbr): lines set by id or added from
// sales-order lines under the same rules as at creation, packages added or edited, Description, Hold, ControlQty.
// A refused request changes nothing, as the server's transaction rolls back.
import { randomUUID } from 'node:crypto';
import type { SalesOrderLineRec, SalesOrderRec, ShipmentLineRec, ShipmentRec } from './model.js';
import { lineRefusal, packContents, resizeSplits, splitsFor } from './shipment-rules.js';
import { AcumaticaStore, pxError, type Answer } from './store.js';
import { list, num, str, val } from './wire.js';

const eqi = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function updateShipment(store: AcumaticaStore, sh: ShipmentRec, body: Record<string, unknown>, echo: Record<string, unknown>): Answer {
  const editable = sh.Status === 'Open' || sh.Status === 'On Hold';
  const shipVia = str(body, 'ShipVia');
  if (shipVia && !eqi(shipVia, sh.ShipVia)) {
    if (!editable) {
      AcumaticaStore.flag(echo, 'ShipVia', `The shipment has the status ${sh.Status}: Ship Via cannot be changed.`);
      return { status: 422, body: echo };
    }
    if (!store.opts.knownShipVia.some((s) => eqi(s, shipVia))) {
      AcumaticaStore.flag(echo, 'ShipVia', `Ship Via '${shipVia}' cannot be found in the system.`);
      return { status: 422, body: echo };
    }
  }
  const packages = list(body, 'Packages');
  if (!store.checkPackages(packages, list(echo, 'Packages'))) return { status: 422, body: echo };
  // Work on a copy: a refused request changes nothing, as the server's transaction rolls back.
  const draft = structuredClone(sh);
  const details = list(body, 'Details');
  const echoDetails = list(echo, 'Details');
  const added: { so: SalesOrderRec; line: SalesOrderLineRec; qty: number }[] = [];
  const changed: { line: SalesOrderLineRec; delta: number }[] = [];
  let ok = true;
  details.forEach((d, i) => {
    const e = echoDetails[i] ?? {};
    if (!editable) {
      AcumaticaStore.flag(e, 'ShippedQty', `The shipment has the status ${sh.Status}: its lines cannot be changed.`);
      ok = false;
      return;
    }
    const qty = num(d, 'ShippedQty');
    if (typeof d.id === 'string') {
      const line = draft.Details.find((x) => x.id === d.id);
      if (!line) {
        AcumaticaStore.flag(e, 'ShippedQty', `The shipment line ${d.id} cannot be found.`);
        ok = false;
        return;
      }
      if (qty === null) return;
      const soLine = store.findOrder(line.OrderType, line.OrderNbr)?.Details.find((l) => l.LineNbr === line.OrderLineNbr);
      if (qty < 0 || (soLine && qty - line.ShippedQty > soLine.OpenQty + 1e-9)) {
        AcumaticaStore.flag(e, 'ShippedQty', `The shipped quantity ${qty} of line ${line.LineNbr} is not valid.`);
        ok = false;
        return;
      }
      if (soLine) changed.push({ line: soLine, delta: qty - line.ShippedQty });
      line.ShippedQty = qty;
      resizeSplits(line, qty, Math.max(0, ...draft.Details.flatMap((x) => x.Allocations.map((a) => a.SplitLineNbr))) + 1);
      return;
    }
    // A new line on an existing shipment: same rules as at creation (warehouse, Ship On, operation, open qty).
    const so = store.findOrder(str(d, 'OrderType'), str(d, 'OrderNbr'));
    const soLine = so?.Details.find((l) => l.LineNbr === num(d, 'OrderLineNbr'));
    if (!so || !soLine) {
      AcumaticaStore.flag(e, 'OrderNbr', `The order line ${str(d, 'OrderType')} ${str(d, 'OrderNbr')} ${String(val(d, 'OrderLineNbr'))} cannot be found.`);
      ok = false;
      return;
    }
    const refusal = lineRefusal(so, soLine, sh.WarehouseID, sh.ShipmentDate);
    const q = qty ?? 0;
    if (refusal) AcumaticaStore.flag(e, refusal.field, refusal.message);
    if (q <= 0 || q > soLine.OpenQty + 1e-9) AcumaticaStore.flag(e, 'ShippedQty', `The shipped quantity ${q} exceeds the open quantity ${soLine.OpenQty} of line ${soLine.LineNbr}.`);
    if (refusal || q <= 0 || q > soLine.OpenQty + 1e-9) {
      ok = false;
      return;
    }
    const allocations = list(d, 'Allocations').map((x) => ({ LotSerialNbr: str(x, 'LotSerialNbr'), Qty: num(x, 'Qty') ?? 0 }));
    const line: ShipmentLineRec = {
      id: randomUUID(),
      LineNbr: Math.max(0, ...draft.Details.map((x) => x.LineNbr)) + 1,
      OrderType: so.OrderType,
      OrderNbr: so.OrderNbr,
      OrderLineNbr: soLine.LineNbr,
      InventoryID: soLine.InventoryID,
      Description: soLine.LineDescription,
      ShippedQty: q,
      OrderedQty: soLine.OrderQty,
      UOM: soLine.UOM,
      WarehouseID: soLine.WarehouseID,
      LocationID: 'R1S1',
      LotSerialNbr: allocations[0]?.LotSerialNbr ?? '',
      Allocations: [],
    };
    line.Allocations = splitsFor(line, allocations, store.tracked(line.InventoryID), Math.max(0, ...draft.Details.flatMap((x) => x.Allocations.map((s) => s.SplitLineNbr))) + 1);
    draft.Details.push(line);
    added.push({ so, line: soLine, qty: q });
    if (!draft.Orders.some((o) => eqi(o.OrderType, so.OrderType) && eqi(o.OrderNbr, so.OrderNbr))) draft.Orders.push({ id: randomUUID(), OrderType: so.OrderType, OrderNbr: so.OrderNbr, ShipmentNbr: sh.ShipmentNbr });
  });
  if (!ok) return { status: 422, body: echo };
  for (const p of packages) {
    const found = typeof p.id === 'string' ? draft.Packages.find((x) => x.id === p.id) : undefined;
    if (found && p.delete === true) draft.Packages = draft.Packages.filter((x) => x !== found);
    else if (found) {
      if (val(p, 'TrackingNbr') !== undefined) found.TrackingNbr = str(p, 'TrackingNbr');
      if (val(p, 'BoxID') !== undefined) found.BoxID = str(p, 'BoxID');
      if (num(p, 'Weight') !== null) found.Weight = num(p, 'Weight') ?? 0;
    } else draft.Packages.push(store.packageFrom(p, Math.max(0, ...draft.Packages.map((x) => x.LineNbr)) + 1));
  }
  const unpacked = packContents(draft.Details, draft.Packages);
  if (unpacked) return pxError(unpacked);
  if (editable) {
    if (num(body, 'ControlQty') !== null) draft.ControlQty = num(body, 'ControlQty') ?? 0;
    if (val(body, 'Description') !== undefined) draft.Description = str(body, 'Description');
    if (val(body, 'Hold') !== undefined) {
      draft.Hold = val(body, 'Hold') === true;
      draft.Status = draft.Hold ? 'On Hold' : 'Open';
    }
  }
  if (shipVia) draft.ShipVia = shipVia;
  draft.ShippedQty = draft.Details.reduce((t, l) => t + l.ShippedQty, 0);
  draft.PackageCount = draft.Packages.length;
  draft.LastModifiedDateTime = store.stamp();
  Object.assign(sh, draft);
  for (const c of changed) {
    c.line.QtyOnShipments += c.delta;
    AcumaticaStore.recomputeLine(c.line);
  }
  for (const r of added) {
    r.line.QtyOnShipments += r.qty;
    AcumaticaStore.recomputeLine(r.line);
    const ref = r.so.Shipments.find((x) => x.ShipmentNbr === sh.ShipmentNbr);
    if (ref) ref.ShippedQty += r.qty;
    else r.so.Shipments.push({ id: randomUUID(), ShipmentNbr: sh.ShipmentNbr, ShipmentType: 'Shipment', Status: sh.Status, ShippedQty: r.qty, ShipmentDate: sh.ShipmentDate });
    r.so.LastModified = store.stamp();
  }
  for (const o of sh.Orders) {
    const ref = store.findOrder(o.OrderType, o.OrderNbr)?.Shipments.find((x) => x.ShipmentNbr === sh.ShipmentNbr);
    if (ref) ref.Status = sh.Status;
  }
  return { status: 200, body: sh };
}

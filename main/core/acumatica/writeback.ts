// Writing a fulfillment back: the duplicate check before creating, the PUT itself, and the ConfirmShipment action.
// No write is ever resent blindly: after an unknown outcome the engine calls findExistingShipment first.
import { z } from 'zod';
import type { Order } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Api } from './api.js';
import { isNoEntity } from './classify.js';
import type { ShipmentPlan } from './gateway.js';
import { keySegment, queryString } from './odata.js';
import { qty } from './map-common.js';
import { createdByApp, DESCRIPTION_LENGTH } from './plan.js';
import { salesOrderRecord, shipmentRecord, type ShipmentRecord } from './records.js';

interface Deps {
  api: Api;
  basePath: () => Promise<string>;
}

/** The fulfillment markers a shipment's Description holds: one, or several once this app merged more into it. */
function descriptionMarkers(description: string): string[] {
  return description.split(MARKER_SEPARATOR).map((m) => m.trim()).filter(Boolean);
}

const MARKER_SEPARATOR = ' | ';

function carriesPlan(sh: ShipmentRecord, plan: ShipmentPlan, marker: string): boolean {
  if (marker && descriptionMarkers(sh.Description).includes(marker.trim())) return true;
  // The package marker (CustomRefNbr1) finds packages added by a lost answer even without tracking numbers.
  const pm = plan.packageMarker?.trim();
  if (pm && (sh.Packages ?? []).some((p) => p.CustomRefNbr1.trim() === pm)) {
    if (!plan.warehouseId || !sh.WarehouseID.trim() || sh.WarehouseID.trim().toLowerCase() === plan.warehouseId.trim().toLowerCase()) return true;
  }
  if (plan.trackingNumbers.length === 0) return false;
  const have = new Set((sh.Packages ?? []).map((p) => p.TrackingNbr.trim().toLowerCase()));
  return plan.trackingNumbers.every((t) => have.has(t.trim().toLowerCase()));
}

async function getShipment(deps: Deps, shipmentNbr: string): Promise<ShipmentRecord | null> {
  const base = await deps.basePath();
  try {
    const res = await deps.api.call({ method: 'GET', path: `${base}/Shipment/${keySegment(shipmentNbr)}${queryString({ $expand: 'Packages' })}` });
    const parsed = shipmentRecord.safeParse(res.data);
    if (!parsed.success) throw new AppError('business', `Acumatica sent Shipment ${shipmentNbr} in an unexpected shape.`);
    return parsed.data;
  } catch (e) {
    if (isNoEntity(e)) return null;
    throw e;
  }
}

export async function findExistingShipment(deps: Deps, order: Order, plan: ShipmentPlan): Promise<string | null> {
  if (plan.mode === 'update') {
    const nbr = plan.shipmentNbr ?? (order.key.kind === 'shipment' ? order.key.shipmentNbr : null);
    if (!nbr) return null;
    const sh = await getShipment(deps, nbr);
    // Only when the packages are already there (by marker or tracking numbers): the engine then skips the PUT.
    return sh && (plan.trackingNumbers.length > 0 || plan.packageMarker) && carriesPlan(sh, { ...plan, body: {} }, '') ? nbr : null;
  }
  if (order.key.kind !== 'sales-order') return null;
  const shipments = (await orderShipments(deps, order)).map((s) => s.nbr);
  const marker = plan.shipmentMarker ?? '';
  for (const nbr of [...new Set(shipments)].reverse()) {
    const sh = await getShipment(deps, nbr);
    if (sh && carriesPlan(sh, plan, marker)) return nbr;
  }
  return null;
}

const openStatuses = new Set(['open', 'on hold']);

/** The order's shipments (type Shipment) with their status, from SalesOrder.Shipments. */
async function orderShipments(deps: Deps, order: Pick<Order, 'key' | 'ref'>): Promise<{ nbr: string; status: string }[]> {
  if (order.key.kind !== 'sales-order') return [];
  const base = await deps.basePath();
  try {
    const res = await deps.api.call({
      method: 'GET',
      path: `${base}/SalesOrder/${keySegment(order.key.orderType)}/${keySegment(order.key.orderNbr)}${queryString({ $expand: 'Shipments' })}`,
    });
    const parsed = salesOrderRecord.safeParse(res.data);
    if (!parsed.success) throw new AppError('business', `Acumatica sent sales order ${order.ref} in an unexpected shape.`);
    return (parsed.data.Shipments ?? [])
      .filter((s) => !s.ShipmentType || /^(shipment|s)$/i.test(s.ShipmentType.trim()))
      .map((s) => ({ nbr: s.ShipmentNbr.trim(), status: s.Status.trim() }))
      .filter((s) => s.nbr);
  } catch (e) {
    if (isNoEntity(e)) return [];
    throw e;
  }
}

/**
 * Acumatica keeps one open shipment per order and warehouse: creating a second fails ("New shipment cannot be
 * created for the sales order … already has the … open shipment", issue #14 item 2). When it refuses, look at the
 * order's open shipments: one of the same warehouse created by this app gets the lines and packages added (PUT with
 * its ShipmentNbr and If-Match: *); one made by someone else holds the write-back with that reason. A shipment
 * already carrying this plan (a lost answer) is returned as it is. Returns the plan to send (a new one when merged),
 * or the number of the shipment that already carries it.
 */
async function prepareCreate(deps: Deps, plan: ShipmentPlan): Promise<{ plan: ShipmentPlan } | { already: string }> {
  const so = plan.salesOrder;
  if (!so) return { plan };
  const order: Pick<Order, 'key' | 'ref'> = { key: { kind: 'sales-order', ...so }, ref: `${so.orderType}-${so.orderNbr}` };
  const marker = plan.shipmentMarker ?? '';
  for (const s of await orderShipments(deps, order)) {
    if (!openStatuses.has(s.status.toLowerCase())) continue;
    const sh = await getShipment(deps, s.nbr);
    if (!sh) continue;
    if (carriesPlan(sh, plan, marker)) return { already: s.nbr };
    const wh = sh.WarehouseID.trim().toLowerCase();
    if (plan.warehouseId && wh && wh !== plan.warehouseId.trim().toLowerCase()) continue;
    if (!createdByApp(sh.Description)) {
      throw new AppError(
        'business',
        `${order.ref} already has the open shipment ${s.nbr}${sh.WarehouseID.trim() ? ` for warehouse ${sh.WarehouseID.trim()}` : ''}, not created by DropStream, and Acumatica allows one open shipment per order and warehouse: ` +
          'confirm or delete that shipment in Acumatica, then retry the write-back.',
      );
    }
    return { plan: mergedInto(order.ref, sh, plan, marker) };
  }
  return { plan };
}

/**
 * Ours (confirmation off or refused earlier): the plan becomes an update adding this fulfillment's lines and
 * packages. Its marker is appended to the Description in the same PUT, so a lost answer is recognised even for a
 * fulfillment without packages (no package marker, no tracking number): the lines are never added twice.
 */
function mergedInto(orderRef: string, sh: ShipmentRecord, plan: ShipmentPlan, marker: string): ShipmentPlan {
  const { Type: _t, CustomerID: _c, WarehouseID: _w, Description: _d, ShipmentDate: _sd, ControlQty: _q, ...rest } = plan.body;
  const description = [...descriptionMarkers(sh.Description), marker].join(MARKER_SEPARATOR);
  const fits = description.length <= DESCRIPTION_LENGTH;
  if (!fits && plan.trackingNumbers.length === 0 && !(Array.isArray(rest.Packages) && rest.Packages.length > 0)) {
    throw new AppError(
      'business',
      `${orderRef} already has the open shipment ${sh.ShipmentNbr.trim()} made by DropStream, whose Description has no room to record one more fulfillment, and this one has no packages to recognise it by: ` +
        'confirm that shipment in Acumatica, then retry the write-back.',
    );
  }
  return {
    ...plan,
    mode: 'update',
    shipmentNbr: sh.ShipmentNbr.trim(),
    body: {
      ShipmentNbr: { value: sh.ShipmentNbr.trim() },
      ...(fits ? { Description: { value: description } } : {}),
      ...rest,
      ControlQty: { value: qty((sh.ShippedQty ?? 0) + (plan.controlQty ?? 0)) },
    },
  };
}

const putAnswer = z.object({ ShipmentNbr: z.object({ value: z.string().min(1) }).loose() }).loose();

/** Acumatica's refusal of a second open shipment for an order and warehouse, matched by meaning (issue #14 item 2). */
function isOpenShipmentRefusal(e: unknown): boolean {
  return e instanceof AppError && e.kind === 'business' && /open shipment/i.test(`${e.serverMessage ?? ''} ${e.message}`);
}

/**
 * Creates optimistically: most orders have no open shipment, so the order's shipments are read only when Acumatica
 * refuses a second open one (3 requests per write-back, not 4). Then an open shipment of DropStream's own gets the
 * lines and packages added, one made by someone else holds the write-back with that reason.
 */
export async function putShipment(deps: Deps, planned: ShipmentPlan): Promise<string> {
  if (planned.mode !== 'create' || !planned.salesOrder) return send(deps, planned, planned);
  try {
    return await send(deps, planned, planned);
  } catch (e) {
    if (!isOpenShipmentRefusal(e)) throw e;
    const prepared = await prepareCreate(deps, planned);
    if ('already' in prepared) {
      planned.shipmentNbr = prepared.already;
      return prepared.already;
    }
    if (prepared.plan.mode === 'create') throw e; // no open shipment of its warehouse found: keep the server's words
    return send(deps, planned, prepared.plan);
  }
}

async function send(deps: Deps, planned: ShipmentPlan, plan: ShipmentPlan): Promise<string> {
  // The caller keeps what is sent (shown to the operator), also when the answer is lost.
  Object.assign(planned, { mode: plan.mode, shipmentNbr: plan.shipmentNbr, body: plan.body });
  const base = await deps.basePath();
  const res = await deps.api
    .call({
      method: 'PUT',
      path: `${base}/Shipment`,
      body: plan.body,
      // Update mode must never create a stray Shipment; create mode has no key yet, so a plain PUT.
      ...(plan.mode === 'update' ? { headers: { 'If-Match': '*' } } : {}),
    })
    .catch((e: unknown) => {
      throw withPackingHint(e, plan);
    });
  const parsed = putAnswer.safeParse(res.data);
  if (!parsed.success) throw new AppError('business', 'Acumatica saved the Shipment but did not return its ShipmentNbr: check the Shipments form.');
  const nbr = parsed.data.ShipmentNbr.value.trim();
  planned.shipmentNbr = nbr;
  return nbr;
}

/**
 * Acumatica's "No suitable items found to pack" names nothing: add which items the packages held and the two
 * settings that decide their rows (a lot/serial tracked item sent without lots is the usual cause).
 */
function withPackingHint(e: unknown, plan: ShipmentPlan): unknown {
  if (!(e instanceof AppError) || !/no suitable items found to pack/i.test(e.serverMessage ?? e.message)) return e;
  const items = new Set<string>();
  for (const p of Array.isArray(plan.body.Packages) ? (plan.body.Packages as Record<string, unknown>[]) : []) {
    for (const c of Array.isArray(p.PackageContents) ? (p.PackageContents as Record<string, { value?: unknown } | undefined>[]) : []) {
      if (typeof c.InventoryID?.value === 'string') items.add(c.InventoryID.value);
    }
  }
  const hint =
    ` The package contents held ${[...items].join(', ') || 'no items'}: if one of them is lot/serial tracked in Acumatica, ask the warehouse for its lot/serial numbers ` +
    'or add it to Settings > Acumatica > Lot/serial items; or turn Package contents off to send packages without contents.';
  return new AppError(e.kind, `${e.message}${hint}`, {
    ...(e.serverMessage !== undefined ? { serverMessage: e.serverMessage } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.fields !== undefined ? { fields: e.fields } : {}),
    cause: e,
  });
}

const confirmedStatuses = new Set(['confirmed', 'completed', 'invoiced', 'partially invoiced']);

export async function confirmShipment(deps: Deps, shipmentNbr: string): Promise<void> {
  const base = await deps.basePath();
  try {
    await deps.api.action(`${base}/Shipment/ConfirmShipment`, { entity: { ShipmentNbr: { value: shipmentNbr } } });
  } catch (e) {
    // A 404 while following the action's status address: the server finished the action and forgot it, and its
    // last answer was lost on the way (seen under fault injection). Ask the shipment, as for "already confirmed".
    if (!(e instanceof AppError) || (e.kind !== 'business' && e.status !== 404)) throw e;
    // "Already confirmed" is worded differently across versions: ask the shipment itself.
    const sh = await getShipment(deps, shipmentNbr);
    if (sh && confirmedStatuses.has(sh.Status.trim().toLowerCase())) return;
    throw e;
  }
}

// Writing a fulfillment back: the duplicate check before creating, the PUT itself, and the ConfirmShipment action.
// No write is ever resent blindly: after an unknown outcome the engine calls findExistingShipment first.
import { z } from 'zod';
import type { Order } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Api } from './api.js';
import { isNoEntity } from './classify.js';
import type { ShipmentPlan } from './gateway.js';
import { keySegment, queryString } from './odata.js';
import { salesOrderRecord, shipmentRecord, type ShipmentRecord } from './records.js';

interface Deps {
  api: Api;
  basePath: () => Promise<string>;
}

/** The "DropStream <id>" marker of a create plan, read back from its body. */
function planMarker(plan: ShipmentPlan): string {
  const d = plan.body.Description;
  const v = d !== null && typeof d === 'object' ? (d as Record<string, unknown>).value : undefined;
  return typeof v === 'string' ? v : '';
}

function carriesPlan(sh: ShipmentRecord, plan: ShipmentPlan, marker: string): boolean {
  if (marker && sh.Description.trim() === marker.trim()) return true;
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
    // Only when every package is already there: the engine then skips the PUT.
    return sh && plan.trackingNumbers.length > 0 && carriesPlan(sh, { ...plan, body: {} }, '') ? nbr : null;
  }
  if (order.key.kind !== 'sales-order') return null;
  const base = await deps.basePath();
  let shipments: string[];
  try {
    const res = await deps.api.call({
      method: 'GET',
      path: `${base}/SalesOrder/${keySegment(order.key.orderType)}/${keySegment(order.key.orderNbr)}${queryString({ $expand: 'Shipments' })}`,
    });
    const parsed = salesOrderRecord.safeParse(res.data);
    if (!parsed.success) throw new AppError('business', `Acumatica sent sales order ${order.ref} in an unexpected shape.`);
    shipments = (parsed.data.Shipments ?? [])
      .filter((s) => !s.ShipmentType || /^(shipment|s)$/i.test(s.ShipmentType.trim()))
      .map((s) => s.ShipmentNbr.trim())
      .filter(Boolean);
  } catch (e) {
    if (isNoEntity(e)) return null;
    throw e;
  }
  const marker = planMarker(plan) || '';
  for (const nbr of [...new Set(shipments)].reverse()) {
    const sh = await getShipment(deps, nbr);
    if (sh && carriesPlan(sh, plan, marker)) return nbr;
  }
  return null;
}

const putAnswer = z.object({ ShipmentNbr: z.object({ value: z.string().min(1) }).loose() }).loose();

export async function putShipment(deps: Deps, plan: ShipmentPlan): Promise<string> {
  const base = await deps.basePath();
  const res = await deps.api.call({
    method: 'PUT',
    path: `${base}/Shipment`,
    body: plan.body,
    // Update mode must never create a stray Shipment; create mode has no key yet, so a plain PUT.
    ...(plan.mode === 'update' ? { headers: { 'If-Match': '*' } } : {}),
  });
  const parsed = putAnswer.safeParse(res.data);
  if (!parsed.success) throw new AppError('business', 'Acumatica saved the Shipment but did not return its ShipmentNbr: check the Shipments form.');
  const nbr = parsed.data.ShipmentNbr.value.trim();
  plan.shipmentNbr = nbr;
  return nbr;
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

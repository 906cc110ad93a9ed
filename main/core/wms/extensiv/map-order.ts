// The canonical Order -> the body of POST /orders (and PUT /orders/{id}). Quantities are in warehouse units already
// (the engine's SKU mapping converted them); the routing comes from the ShipVia mapping in the settings.
import type { Order } from '../../domain/index.js';
import { AppError } from '../../errors.js';
import type { ExtensivRouting, ExtensivSettings } from './settings.js';

export interface OrderItemBody {
  readOnly?: { orderItemId: number };
  itemIdentifier: { sku: string };
  qty: number;
  qualifier?: string;
  notes?: string;
}

export interface OrderBody {
  customerIdentifier: { id: number };
  facilityIdentifier: { id: number };
  referenceNum: string;
  poNum: string;
  notes: string;
  /** The requested ship date (Acumatica RequestedOn), as Extensiv writes dates: no offset. */
  earliestShipDate?: string;
  routingInfo?: { carrier: string; mode: string; scacCode: string };
  shipTo: {
    companyName: string;
    name: string;
    address1: string;
    address2: string;
    city: string;
    state: string;
    zip: string;
    country: string;
    phoneNumber: string;
    emailAddress: string;
  };
  orderItems: OrderItemBody[];
}

/** The routing for a ShipVia: its own mapping, else the "*" fallback, else none when ShipVia is empty. */
export function routingFor(settings: Pick<ExtensivSettings, 'routing'>, order: Order): ExtensivRouting | undefined {
  const shipVia = order.shipVia.trim();
  const exact = settings.routing[shipVia] ?? Object.entries(settings.routing).find(([k]) => k.trim().toUpperCase() === shipVia.toUpperCase())?.[1];
  if (exact) return exact;
  if (settings.routing['*']) return settings.routing['*'];
  if (shipVia === '') return undefined;
  throw new AppError(
    'business',
    `Order ${order.ref}: ShipVia "${shipVia}" has no Extensiv routing. Add it under Settings > Warehouse > Extensiv routing (carrier, mode, SCAC), or a "*" fallback, then retry.`,
    { fields: { shipVia } },
  );
}

export function toOrderBody(settings: ExtensivSettings, order: Order): OrderBody {
  if (order.lines.length === 0) {
    throw new AppError('business', `Order ${order.ref} has no lines for the warehouse: nothing to send to Extensiv.`);
  }
  const routing = routingFor(settings, order);
  const { address, contact } = order.shipTo;
  const body: OrderBody = {
    customerIdentifier: { id: settings.customerId },
    facilityIdentifier: { id: settings.facilityId },
    referenceNum: order.ref,
    poNum: order.customerPo,
    notes: order.notes,
    shipTo: {
      companyName: contact.company,
      name: contact.name,
      address1: address.line1,
      address2: address.line2,
      city: address.city,
      state: address.state,
      zip: address.postalCode,
      country: address.country,
      phoneNumber: contact.phone,
      emailAddress: contact.email,
    },
    orderItems: order.lines.map((l) => ({
      itemIdentifier: { sku: l.sku },
      qty: l.quantity,
      ...(settings.uomPicksItemQualifier && l.uom ? { qualifier: l.uom } : {}),
    })),
  };
  // Like the X12 940's G62*10: the date Acumatica asks the order to ship on, when it has one.
  const requested = /^\d{4}-\d{2}-\d{2}/.exec(order.requestedOn)?.[0];
  if (requested) body.earliestShipDate = `${requested}T00:00:00`;
  if (routing) body.routingInfo = { carrier: routing.carrier, mode: routing.mode, scacCode: routing.scac };
  return body;
}

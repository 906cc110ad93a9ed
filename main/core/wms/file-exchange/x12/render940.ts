// Order -> the body of a 940 Warehouse Shipping Order (segments between ST and SE). Envelope and counts: writer.ts.
import { AppError } from '../../../errors.js';
import type { Order, OrderLine } from '../../../domain/index.js';
import type { OrderAction } from '../format.js';
import type { X12Profile } from './settings.js';
import { checkId, decimal, textChunks, textField } from './text.js';
import { seg, type Segment, type Separators } from './writer.js';

const PURPOSE: Record<OrderAction, string> = { new: 'N', change: 'R', cancel: 'F' };

/** The X12 unit code for an Acumatica UOM, or a business error saying how to map it. */
export function unitCode(uom: string, profile: X12Profile): string {
  const mapped = profile.units[uom] ?? profile.units[uom.toUpperCase()];
  if (mapped !== undefined) return mapped;
  if (/^[0-9A-Za-z]{2}$/.test(uom)) return uom.toUpperCase();
  throw new AppError('business', `Unit "${uom}" has no 2-character X12 unit code. Add it to the partner's unit map (e.g. ${uom}=EA) and retry.`);
}

function isoToEdi(iso: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new AppError('business', `${what} "${iso}" is not a date (YYYY-MM-DD).`);
  return `${m[1]}${m[2]}${m[3]}`;
}

function shipToSegments(order: Order, seps: Separators): Segment[] {
  const { address, contact } = order.shipTo;
  const company = textField(contact.company, seps, 60);
  const person = textField(contact.name, seps, 60);
  const name = company || person;
  if (name === '') {
    throw new AppError('business', `Order ${order.ref} has no ship-to name or company; the warehouse needs one for the label. Fill it in Acumatica.`);
  }
  const out: Segment[] = [seg('N1', 'ST', name)];
  if (company !== '' && person !== '' && person !== company) out.push(seg('N2', person));
  const line1 = textField(address.line1, seps, 55);
  const line2 = textField(address.line2, seps, 55);
  if (line1 !== '' || line2 !== '') out.push(seg('N3', line1 || line2, line1 ? line2 : ''));
  const state = textField(address.state, seps, 30);
  const twoLetterState = /^[A-Za-z]{2}$/.test(state);
  // N4-02 is exactly 2 characters; other regions go as N4-05/06 "SP" (state/province).
  const n4 = seg(
    'N4',
    textField(address.city, seps, 30),
    twoLetterState ? state.toUpperCase() : '',
    textField(address.postalCode, seps, 15),
    textField(address.country, seps, 3).toUpperCase(),
    !twoLetterState && state !== '' ? 'SP' : '',
    !twoLetterState ? state : '',
  );
  // A segment needs at least one element: a bare `N4~` is invalid, and node-x12 reads it as part of the previous
  // segment's last value (issue #15 item 7). No address values: no N4.
  if (n4.elements.some((el) => el !== '')) out.push(n4);
  const phone = textField(contact.phone, seps, 80);
  const email = textField(contact.email, seps, 80);
  if (phone !== '' || email !== '') {
    const comm: string[] = [];
    if (phone !== '') comm.push('TE', phone);
    if (email !== '') comm.push('EM', email);
    out.push(seg('PER', 'IC', person || name, ...comm));
  }
  return out;
}

function partySegments(code: string, party: X12Profile['depositor'], seps: Separators): Segment[] {
  if (!party) return [];
  const id = party.id ? checkId(party.id, `N1*${code} id`, 80, seps) : '';
  return [seg('N1', code, textField(party.name, seps, 60), id ? '92' : '', id)];
}

function carrierSegment(order: Order, profile: X12Profile, seps: Separators): Segment {
  const route = profile.shipVia[order.shipVia];
  const routing = textField(route?.routing ?? order.shipVia, seps, 35);
  const method = route?.method ?? profile.defaultMethod;
  // W66: 01 payment, 02 transport method, 05 routing, 10 SCAC.
  return seg('W66', profile.paymentMethod, method, '', '', routing, '', '', '', '', route?.scac ?? '');
}

function lineSegments(line: OrderLine, index: number, profile: X12Profile, seps: Separators, ref: string): Segment[] {
  const sku = checkId(line.sku, `Order ${ref} line ${line.lineRef} SKU`, 48, seps);
  const lineRef = checkId(line.lineRef, `Order ${ref} line reference`, 30, seps);
  const out: Segment[] = [
    seg('LX', String(index + 1)),
    seg('W01', decimal(line.quantity, `Order ${ref} line ${line.lineRef} quantity`), unitCode(line.uom, profile), '', profile.itemQualifier, sku),
  ];
  for (const chunk of textChunks(line.description, seps, 45, 5)) out.push(seg('G69', chunk));
  out.push(seg('N9', 'LI', lineRef));
  return out;
}

/** The 940 body for one order. Throws AppError 'business' when the order cannot be expressed in X12. */
export function render940Body(order: Order, action: OrderAction, profile: X12Profile, seps: Separators): Segment[] {
  const ref = checkId(order.ref, `Order reference (W05-02 depositor order number)`, 22, seps);
  if (order.lines.length === 0) throw new AppError('business', `Order ${order.ref} has no lines to send to the warehouse.`);
  const po = textField(order.customerPo, seps, 22);
  const body: Segment[] = [seg('W05', PURPOSE[action], ref, po)];
  body.push(...shipToSegments(order, seps));
  body.push(...partySegments('DE', profile.depositor, seps));
  body.push(...partySegments('SF', profile.shipFrom, seps));
  if (po !== '') body.push(seg('N9', 'PO', textField(order.customerPo, seps, 30)));
  if (order.requestedOn !== '') body.push(seg('G62', '10', isoToEdi(order.requestedOn, `Order ${order.ref} requested date`)));
  for (const chunk of textChunks(order.notes, seps, 80, 10)) body.push(seg('NTE', 'WHI', chunk));
  body.push(carrierSegment(order, profile, seps));
  order.lines.forEach((line, i) => body.push(...lineSegments(line, i, profile, seps, order.ref)));
  const total = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  body.push(seg('W76', decimal(total, `Order ${order.ref} total quantity`)));
  return body;
}

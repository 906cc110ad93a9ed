// Lot and serial numbers of a 945: read per W12 item, carried into package contents and summed per order line.
import type { OrderLine, Package } from '../../../domain/index.js';
import type { Edi945Item } from './parse.js';

export interface LineShip {
  line: OrderLine;
  quantity: number;
  /** Lot/serial numbers of this quantity, each with its part ('' = untracked). */
  lots: { lotSerialNbr: string; quantity: number }[];
}

/**
 * Lot/serial numbers of a W12 item. Where partners put them [FACTS.md section 3; element names I]: W12-09 warehouse
 * lot number, or an N9 inside the W12 loop with qualifier LT (lot number) or SE (serial number). One lot takes the
 * whole quantity; serial numbers are one unit each, so there must be as many as units shipped (or exactly one).
 */
export function lotsOf(item: Edi945Item, qty: number): { lotSerialNbr: string; quantity: number }[] | string {
  const lots = [item.lot, ...item.refs.filter((r) => r.qualifier === 'LT').map((r) => r.value)].filter((v) => v !== '');
  const serials = item.refs.filter((r) => r.qualifier === 'SE' && r.value !== '').map((r) => r.value);
  const distinctLots = [...new Set(lots)];
  if (distinctLots.length > 1) return `item ${item.itemId || '?'} has ${distinctLots.length} different lot numbers (W12-09 / N9*LT) for one W12: send one W12 per lot.`;
  if (serials.length > 0 && distinctLots.length > 0) return `item ${item.itemId || '?'} has both a lot number and serial numbers: send one or the other.`;
  if (serials.length === 1) return [{ lotSerialNbr: serials[0]!, quantity: qty }];
  if (serials.length > 1) {
    if (serials.length !== qty) return `item ${item.itemId || '?'} ships ${qty} units but has ${serials.length} serial numbers (N9*SE): send one per unit.`;
    return serials.map((sn) => ({ lotSerialNbr: sn, quantity: 1 }));
  }
  return [{ lotSerialNbr: distinctLots[0] ?? '', quantity: qty }];
}

export function contentsOf(ships: LineShip[]): Package['contents'] {
  return ships.flatMap((s) =>
    s.lots.map((l) => ({ lineRef: s.line.lineRef, sku: s.line.sku, quantity: l.quantity, ...(l.lotSerialNbr !== '' ? { lotSerialNbr: l.lotSerialNbr } : {}) })),
  );
}


/** Lot/serial number -> quantity, per order line, over every shipped W12 of the 945 (untracked quantities left out). */
export function lotsPerLine(ships: LineShip[]): Map<string, Map<string, number>> {
  const byLine = new Map<string, Map<string, number>>();
  for (const ship of ships) {
    for (const l of ship.lots) {
      if (l.lotSerialNbr === '') continue;
      const m = byLine.get(ship.line.lineRef) ?? new Map<string, number>();
      m.set(l.lotSerialNbr, (m.get(l.lotSerialNbr) ?? 0) + l.quantity);
      byLine.set(ship.line.lineRef, m);
    }
  }
  return byLine;
}

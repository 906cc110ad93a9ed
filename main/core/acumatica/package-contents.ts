// Package contents as Acumatica matches them: each PackageContents row must fit ONE split of a shipment line by
// InventoryID, OrigOrderType/OrigOrderNbr, LotSerialNbr (compared exactly, "" for untracked items) and quantity,
// else the whole PUT fails with "No suitable items found to pack" (issue #14 item 1). Acumatica's own sample
// (Help-and-Training-Examples, IntegrationDevelopmentGuide.postman_collection.json, "Create a Shipment for Two Sales
// Orders with Allocations and Package Contents") sends one row per allocation and `"LotSerialNbr": {"value": ""}`.
import { fillInOrder, type FillOptions } from '../domain/fill-in-order.js';
import type { Fulfillment, Order, OrderLine, PackageContent } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { AcumaticaSettings } from '../settings/schema.js';
import { qty } from './map-common.js';
import { isStockLine } from './map-sales-order.js';

/** Quantities as Acumatica keeps them: 4 decimals, and a remainder below 1e-9 is nothing. */
const decimals: FillOptions = { epsilon: 1e-9, round: qty };

export interface LotPiece {
  lotSerialNbr: string;
  quantity: number;
}

/** Lot/serial tracked: the order line says so (a LotSerialNbr or lot allocations), or the settings list the item. */
export function isLotSerialTracked(settings: Pick<AcumaticaSettings, 'lotSerialItems'>, line: OrderLine): boolean {
  if (line.lotSerialTracked) return true;
  const id = line.inventoryId.trim().toLowerCase();
  return (settings.lotSerialItems ?? []).some((x) => x.trim().toLowerCase() === id);
}

/** Non-stock lines (Non-Inventory Goods) are shipped without inventory splits: they get no package contents. */
export function packable(line: OrderLine): boolean {
  return line.lineType === undefined || isStockLine(line.lineType);
}

function missingLots(order: Order, line: OrderLine, what: string): AppError {
  return new AppError(
    'business',
    `Line ${line.lineRef} (${line.inventoryId}) of ${order.ref} is lot/serial tracked in Acumatica, but the warehouse ${what}: ` +
      'ask the warehouse to send them (CSV column lot_serial, X12 945 W12-09 or N9*LT / N9*SE, Extensiv lot fields), or enter this shipment in Acumatica by hand.',
  );
}

/**
 * The lot/serial numbers of each tracked line of a fulfillment, with their quantities, checked against what was
 * shipped. Holds (throws 'business') when a tracked line comes without them. A line the warehouse reports lots for
 * counts as tracked even when Acumatica's line does not show it: a warehouse does not invent lots for an untracked
 * item, and dropping them would have Acumatica refuse a tracked one ("No suitable items found to pack").
 */
export function lotsByLine(settings: Pick<AcumaticaSettings, 'lotSerialItems'>, order: Order, f: Fulfillment, lineOf: (ref: string) => OrderLine): Map<string, LotPiece[]> {
  const out = new Map<string, LotPiece[]>();
  for (const l of f.lines) {
    if (!(l.quantity > 0)) continue;
    const line = lineOf(l.lineRef);
    if (!packable(line)) continue;
    let lots = (l.lotSerials ?? []).filter((x) => x.lotSerialNbr.trim() && x.quantity > 0).map((x) => ({ lotSerialNbr: x.lotSerialNbr.trim(), quantity: x.quantity }));
    if (lots.length === 0) {
      // Only package contents carry them (the warehouse reported boxes, not lines).
      const fromContents = new Map<string, number>();
      for (const p of f.packages) for (const c of p.contents) if (c.lineRef === l.lineRef && c.lotSerialNbr?.trim()) fromContents.set(c.lotSerialNbr.trim(), (fromContents.get(c.lotSerialNbr.trim()) ?? 0) + c.quantity);
      lots = [...fromContents].map(([lotSerialNbr, quantity]) => ({ lotSerialNbr, quantity }));
    }
    if (lots.length === 0 && !isLotSerialTracked(settings, line)) continue;
    if (lots.length === 0) throw missingLots(order, line, 'reported no lot/serial numbers for it');
    const total = qty(lots.reduce((s, x) => s + x.quantity, 0));
    if (Math.abs(total - l.quantity) > 1e-6) throw missingLots(order, line, `reported lot/serial numbers for ${total} of the ${l.quantity} shipped`);
    out.set(l.lineRef, lots);
  }
  return out;
}

/**
 * The content rows of one package: its contents cut so that each row fits one split. Tracked lines take their
 * lot/serial numbers from the content itself or, in order, from the line's lots not yet packed (`pool`, consumed);
 * known splits (shipment mode: the line's Allocations) cut the quantity further.
 */
export function contentPieces(contents: PackageContent[], lineOf: (ref: string) => OrderLine, tracked: (line: OrderLine) => boolean, pool: Map<string, LotPiece[]>, order: Order): { line: OrderLine; piece: LotPiece }[] {
  const out: { line: OrderLine; piece: LotPiece }[] = [];
  for (const c of contents) {
    const line = lineOf(c.lineRef);
    if (!packable(line) || !(c.quantity > 0)) continue;
    const lots = pool.get(line.lineRef) ?? [];
    let pieces: LotPiece[];
    // Lines with reported lots (in the pool) are tracked whatever Acumatica's line shows (see lotsByLine).
    if (!tracked(line) && !pool.has(line.lineRef)) pieces = [{ lotSerialNbr: '', quantity: c.quantity }];
    else if (c.lotSerialNbr?.trim()) {
      const lot = c.lotSerialNbr.trim();
      pieces = [{ lotSerialNbr: lot, quantity: c.quantity }];
      const seen = lots.find((x) => x.lotSerialNbr === lot);
      if (seen) seen.quantity = qty(seen.quantity - c.quantity);
    } else {
      const { takes, left } = fillInOrder(c.quantity, lots, (lot) => lot.quantity, decimals);
      pieces = takes.map(({ bucket: lot, take }) => {
        lot.quantity = qty(lot.quantity - take);
        return { lotSerialNbr: lot.lotSerialNbr, quantity: qty(take) };
      });
      if (left > 1e-9) throw missingLots(order, line, `reported lot/serial numbers for less than what its boxes hold`);
    }
    for (const piece of pieces) for (const cut of cutBySplits(line, piece)) out.push({ line, piece: cut });
  }
  return out;
}

/** Cuts a piece over the line's known splits of the same lot (largest room first); the rest stays one row. */
function cutBySplits(line: OrderLine, piece: LotPiece): LotPiece[] {
  const splits = (line.splits ?? []).filter((s) => s.lotSerialNbr === piece.lotSerialNbr && s.quantity > 1e-9);
  if (splits.length <= 1) return [piece];
  const { takes, left } = fillInOrder(piece.quantity, splits, (s) => s.quantity, decimals);
  const out: LotPiece[] = takes.map(({ bucket: s, take }) => {
    s.quantity = qty(s.quantity - take);
    return { lotSerialNbr: piece.lotSerialNbr, quantity: qty(take) };
  });
  if (left > 1e-9) out.push({ lotSerialNbr: piece.lotSerialNbr, quantity: left });
  return out;
}

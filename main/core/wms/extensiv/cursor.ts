// The polling cursor: a keyset (lastModifiedDate, orderId), the last closed order a committed batch reported. Pages
// are read by keyset ("after this order"), never by page number, so orders sharing one lastModifiedDate (a bulk
// confirm) or more pages than one collect reads can never make the next poll start over where it already was.
import type { AdapterState } from '../adapter.js';

/** Extensiv's own date text (no offset) and order id of the last order read. */
export interface Keyset {
  lastModified: string;
  orderId: number;
}

/** The date part keeps its old key, so a cursor stored before keysets existed still reads (as orderId 0). */
export const CURSOR_KEY = 'extensiv.lastModified';
export const CURSOR_ORDER_KEY = 'extensiv.lastOrderId';

/** Extensiv dates have no offset; they are compared as they are, read as if UTC. */
export function parseNaive(value: string): number {
  return Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
}

export function formatNaive(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function readCursor(state: AdapterState): Keyset | undefined {
  const date = state.get(CURSOR_KEY);
  if (!date || Number.isNaN(parseNaive(date))) return undefined;
  const id = Number(state.get(CURSOR_ORDER_KEY) ?? '0');
  return { lastModified: date, orderId: Number.isSafeInteger(id) ? id : 0 };
}

export function compareKeyset(a: Keyset, b: Keyset): number {
  return parseNaive(a.lastModified) - parseNaive(b.lastModified) || a.orderId - b.orderId;
}

/** Moves the cursor forward only (batches may be committed out of order). */
export function advanceCursor(state: AdapterState, to: Keyset): void {
  const current = readCursor(state);
  if (current && compareKeyset(to, current) <= 0) return;
  state.setMany({ [CURSOR_KEY]: to.lastModified, [CURSOR_ORDER_KEY]: String(to.orderId) });
}

const DATE = 'readOnly.lastModifiedDate';
const ID = 'readOnly.orderId';

/** RQL for "strictly after k" in (lastModifiedDate, orderId) order. `;` binds tighter than `,` (Rels/rql). */
export function afterRql(k: Keyset): string {
  return `(${DATE}=gt=${k.lastModified},${DATE}==${k.lastModified};${ID}=gt=${k.orderId})`;
}

/** RQL for "at or before k". */
export function upToRql(k: Keyset): string {
  return `(${DATE}=lt=${k.lastModified},${DATE}==${k.lastModified};${ID}=le=${k.orderId})`;
}

export const KEYSET_SORT = `${DATE},${ID}`;

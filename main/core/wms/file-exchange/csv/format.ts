// The CSV flavour of the file exchange (docs/file-exchange.md): ord_*.csv out, shp_*.csv in.
import type { ExchangeFormat, ParsedInbound } from '../format.js';
import { buildFulfillments } from './confirmation.js';
import { readShipmentRows } from './read-rows.js';
import { renderCsvOrder } from './render.js';

const CONFIRMATION = /^shp_.+\.csv$/i;

function rejected(errors: string[]): ParsedInbound {
  return { fulfillments: [], rejectedOrders: [], errors, replies: [], dedupeKey: null };
}

function rowOf(reason: string): number {
  return Number(/^Row (\d+)/.exec(reason)?.[1] ?? 0);
}

/** Reasons in file order, so the operator can walk the file top to bottom. */
function byRow(reasons: string[]): string[] {
  return [...reasons].sort((a, b) => rowOf(a) - rowOf(b));
}

export function createCsvFormat(): ExchangeFormat {
  return {
    id: 'csv',
    accepts: (fileName) => CONFIRMATION.test(fileName) && !fileName.startsWith('.'),
    renderOrder: (order, action, _revision, ctx) => renderCsvOrder(order, action, ctx.now),
    parseInbound(fileName, content, lookup) {
      try {
        const read = readShipmentRows(content);
        if (!read.ok) return rejected(read.errors);
        const built = buildFulfillments(fileName, read.rows, lookup);
        const errors = byRow([...read.errors, ...built.errors]);
        if (errors.length > 0) return rejected(errors);
        return { fulfillments: built.fulfillments, rejectedOrders: [], errors: [], replies: [], dedupeKey: null };
      } catch (e) {
        return rejected([`The file could not be read (${e instanceof Error ? e.message : String(e)}): send it again or report it.`]);
      }
    },
  };
}

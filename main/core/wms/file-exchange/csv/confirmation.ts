// Rows of a confirmation file -> Fulfillments, validated against the orders the engine knows. Any bad row rejects
// the whole file with one reason per bad row; nothing of it is applied.
import { linesFromPackages, packageKey, type Fulfillment, type Package } from '../../../domain/index.js';
import type { OrderLookup } from '../../adapter.js';
import type { ShipmentRow } from './read-rows.js';

const DECIMAL = /^\d+(\.\d+)?$/;
const EPSILON = 1e-9;
const MAX_REASONS = 500;

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().startsWith(s);
}

function decimalProblem(column: string, value: string): string | null {
  if (DECIMAL.test(value)) return null;
  const hint = value.includes(',') ? ' (use a dot as the decimal separator)' : '';
  return `${column} "${value}" is not a number${hint}`;
}

function optionalNumber(value: string): number | null {
  return value === '' ? null : Number(value);
}

/**
 * Case-insensitive; also accepts the SKU with the formula-guard quote that order files carried before issue #15
 * (`'-WIDGET`), which a WMS may still echo for orders sent then. The known line's SKU is what gets recorded.
 */
function sameSku(lineSku: string, fileSku: string): boolean {
  const a = lineSku.toLowerCase();
  const b = fileSku.toLowerCase();
  return a === b || (b === `'${a}` && /^[=+\-@]/.test(a));
}

interface PackageDraft { pkg: Package; orderRef: string; rows: ShipmentRow[] }

export function buildFulfillments(fileName: string, rows: ShipmentRow[], lookup: OrderLookup): { fulfillments: Fulfillment[]; errors: string[] } {
  const errors: string[] = [];
  const bad = (row: ShipmentRow, problems: string[]): void => {
    errors.push(`Row ${row.rowNo} (order ${row.order_ref || '?'}, box ${row.box_id || '?'}): ${problems.join('; ')}.`);
  };
  const shipments = new Map<string, { first: ShipmentRow; packages: Map<string, PackageDraft> }>();

  for (const row of rows) {
    const problems: string[] = [];
    const known = row.order_ref === '' ? undefined : lookup(row.order_ref);
    if (row.order_ref === '') problems.push('order_ref is empty: give the order_ref of the order file');
    else if (!known) problems.push(`order_ref "${row.order_ref}" is not an order this app sent to the warehouse: check the reference`);
    if (!isIsoDate(row.ship_date)) problems.push(`ship_date "${row.ship_date}" is not a date: write it as YYYY-MM-DD`);
    if (row.box_id === '') problems.push('box_id is empty: give every carton an id');
    for (const col of ['weight', 'length', 'width', 'height'] as const) {
      const p = row[col] === '' ? null : decimalProblem(col, row[col]);
      if (p) problems.push(p);
    }
    const contentCells = [row.line_ref, row.sku, row.quantity];
    const filled = contentCells.filter((c) => c !== '').length;
    if (row.lot_serial !== '' && filled < 3) problems.push('lot_serial is given without line_ref, sku and quantity: a lot/serial number belongs to a content row');
    if (filled > 0 && filled < 3) {
      problems.push('line_ref, sku and quantity go together: fill all three, or leave all three empty for a package without contents');
    } else if (filled === 3 && known) {
      const line = known.order.lines.find((l) => l.lineRef === row.line_ref);
      if (!line) problems.push(`line_ref "${row.line_ref}" is not a line of order ${row.order_ref}: use the line_ref of the order file`);
      else if (!sameSku(line.sku, row.sku)) problems.push(`sku "${row.sku}" is not the sku of line ${row.line_ref} (${line.sku}): correct the sku`);
      const q = decimalProblem('quantity', row.quantity);
      if (q) problems.push(q);
      else if (Number(row.quantity) <= 0) problems.push('quantity must be more than 0: leave line_ref, sku and quantity empty for a package without contents');
    }

    const shipment = shipments.get(row.order_ref);
    if (shipment && known) {
      for (const col of ['ship_date', 'carrier', 'service'] as const) {
        if (row[col] !== shipment.first[col]) problems.push(`${col} "${row[col]}" differs from row ${shipment.first.rowNo} ("${shipment.first[col]}"): one file holds one shipment per order; put other shipments in another file`);
      }
    }
    const draft = shipment?.packages.get(row.box_id);
    if (draft) {
      const p = draft.pkg;
      const same: [string, string, string][] = [
        ['tracking_number', row.tracking_number, p.trackingNumber],
        ['weight', row.weight, p.weight === null ? '' : String(p.weight)],
        ['weight_uom', row.weight_uom, p.weightUom],
        ['dimension_uom', row.dimension_uom, p.dimensionUom],
      ];
      for (const [col, value, seen] of same) {
        if (value !== '' && seen !== '' && (col === 'weight' ? Number(value) !== Number(seen) : value !== seen)) {
          problems.push(`${col} "${value}" differs from an earlier row of box ${row.box_id} ("${seen}"): a box has one ${col}`);
        }
      }
    }
    if (problems.length > 0 || !known) {
      bad(row, problems);
      continue;
    }

    const entry = shipment ?? { first: row, packages: new Map<string, PackageDraft>() };
    shipments.set(row.order_ref, entry);
    const d: PackageDraft = draft ?? {
      orderRef: row.order_ref,
      rows: [],
      pkg: { boxId: row.box_id, trackingNumber: '', packageType: '', weight: null, weightUom: '', length: null, width: null, height: null, dimensionUom: '', contents: [] },
    };
    entry.packages.set(row.box_id, d);
    d.rows.push(row);
    const p = d.pkg;
    p.trackingNumber ||= row.tracking_number;
    p.weight ??= optionalNumber(row.weight);
    p.weightUom ||= row.weight_uom;
    p.length ??= optionalNumber(row.length);
    p.width ??= optionalNumber(row.width);
    p.height ??= optionalNumber(row.height);
    p.dimensionUom ||= row.dimension_uom;
    if (filled === 3) {
      // One content per line and lot/serial: two lots of a line in one box stay two contents (Acumatica matches
      // package contents to shipment splits by LotSerialNbr).
      const same = p.contents.find((c) => c.lineRef === row.line_ref && (c.lotSerialNbr ?? '') === row.lot_serial);
      if (same) same.quantity += Number(row.quantity);
      else {
        const sku = known.order.lines.find((l) => l.lineRef === row.line_ref)?.sku ?? row.sku;
        p.contents.push({ lineRef: row.line_ref, sku, quantity: Number(row.quantity), ...(row.lot_serial !== '' ? { lotSerialNbr: row.lot_serial } : {}) });
      }
    }
  }

  // Quantities: what this file ships per line, plus what was shipped before, must not exceed the line. Packages
  // already recorded (the same box re-sent in another file) are in shippedByLine already and are not counted again.
  for (const [orderRef, shipment] of shipments) {
    const known = lookup(orderRef);
    if (!known) continue;
    const inFile = new Map<string, number>();
    for (const d of shipment.packages.values()) {
      if (known.knownPackages.has(packageKey(orderRef, d.pkg))) continue;
      for (const row of d.rows) {
        if (row.line_ref === '') continue;
        const line = known.order.lines.find((l) => l.lineRef === row.line_ref);
        if (!line) continue;
        const before = known.shippedByLine[row.line_ref] ?? 0;
        const earlier = inFile.get(row.line_ref) ?? 0;
        const total = before + earlier + Number(row.quantity);
        inFile.set(row.line_ref, earlier + Number(row.quantity));
        if (total > line.quantity + EPSILON) {
          bad(row, [`quantity ${row.quantity} of line ${row.line_ref} (${line.sku}) is more than is still open (sent ${line.quantity}, shipped before ${before}, earlier rows of this file ${earlier}): correct the quantity`]);
        }
      }
    }
  }

  if (errors.length > 0) {
    const shown = errors.length > MAX_REASONS ? [...errors.slice(0, MAX_REASONS), `… and ${errors.length - MAX_REASONS} more bad rows.`] : errors;
    return { fulfillments: [], errors: shown };
  }
  const fulfillments = [...shipments].map(([orderRef, s]): Fulfillment => {
    const packages = [...s.packages.values()].map((d) => d.pkg);
    return { id: `${fileName}#${orderRef}`, orderRef, shipDate: s.first.ship_date, carrier: s.first.carrier, service: s.first.service, packages, lines: linesFromPackages(packages) };
  });
  return { fulfillments, errors: [] };
}

// A typed 945 -> the canonical Fulfillment, checked against the order DropStream sent (lines, open quantities,
// units, packages already recorded). Returns reasons instead of throwing; the caller rejects the whole file.
import { isAppError } from '../../../errors.js';
import { packageKey, type Fulfillment, type FulfillmentLine, type OrderLine, type Package } from '../../../domain/index.js';
import type { KnownOrder, OrderLookup } from '../../adapter.js';
import type { Edi945, Edi945Carton, Edi945Item } from './parse.js';
import { unitCode } from './render940.js';
import type { X12Profile } from './settings.js';
import { contentsOf, lotsOf, lotsPerLine, type LineShip } from './lots945.js';
import { applyReportingCode } from './w06.js';

export interface Map945Context {
  profile: X12Profile;
  lookup: OrderLookup;
  /** Fulfillment.id for this transaction set. */
  id: string;
  /** Fallback carton id prefix when a carton has no SSCC (unique per 945). */
  boxPrefix: string;
  /** Quantity already taken by earlier 945s of the same file, per `${orderRef}\0${lineRef}`; updated on success. */
  takenInFile: Map<string, number>;
  /** Package keys of earlier 945s of the same file; updated on success. */
  packagesInFile: Set<string>;
  /** "945 0001" for messages. */
  label: string;
}

const WEIGHT_UNITS: Record<string, string> = { L: 'LB', LB: 'LB', K: 'KG', KG: 'KG' };

function isoDate(ccyymmdd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(ccyymmdd);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

function num(value: string): number | null {
  if (!/^-?\d*\.?\d+$/.test(value)) return null;
  return Number(value);
}

function expectedUnit(line: OrderLine, profile: X12Profile): string {
  try {
    return unitCode(line.uom, profile);
  } catch (err) {
    if (isAppError(err)) return line.uom.toUpperCase();
    throw err;
  }
}


function resolveItem(item: Edi945Item, known: KnownOrder, taken: (l: OrderLine) => number, qty: number): OrderLine | string {
  const lines = known.order.lines;
  const li = item.refs.find((r) => r.qualifier === 'LI')?.value;
  const ref = known.order.ref;
  if (li !== undefined && li !== '') {
    const line = lines.find((l) => l.lineRef === li);
    if (!line) return `N9*LI*${li}: order ${ref} has no line ${li}.`;
    if (item.itemId !== '' && item.itemId !== line.sku) {
      return `N9*LI*${li}: line ${li} of order ${ref} is item ${line.sku}, but the 945 says ${item.itemId}.`;
    }
    return line;
  }
  if (item.itemId === '') return `A W12 has neither an item id (W12-08) nor a line reference (N9*LI).`;
  let candidates = lines.filter((l) => l.sku === item.itemId);
  if (candidates.length === 0) candidates = lines.filter((l) => l.sku.toUpperCase() === item.itemId.toUpperCase());
  if (candidates.length === 0) return `Item ${item.itemId} is not on order ${ref}.`;
  // Same SKU on several lines: fill them in order, first the one that still has room for the whole quantity.
  return candidates.find((l) => l.quantity - taken(l) >= qty) ?? candidates.find((l) => l.quantity - taken(l) > 0) ?? candidates[0]!;
}

function trackingOf(carton: Edi945Carton, profile: X12Profile): string {
  const [kind, qualifier] = profile.tracking.split(':') as [string, string];
  const source = kind === 'MAN' ? carton.marks : carton.refs;
  return source.find((m) => m.qualifier === qualifier && m.value !== '')?.value ?? '';
}

export function map945(doc: Edi945, ctx: Map945Context): { ok: true; value: Fulfillment } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const fail = (msg: string): void => {
    errors.push(`${ctx.label}: ${msg}`);
  };
  if (doc.orderRef === '') return { ok: false, errors: [`${ctx.label}: W06-02 (depositor order number) is empty, so the order cannot be identified.`] };
  const known = ctx.lookup(doc.orderRef);
  if (!known) {
    return { ok: false, errors: [`${ctx.label}: order ${doc.orderRef} is unknown: DropStream did not send it (or it was already completed). Check the order number with the warehouse.`] };
  }
  const ref = known.order.ref;
  const shipDate = isoDate(doc.shipDate);
  if (!shipDate) fail(doc.shipDate === '' ? 'no ship date (W06-03 or G62*11).' : `ship date "${doc.shipDate}" is not a CCYYMMDD date.`);

  const takenHere = new Map<string, number>();
  const taken = (l: OrderLine): number =>
    (known.shippedByLine[l.lineRef] ?? 0) + (ctx.takenInFile.get(`${ref}\0${l.lineRef}`) ?? 0) + (takenHere.get(l.lineRef) ?? 0);

  let unitsTotal = 0;
  const packages: Package[] = [];
  const shipsByCarton: LineShip[][] = [];
  for (const carton of doc.cartons) {
    const ships: LineShip[] = [];
    for (const item of carton.items) {
      const qty = num(item.shipped);
      if (qty === null || qty < 0) {
        fail(`W12-03 shipped quantity "${item.shipped}" for item ${item.itemId || '?'} is not a number.`);
        continue;
      }
      unitsTotal += qty;
      if (qty === 0) continue;
      const line = resolveItem(item, known, taken, qty);
      if (typeof line === 'string') {
        fail(line);
        continue;
      }
      const unit = expectedUnit(line, ctx.profile);
      if (item.unit !== '' && item.unit !== unit) {
        fail(`line ${line.lineRef} (${line.sku}) was sent in ${unit} but the 945 ships ${qty} ${item.unit}; quantities in other units are not converted.`);
        continue;
      }
      const lots = lotsOf(item, qty);
      if (typeof lots === 'string') {
        fail(lots);
        continue;
      }
      takenHere.set(line.lineRef, (takenHere.get(line.lineRef) ?? 0) + qty);
      ships.push({ line, quantity: qty, lots });
    }
    shipsByCarton.push(ships);
    if (carton.lx === '') continue;
    const sscc = carton.marks.find((m) => m.qualifier === 'GM' || m.qualifier === 'AA')?.value ?? '';
    const weights = carton.items.map((i) => num(i.weight)).filter((w): w is number => w !== null);
    const weightUnit = carton.items.find((i) => i.weight !== '')?.weightUnit ?? '';
    packages.push({
      boxId: sscc || `${ctx.boxPrefix}-${carton.lx}`,
      trackingNumber: trackingOf(carton, ctx.profile),
      packageType: '',
      weight: weights.length > 0 ? weights.reduce((a, b) => a + b, 0) : null,
      weightUom: weights.length > 0 ? (WEIGHT_UNITS[weightUnit] ?? weightUnit) : '',
      length: null,
      width: null,
      height: null,
      dimensionUom: '',
      contents: contentsOf(ships),
    });
  }

  for (const problem of applyReportingCode(doc.reportingCode, known.order.lines, taken, takenHere)) fail(problem);

  for (const [lineRef, qty] of takenHere) {
    const line = known.order.lines.find((l) => l.lineRef === lineRef)!;
    const total = taken(line);
    if (total > line.quantity + 1e-9) {
      fail(`line ${lineRef} (${line.sku}): ${total - qty > 0 ? `${total - qty} already shipped plus ` : ''}${qty} shipped now is more than the ${line.quantity} sent to the warehouse.`);
    }
  }
  if (takenHere.size === 0 && errors.length === 0) fail('ships nothing (no W12 with a shipped quantity above 0).');

  // Header-level tracking (N9 mode: e.g. N9*2I): one per carton in order, or one for all of them.
  const [kind, qualifier] = ctx.profile.tracking.split(':') as [string, string];
  const headerTracking = kind === 'N9' ? doc.refs.filter((r) => r.qualifier === qualifier && r.value !== '').map((r) => r.value) : [];
  if (headerTracking.length > 0) {
    const untracked = packages.filter((p) => p.trackingNumber === '');
    if (packages.length === 0) {
      const all = shipsByCarton.flat();
      headerTracking.forEach((t, i) =>
        packages.push({
          boxId: `${ctx.boxPrefix}-${i + 1}`, trackingNumber: t, packageType: '', weight: null, weightUom: '', length: null, width: null, height: null, dimensionUom: '',
          contents: headerTracking.length === 1 ? contentsOf(all) : [],
        }),
      );
    } else if (headerTracking.length === 1) {
      for (const p of untracked) p.trackingNumber = headerTracking[0]!;
    } else if (headerTracking.length === untracked.length) {
      untracked.forEach((p, i) => (p.trackingNumber = headerTracking[i]!));
    } else {
      fail(`${headerTracking.length} tracking numbers (N9*${qualifier}) for ${untracked.length} cartons without one: cannot tell which belongs where.`);
    }
  }

  if (doc.totals) {
    const units = num(doc.totals.units);
    if (units === null || Math.abs(units - unitsTotal) > 1e-9) {
      fail(`W03 says ${doc.totals.units} units shipped but the W12 lines add up to ${unitsTotal}.`);
    }
    const cartons = doc.totals.cartons === '' ? null : num(doc.totals.cartons);
    const lxCount = doc.cartons.filter((c) => c.lx !== '').length;
    if (cartons !== null && lxCount > 0 && cartons !== lxCount) fail(`W03 says ${doc.totals.cartons} cartons but the 945 has ${lxCount} LX loops.`);
    const weight = num(doc.totals.weight);
    if (packages.length === 1 && packages[0]!.weight === null && weight !== null) {
      packages[0]!.weight = weight;
      packages[0]!.weightUom = WEIGHT_UNITS[doc.totals.weightUnit] ?? doc.totals.weightUnit;
    }
  }

  for (const p of packages) {
    const key = packageKey(ref, p);
    if (known.knownPackages.has(key) || ctx.packagesInFile.has(key)) {
      fail(`package ${p.boxId}${p.trackingNumber ? ` (tracking ${p.trackingNumber})` : ''} of order ${ref} is already recorded: is this a resent 945?`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  for (const [lineRef, qty] of takenHere) ctx.takenInFile.set(`${ref}\0${lineRef}`, (ctx.takenInFile.get(`${ref}\0${lineRef}`) ?? 0) + qty);
  for (const p of packages) ctx.packagesInFile.add(packageKey(ref, p));
  const lotsByLine = lotsPerLine(shipsByCarton.flat());
  const lines: FulfillmentLine[] = [...takenHere].map(([lineRef, quantity]) => {
    const lots = lotsByLine.get(lineRef);
    return {
      lineRef,
      sku: known.order.lines.find((l) => l.lineRef === lineRef)!.sku,
      quantity,
      ...(lots ? { lotSerials: [...lots].map(([lotSerialNbr, q]) => ({ lotSerialNbr, quantity: q })) } : {}),
    };
  });
  return {
    ok: true,
    value: { id: ctx.id, orderRef: ref, shipDate: shipDate!, carrier: doc.carrier.scac, service: doc.carrier.routing, packages, lines },
  };
}

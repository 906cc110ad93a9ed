// Stored record -> what Acumatica sends: every field value-wrapped (empty as {}), id/rowNumber/note/custom on each
// entity, detail collections and linked entities only when named in $expand, $select as paths from the top-level
// entity (`OrderNbr,Details/InventoryID,ShippingSettings/ShipToAddress/City`, contract version 4 syntax): with a
// $select, a field of any entity comes back only when its path is named.

export interface WireOptions {
  expand: Set<string>;
  select: Set<string> | null;
  self: string;
  rowNumber: number;
}

export function parseList(param: string | undefined): Set<string> | null {
  if (!param) return null;
  return new Set(param.split(',').map((s) => s.trim()).filter(Boolean));
}

function expanded(expand: Set<string>, path: string): boolean {
  if (expand.has(path)) return true;
  for (const e of expand) if (e.startsWith(`${path}/`)) return true;
  return false;
}

function entity(obj: Record<string, unknown>, path: string, expand: Set<string>, select: Set<string> | null, rowNumber: number): Record<string, unknown> {
  const out: Record<string, unknown> = { id: obj.id ?? undefined, rowNumber, note: { value: '' } };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'id' || k === 'wire') continue;
    const child = path ? `${path}/${k}` : k;
    if (Array.isArray(v)) {
      if (expanded(expand, child)) out[k] = v.map((x, i) => entity(x as Record<string, unknown>, child, expand, select, i + 1));
    } else if (v !== null && typeof v === 'object') {
      if (expanded(expand, child)) out[k] = entity(v as Record<string, unknown>, child, expand, select, 1);
    } else {
      if (select && !select.has(child)) continue;
      out[k] = v === null || v === '' || v === undefined ? {} : { value: v };
    }
  }
  out.custom = {};
  return out;
}

export function toWire(rec: object, opts: WireOptions): Record<string, unknown> {
  const r = rec as Record<string, unknown>;
  const out = entity(r, '', opts.expand, opts.select, opts.rowNumber);
  out._links = { self: opts.self, 'files:put': `${opts.self}/files/{filename}` };
  const overrides = r.wire;
  if (overrides && typeof overrides === 'object') Object.assign(out, overrides);
  return out;
}

/** Reads a wrapped field of a request body. */
export function val(obj: unknown, field: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  const f = (obj as Record<string, unknown>)[field];
  if (f === null || typeof f !== 'object') return undefined;
  return (f as Record<string, unknown>).value;
}

export function str(obj: unknown, field: string): string {
  const v = val(obj, field);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

export function num(obj: unknown, field: string): number | null {
  const v = val(obj, field);
  return typeof v === 'number' ? v : null;
}

export function list(obj: unknown, field: string): Record<string, unknown>[] {
  if (obj === null || typeof obj !== 'object') return [];
  const v = (obj as Record<string, unknown>)[field];
  return Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as Record<string, unknown>[]) : [];
}

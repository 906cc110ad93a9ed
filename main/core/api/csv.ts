// CSV for operators' spreadsheets: order views out, SKU mappings in and out. Text cells that a spreadsheet would run
// as a formula are neutralised.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { OrderRow, SkuMapping } from '../../ipc/views.js';
import { skuMapping } from '../../ipc/schemas.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula (OWASP "CSV injection"): such text cells
 * get a leading single quote, which spreadsheets show as text. Only for these exports, which a person opens in a
 * spreadsheet; the order files of the file exchange are data for a program and are written exactly.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return neutraliseCell(typeof v === 'string' ? v : JSON.stringify(v));
}

export function ordersCsv(rows: OrderRow[]): string {
  const header = ['order_ref', 'state', 'customer_id', 'ship_to', 'order_date', 'lines', 'wms_ref', 'shipments', 'tracking', 'attention', 'last_error', 'updated_at'];
  const body = rows.map((r) => [
    r.ref,
    r.state,
    r.customerId,
    r.shipToName,
    r.orderDate,
    r.lineCount,
    r.wmsRef,
    r.shipmentNbrs.join(' '),
    r.trackingNumbers.join(' '),
    r.attention,
    r.lastError?.serverMessage ?? r.lastError?.message ?? '',
    r.updatedAt,
  ]);
  return stringify([header, ...body.map((row) => row.map(cell))]);
}

const SKU_HEADER = ['inventory_id', 'uom', 'sku', 'factor', 'components'];

export function skuCsv(rules: SkuMapping[]): string {
  const body = rules.map((r) => [r.inventoryId, r.uom, r.sku, r.factor, r.components.map((c) => `${c.sku}:${c.quantity}`).join(';')]);
  return stringify([SKU_HEADER, ...body.map((row) => row.map(cell))]);
}

/** Parses a SKU mapping CSV; every bad row is reported with its number and nothing from a bad file is saved. */
export function parseSkuCsv(text: string): { rows: SkuMapping[]; errors: string[] } {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, bom: true, trim: true });
  } catch (e) {
    return { rows: [], errors: [`The file is not valid CSV: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const rows: SkuMapping[] = [];
  const errors: string[] = [];
  records.forEach((r, i) => {
    const rowNo = i + 2;
    const components = (r.components ?? '')
      .split(';')
      .filter(Boolean)
      .map((c) => {
        const [sku, qty] = c.split(':');
        return { sku: (sku ?? '').replace(/^'/, ''), quantity: Number(qty) };
      });
    const parsed = skuMapping.safeParse({
      inventoryId: (r.inventory_id ?? '').replace(/^'/, ''),
      uom: r.uom ?? '',
      sku: (r.sku ?? '').replace(/^'/, ''),
      factor: r.factor ? Number(r.factor) : 1,
      components,
    });
    if (parsed.success) rows.push(parsed.data);
    else errors.push(`Row ${rowNo}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`).join('; ')}`);
  });
  if (records.length === 0) errors.push(`The file has no rows. Expected the columns ${SKU_HEADER.join(', ')}.`);
  return { rows, errors };
}

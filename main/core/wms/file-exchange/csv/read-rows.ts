// Bytes of a shp_*.csv -> rows keyed by column, or the reasons the file cannot be read at all (not UTF-8, not CSV,
// wrong header). Row numbers count the header as row 1, as a spreadsheet shows them.
import { CsvError, parse } from 'csv-parse/sync';
import { OPTIONAL_SHIPMENT_COLUMNS, SHIPMENT_COLUMNS, type OptionalShipmentColumn, type ShipmentColumn } from './columns.js';

export type ShipmentRow = Record<ShipmentColumn | OptionalShipmentColumn, string> & { rowNo: number };

export type RowsResult = { ok: true; rows: ShipmentRow[]; errors: string[] } | { ok: false; errors: string[] };

const REQUIRED_HEADER = SHIPMENT_COLUMNS.join(',');
/** The required columns, optionally followed by a prefix of the optional ones (today: lot_serial). */
const ALLOWED_HEADERS = [SHIPMENT_COLUMNS, ...OPTIONAL_SHIPMENT_COLUMNS.map((_, i) => [...SHIPMENT_COLUMNS, ...OPTIONAL_SHIPMENT_COLUMNS.slice(0, i + 1)])].map((h) => h.join(','));

export function readShipmentRows(content: Buffer): RowsResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { ok: false, errors: ['The file is not valid UTF-8 text: save it as UTF-8 (not ANSI or Windows-1252) and drop it again.'] };
  }

  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    const detail = e instanceof CsvError || e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [`The file is not valid CSV (${detail}): fix the quoting (RFC 4180) and drop it again.`] };
  }

  const header = records[0];
  if (!header) {
    return { ok: false, errors: ['The file is empty: it needs the header row and one row per package content.'] };
  }
  const found = header.map((h) => h.trim().toLowerCase()).join(',');
  if (!ALLOWED_HEADERS.includes(found)) {
    return {
      ok: false,
      errors: [`Row 1: the header must be exactly "${REQUIRED_HEADER}" (optionally followed by ",${OPTIONAL_SHIPMENT_COLUMNS.join(',')}") but is "${header.join(',')}": use the columns of docs/file-exchange.md, in that order.`],
    };
  }
  if (records.length < 2) {
    return { ok: false, errors: ['The file has a header but no shipment rows: write one row per package content, or do not write the file.'] };
  }

  const columns = header.length;
  const rows: ShipmentRow[] = [];
  const errors: string[] = [];
  records.slice(1).forEach((record, i) => {
    const rowNo = i + 2;
    if (record.length !== columns) {
      errors.push(`Row ${rowNo}: has ${record.length} fields, expected ${columns}: write every column, empty ones included.`);
      return;
    }
    const row = { rowNo, lot_serial: '' } as ShipmentRow;
    // Values are taken as written (only surrounding blanks trimmed): a leading quote or + - = @ is data.
    [...SHIPMENT_COLUMNS, ...OPTIONAL_SHIPMENT_COLUMNS].slice(0, columns).forEach((col, j) => {
      row[col] = (record[j] ?? '').trim();
    });
    rows.push(row);
  });
  return { ok: true, rows, errors };
}

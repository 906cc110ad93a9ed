// A small test "warehouse" for the file exchange: it reads ord_*.csv from <root>/in/, keeps the open orders, and
// ships them by writing shp_*.csv into <root>/out/ (temp name, then rename, as a careful WMS does). Processed order
// files are moved to <root>/wms-processed/. Works on a folder root, which is also the sshd double's root.
//
// As strict as a real importer: csv-parse with RFC 4180 quoting (no relaxed quotes, every record the header's
// width) and ANY line break ending an unquoted record (CRLF, LF or CR, as line-oriented WMS importers split), and
// values taken exactly as written: a leading ' is data here, as in a WMS that imports it (issue #15 items 1-2).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OPTIONAL_SHIPMENT_COLUMNS, ORDER_COLUMNS, SHIPMENT_COLUMNS } from '../../main/core/wms/file-exchange/csv/columns.js';

export interface FileWarehouseOptions {
  root: string;
  /** Ship about half of every line on the first run; the rest on the next. */
  partial?: boolean;
  /** One box per order line instead of one box per order. */
  multiBox?: boolean;
  shipDate?: string;
  carrier?: string;
  service?: string;
  /** Box ids are `<boxPrefix><n>` (default `<order_ref>-S<shipment>-B`). */
  boxPrefix?: string;
  /** Writes the optional lot_serial column with this lot for every content row. */
  lotSerial?: string;
}

interface OpenLine { lineRef: string; sku: string; open: number }
interface WarehouseOrder { ref: string; lines: OpenLine[]; shipments: number; cancelled: boolean }

export interface WarehouseRun {
  /** Order refs read from in/ this run, with their action. */
  received: { orderRef: string; action: string; file: string }[];
  /** Confirmation files written to out/. */
  written: { file: string; orderRef: string; boxes: number; trackingNumbers: string[] }[];
}

export type OrderFileRow = Record<(typeof ORDER_COLUMNS)[number], string>;

/** An order file read as a strict WMS importer reads it; throws (as the importer refuses the file) on bad CSV. */
export function readOrderFile(content: Buffer): OrderFileRow[] {
  const records: string[][] = parse(content, { relax_quotes: false, relax_column_count: false, record_delimiter: ['\r\n', '\n', '\r'] });
  const [header, ...rows] = records;
  if (header?.join(',') !== ORDER_COLUMNS.join(',')) throw new Error(`order file header is "${header?.join(',')}"`);
  return rows.map((r) => Object.fromEntries(ORDER_COLUMNS.map((c, i) => [c, r[i]!])) as OrderFileRow);
}

export class FileWarehouse {
  readonly orders = new Map<string, WarehouseOrder>();
  /** Every order-file row received, exactly as read, for byte-identical checks. */
  readonly receivedRows: OrderFileRow[] = [];
  private tracking = 0;

  constructor(private readonly options: FileWarehouseOptions) {}

  /** Reads new order files, then ships what is open. */
  async run(): Promise<WarehouseRun> {
    const received = await this.receive();
    const written = [];
    for (const order of this.orders.values()) {
      const file = await this.ship(order);
      if (file) written.push(file);
    }
    return { received, written };
  }

  async receive(): Promise<WarehouseRun['received']> {
    const inDir = join(this.options.root, 'in');
    const done = join(this.options.root, 'wms-processed');
    await mkdir(done, { recursive: true });
    const names = (await readdir(inDir)).filter((n) => /^ord_.*\.csv$/.test(n)).sort();
    const received: WarehouseRun['received'] = [];
    for (const name of names) {
      const rows = readOrderFile(await readFile(join(inDir, name)));
      this.receivedRows.push(...rows);
      const first = rows[0];
      if (!first) continue;
      const ref = first.order_ref;
      const action = first.action;
      received.push({ orderRef: ref, action, file: name });
      if (action === 'cancel') {
        const o = this.orders.get(ref);
        if (o) o.cancelled = true;
      } else {
        const lines = rows.filter((r) => r.line_ref).map((r) => ({ lineRef: r.line_ref, sku: r.sku, open: Number(r.quantity) }));
        const before = this.orders.get(ref);
        this.orders.set(ref, { ref, lines, shipments: before?.shipments ?? 0, cancelled: false });
      }
      await rename(join(inDir, name), join(done, name));
    }
    return received;
  }

  private async ship(order: WarehouseOrder): Promise<WarehouseRun['written'][number] | null> {
    if (order.cancelled) return null;
    const firstPartial = this.options.partial === true && order.shipments === 0;
    const picks = order.lines
      .map((l) => ({ line: l, qty: firstPartial ? Math.max(1, Math.floor(l.open / 2)) : l.open }))
      .filter((p) => p.line.open > 0 && p.qty > 0);
    if (picks.length === 0) return null;
    order.shipments += 1;
    const boxes = this.options.multiBox ? picks.map((p) => [p]) : [picks];
    const columns = this.options.lotSerial !== undefined ? [...SHIPMENT_COLUMNS, ...OPTIONAL_SHIPMENT_COLUMNS] : [...SHIPMENT_COLUMNS];
    const rows: string[][] = [];
    const trackingNumbers: string[] = [];
    boxes.forEach((content, i) => {
      const tracking = `1ZTEST${String(++this.tracking).padStart(6, '0')}`;
      trackingNumbers.push(tracking);
      for (const { line, qty } of content) {
        line.open -= qty;
        const values: Record<(typeof columns)[number], string> = {
          order_ref: order.ref,
          ship_date: this.options.shipDate ?? '2026-11-27',
          carrier: this.options.carrier ?? 'UPS',
          service: this.options.service ?? 'GROUND',
          tracking_number: tracking,
          box_id: `${this.options.boxPrefix ?? `${order.ref}-S${order.shipments}-B`}${i + 1}`,
          weight: '1.5',
          weight_uom: 'LB',
          length: '12',
          width: '10',
          height: '6',
          dimension_uom: 'IN',
          line_ref: line.lineRef,
          sku: line.sku,
          quantity: String(qty),
          lot_serial: this.options.lotSerial ?? '',
        };
        rows.push(columns.map((c) => values[c]));
      }
    });
    const file = `shp_${order.ref.replace(/[^A-Za-z0-9_-]/g, '_')}_${order.shipments}.csv`;
    const outDir = join(this.options.root, 'out');
    const temp = join(outDir, `.tmp-${file}`);
    // RFC 4180 as a careful WMS writes it: a value with any line break is quoted too.
    await writeFile(temp, stringify(rows, { header: true, columns, record_delimiter: 'windows', quoted_match: /[\r\n]/ }));
    await rename(temp, join(outDir, file));
    return { file, orderRef: order.ref, boxes: boxes.length, trackingNumbers };
  }
}

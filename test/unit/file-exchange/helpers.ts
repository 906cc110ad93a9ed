// Shared test kit for the file-exchange tests: in-memory adapter state, a hand-moved clock, secrets, a lookup
// over sample orders, and a shp_*.csv builder.
import { stringify } from 'csv-stringify/sync';
import { packageKey, type Order } from '../../../main/core/domain/index.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import type { KnownOrder, OrderLookup } from '../../../main/core/wms/adapter.js';
import type { WmsDeps } from '../../../main/core/wms/deps.js';
import { OPTIONAL_SHIPMENT_COLUMNS, SHIPMENT_COLUMNS, type OptionalShipmentColumn, type ShipmentColumn } from '../../../main/core/wms/file-exchange/csv/columns.js';
import { manualClock } from '../../helpers/clocks.js';
import { memoryState } from '../../helpers/memory-state.js';
import { memorySecrets } from '../../helpers/secrets.js';

export { manualClock, memoryState, memorySecrets };

export function testDeps(overrides: Partial<WmsDeps> = {}): WmsDeps & { state: ReturnType<typeof memoryState>; clock: ReturnType<typeof manualClock> } {
  return { secrets: memorySecrets(), state: memoryState(), clock: manualClock(), logger: silentLogger, ...overrides } as WmsDeps & {
    state: ReturnType<typeof memoryState>;
    clock: ReturnType<typeof manualClock>;
  };
}

/** A lookup over orders, with what was shipped before and the packages already recorded ([tracking, box] pairs). */
export function lookupOf(
  orders: Order[],
  extra: Record<string, { shipped?: Record<string, number>; packages?: [string, string][] }> = {},
): OrderLookup {
  const byRef = new Map<string, KnownOrder>(
    orders.map((o) => [
      o.ref,
      {
        order: o,
        shippedByLine: extra[o.ref]?.shipped ?? {},
        knownPackages: new Set((extra[o.ref]?.packages ?? []).map(([trackingNumber, boxId]) => packageKey(o.ref, { trackingNumber, boxId }))),
      },
    ]),
  );
  return (ref) => byRef.get(ref);
}

export type ShpRow = Partial<Record<ShipmentColumn | OptionalShipmentColumn, string>>;

/** A shp_*.csv with the exact header; rows default to a shipped-today UPS package. `withLotSerial` adds the optional column. */
export function shpCsv(rows: ShpRow[], withLotSerial = false): string {
  const columns = withLotSerial ? [...SHIPMENT_COLUMNS, ...OPTIONAL_SHIPMENT_COLUMNS] : [...SHIPMENT_COLUMNS];
  const full = rows.map((r) => columns.map((c) => r[c] ?? (c === 'lot_serial' ? '' : defaults[c])));
  return stringify(full, { header: true, columns, record_delimiter: 'windows' });
}

const defaults: Record<ShipmentColumn, string> = {
  order_ref: 'SO-000123',
  ship_date: '2026-11-27',
  carrier: 'UPS',
  service: 'GROUND',
  tracking_number: '1Z999',
  box_id: 'B1',
  weight: '2.5',
  weight_uom: 'LB',
  length: '10',
  width: '8',
  height: '4',
  dimension_uom: 'IN',
  line_ref: '1',
  sku: 'WIDGET-BLUE',
  quantity: '1',
};

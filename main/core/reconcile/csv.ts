// The reconciliation report as CSV for an operator's spreadsheet: one row per discrepancy with the three views
// summarised. Text a spreadsheet would run as a formula is neutralised (the same rule as the orders export).
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../api/csv.js';
import type { ReconcileReport } from './report.js';
import { KIND_LABELS, type Discrepancy } from './views.js';

const cell = (v: string | number): string => (typeof v === 'number' ? String(v) : neutraliseCell(v));

function row(d: Discrepancy): (string | number)[] {
  const a = d.acumatica;
  const w = d.warehouse;
  const ds = d.dropstream;
  return [
    d.reference,
    d.kind,
    KIND_LABELS[d.kind],
    d.detail,
    a?.document?.status ?? (a ? '' : 'not listed'),
    (a?.shipments ?? []).map((s) => s.shipmentNbr).join(' '),
    (a?.shipments ?? []).flatMap((s) => s.trackingNumbers).join(' '),
    w ? w.status : 'not known',
    w?.trackingNumbers.join(' ') ?? '',
    ds ? ds.state : 'not known',
    ds?.wmsRef ?? '',
    ds?.fulfillments.flatMap((f) => f.trackingNumbers).join(' ') ?? '',
    d.actions.join(' '),
  ];
}

export function reconcileCsv(report: ReconcileReport): string {
  const header = ['order_ref', 'kind', 'kind_label', 'detail', 'acumatica_status', 'acumatica_shipments', 'acumatica_tracking', 'warehouse_status', 'warehouse_tracking', 'dropstream_state', 'wms_ref', 'dropstream_tracking', 'actions'];
  return stringify([header, ...report.discrepancies.map((d) => row(d).map(cell))]);
}

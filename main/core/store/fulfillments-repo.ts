// Fulfillments from the warehouse and their write-back progress; the packages table guards against posting the
// same package twice.
import type { Fulfillment } from '../domain/index.js';
import type { ErrorInfo } from '../errors.js';
import type { Db } from './db.js';

export type FulfillmentState = 'pending' | 'written' | 'failed' | 'held';

export interface FulfillmentRecord {
  id: string;
  orderRef: string;
  fulfillment: Fulfillment;
  state: FulfillmentState;
  shipmentNbr: string | null;
  confirmed: boolean;
  payload: unknown;
  lastError: ErrorInfo | null;
  createdAt: string;
}

interface Row {
  id: string;
  order_ref: string;
  data_json: string;
  state: FulfillmentState;
  shipment_nbr: string | null;
  confirmed: number;
  payload_json: string | null;
  last_error: string | null;
  created_at: string;
}

const toRecord = (r: Row): FulfillmentRecord => ({
  id: r.id,
  orderRef: r.order_ref,
  fulfillment: JSON.parse(r.data_json) as Fulfillment,
  state: r.state,
  shipmentNbr: r.shipment_nbr,
  confirmed: r.confirmed === 1,
  payload: r.payload_json ? (JSON.parse(r.payload_json) as unknown) : null,
  lastError: r.last_error ? (JSON.parse(r.last_error) as ErrorInfo) : null,
  createdAt: r.created_at,
});

export function createFulfillmentsRepo(db: Db) {
  return {
    get(id: string): FulfillmentRecord | undefined {
      const row = db.prepare<[string], Row>('SELECT * FROM fulfillments WHERE id = ?').get(id);
      return row ? toRecord(row) : undefined;
    },

    forOrder(ref: string): FulfillmentRecord[] {
      return db
        .prepare<[string], Row>('SELECT * FROM fulfillments WHERE order_ref = ? ORDER BY created_at, id')
        .all(ref)
        .map(toRecord);
    },

    /** Inserts the fulfillment and its packages; returns false when this id was recorded before. */
    insert(f: Fulfillment, state: FulfillmentState, nowIso: string): boolean {
      const res = db
        .prepare(
          `INSERT INTO fulfillments (id, order_ref, data_json, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO NOTHING`,
        )
        .run(f.id, f.orderRef, JSON.stringify(f), state, nowIso, nowIso);
      if (res.changes === 0) return false;
      const pkg = db.prepare(
        'INSERT INTO packages (order_ref, tracking_number, box_id, fulfillment_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      for (const p of f.packages) pkg.run(f.orderRef, p.trackingNumber, p.boxId, f.id);
      return true;
    },

    /** Package keys (order, tracking, box) already recorded for an order. */
    packageKeys(ref: string): { trackingNumber: string; boxId: string }[] {
      return db
        .prepare('SELECT tracking_number AS trackingNumber, box_id AS boxId FROM packages WHERE order_ref = ?')
        .all(ref) as { trackingNumber: string; boxId: string }[];
    },

    update(
      id: string,
      patch: { state?: FulfillmentState; shipmentNbr?: string; confirmed?: boolean; payload?: unknown; lastError?: ErrorInfo | null },
      nowIso: string,
    ): void {
      const sets = ['updated_at = @now'];
      const params: Record<string, unknown> = { id, now: nowIso };
      const columns: [keyof typeof patch, string, unknown][] = [
        ['state', 'state', patch.state],
        ['shipmentNbr', 'shipment_nbr', patch.shipmentNbr],
        ['confirmed', 'confirmed', patch.confirmed === undefined ? undefined : patch.confirmed ? 1 : 0],
        ['payload', 'payload_json', patch.payload === undefined ? undefined : JSON.stringify(patch.payload)],
      ];
      for (const [name, column, value] of columns) {
        if (value === undefined) continue;
        sets.push(`${column} = @${name}`);
        params[name] = value;
      }
      if (patch.lastError !== undefined) {
        sets.push('last_error = @err');
        params.err = patch.lastError ? JSON.stringify(patch.lastError) : null;
      }
      db.prepare(`UPDATE fulfillments SET ${sets.join(', ')} WHERE id = @id`).run(params);
    },

    batchApplied(id: string): boolean {
      return db.prepare('SELECT 1 FROM inbound_batches WHERE id = ?').get(id) !== undefined;
    },

    recordBatch(id: string, source: string, nowIso: string): void {
      db.prepare('INSERT INTO inbound_batches (id, source, applied_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
        id,
        source,
        nowIso,
      );
    },
  };
}

export type FulfillmentsRepo = ReturnType<typeof createFulfillmentsRepo>;

// Reconciliation runs, what each run has read so far (so an interrupted run resumes without re-reading), the
// discrepancies found and the operator's resolutions.
import type { Db } from './db.js';

export type ReconcilePhase = 'documents' | 'shipments' | 'lookups' | 'warehouse' | 'compare' | 'done';
export type SeenSide = 'document' | 'shipment' | 'warehouse';

export interface ReconcileRunRecord {
  id: number;
  since: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  phase: ReconcilePhase;
  cursor: number;
  acumaticaRequests: number;
  warehouseLive: boolean | null;
  summary: unknown;
  error: string | null;
}

interface RunRow {
  id: number;
  since: string;
  started_at: string;
  finished_at: string | null;
  status: ReconcileRunRecord['status'];
  phase: ReconcilePhase;
  cursor: number;
  acumatica_requests: number;
  warehouse_live: number | null;
  summary_json: string | null;
  error: string | null;
}

const toRun = (r: RunRow): ReconcileRunRecord => ({
  id: r.id,
  since: r.since,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  phase: r.phase,
  cursor: r.cursor,
  acumaticaRequests: r.acumatica_requests,
  warehouseLive: r.warehouse_live === null ? null : r.warehouse_live === 1,
  summary: r.summary_json ? (JSON.parse(r.summary_json) as unknown) : null,
  error: r.error,
});

export interface Resolution {
  ref: string;
  kind: string;
  detail: string;
  note: string;
  resolvedAt: string;
}

export function createReconcileRepo(db: Db) {
  return {
    start(since: string, nowIso: string): ReconcileRunRecord {
      const id = Number(
        db.prepare(`INSERT INTO reconcile_runs (since, started_at, status, phase) VALUES (?, ?, 'running', 'documents')`).run(since, nowIso).lastInsertRowid,
      );
      return this.get(id)!;
    },
    get(id: number): ReconcileRunRecord | undefined {
      const row = db.prepare<[number], RunRow>('SELECT * FROM reconcile_runs WHERE id = ?').get(id);
      return row ? toRun(row) : undefined;
    },
    /** The newest run left unfinished (a crash or a stop), to resume. */
    unfinished(): ReconcileRunRecord | undefined {
      const row = db.prepare<[], RunRow>(`SELECT * FROM reconcile_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1`).get();
      return row ? toRun(row) : undefined;
    },
    /** When the newest run, finished or not, started (the daily schedule's memory). */
    lastStartedAt(): string | null {
      return db.prepare<[], { started_at: string }>('SELECT started_at FROM reconcile_runs ORDER BY id DESC LIMIT 1').get()?.started_at ?? null;
    },
    lastFinished(): ReconcileRunRecord | undefined {
      const row = db.prepare<[], RunRow>(`SELECT * FROM reconcile_runs WHERE status IN ('done', 'failed') ORDER BY id DESC LIMIT 1`).get();
      return row ? toRun(row) : undefined;
    },
    /** Records where the run stands, and adds the requests this step cost. */
    advance(id: number, phase: ReconcilePhase, cursor: number, requests: number): void {
      db.prepare('UPDATE reconcile_runs SET phase = ?, cursor = ?, acumatica_requests = acumatica_requests + ? WHERE id = ?').run(phase, cursor, requests, id);
    },
    saveSeen(id: number, side: SeenSide, entries: { key: string; view: unknown }[]): void {
      const stmt = db.prepare('INSERT INTO reconcile_seen (run_id, side, key, view_json) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET view_json = excluded.view_json');
      for (const e of entries) stmt.run(id, side, e.key, JSON.stringify(e.view));
    },
    seen<T>(id: number, side: SeenSide): T[] {
      return db
        .prepare<[number, string], { view_json: string }>('SELECT view_json FROM reconcile_seen WHERE run_id = ? AND side = ? ORDER BY key')
        .all(id, side)
        .map((r) => JSON.parse(r.view_json) as T);
    },
    finish(id: number, results: { ref: string; kind: string; discrepancy: unknown }[], summary: unknown, warehouseLive: boolean, nowIso: string): void {
      const ins = db.prepare('INSERT INTO reconcile_results (run_id, seq, ref, kind, discrepancy_json) VALUES (?, ?, ?, ?, ?)');
      results.forEach((r, i) => ins.run(id, i, r.ref, r.kind, JSON.stringify(r.discrepancy)));
      db.prepare(
        `UPDATE reconcile_runs SET status = 'done', phase = 'done', finished_at = ?, summary_json = ?, warehouse_live = ? WHERE id = ?`,
      ).run(nowIso, JSON.stringify(summary), warehouseLive ? 1 : 0, id);
      // What was read is only needed to resume; the results keep the three views of every discrepancy.
      db.prepare('DELETE FROM reconcile_seen WHERE run_id = ?').run(id);
    },
    fail(id: number, error: string, nowIso: string): void {
      db.prepare(`UPDATE reconcile_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`).run(nowIso, error, id);
    },
    results<T>(id: number): T[] {
      return db
        .prepare<[number], { discrepancy_json: string }>('SELECT discrepancy_json FROM reconcile_results WHERE run_id = ? ORDER BY seq')
        .all(id)
        .map((r) => JSON.parse(r.discrepancy_json) as T);
    },
    /** Orders in the period: changed since then, or not settled whatever their age. */
    orderRefsInPeriod(since: string): string[] {
      return db
        .prepare<[string, string], { ref: string }>(
          `SELECT ref FROM orders WHERE updated_at >= ? OR created_at >= ? OR state NOT IN ('done', 'cancelled') ORDER BY ref`,
        )
        .all(since, since)
        .map((r) => r.ref);
    },
    /** A written shipment Acumatica no longer has: the fulfillment is to be written again from scratch. */
    forgetShipment(fulfillmentId: string, nowIso: string): void {
      db.prepare(`UPDATE fulfillments SET shipment_nbr = NULL, confirmed = 0, state = 'pending', last_error = NULL, updated_at = ? WHERE id = ?`).run(nowIso, fulfillmentId);
    },
    resolve(r: Resolution): void {
      db.prepare(
        `INSERT INTO reconcile_resolutions (ref, kind, detail, note, resolved_at) VALUES (@ref, @kind, @detail, @note, @resolvedAt)
         ON CONFLICT (ref, kind) DO UPDATE SET detail = excluded.detail, note = excluded.note, resolved_at = excluded.resolved_at`,
      ).run(r);
    },
    resolutions(): Resolution[] {
      return db.prepare('SELECT ref, kind, detail, note, resolved_at AS resolvedAt FROM reconcile_resolutions').all() as Resolution[];
    },
  };
}

export type ReconcileRepo = ReturnType<typeof createReconcileRepo>;

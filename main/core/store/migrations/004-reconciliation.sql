-- Reconciliation: runs (with where an interrupted one stands), what each side showed, the discrepancies found, and
-- the ones an operator marked resolved.

-- One row per reconciliation. A run left 'running' by a crash is picked up where its phase and cursor say.
CREATE TABLE reconcile_runs (
  id INTEGER PRIMARY KEY,
  since TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  phase TEXT NOT NULL,
  cursor INTEGER NOT NULL DEFAULT 0,
  acumatica_requests INTEGER NOT NULL DEFAULT 0,
  warehouse_live INTEGER,
  summary_json TEXT,
  error TEXT
);
CREATE INDEX reconcile_runs_status ON reconcile_runs (status, id);

-- What a run has read so far, per side ('document', 'shipment', 'warehouse'), so a resumed run reads no page twice.
CREATE TABLE reconcile_seen (
  run_id INTEGER NOT NULL REFERENCES reconcile_runs (id) ON DELETE CASCADE,
  side TEXT NOT NULL,
  key TEXT NOT NULL,
  view_json TEXT NOT NULL,
  PRIMARY KEY (run_id, side, key)
);

-- The discrepancies a finished run found.
CREATE TABLE reconcile_results (
  run_id INTEGER NOT NULL REFERENCES reconcile_runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  ref TEXT NOT NULL,
  kind TEXT NOT NULL,
  discrepancy_json TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX reconcile_results_ref ON reconcile_results (ref, kind);

-- Marked resolved by an operator: the same discrepancy (same kind and detail) is not reported again.
CREATE TABLE reconcile_resolutions (
  ref TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  note TEXT NOT NULL,
  resolved_at TEXT NOT NULL,
  PRIMARY KEY (ref, kind)
);

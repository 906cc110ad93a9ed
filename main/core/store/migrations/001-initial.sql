-- The first schema. Never edit a landed migration: add a new numbered file.

-- One row per Acumatica document (sales order or shipment) the app knows, in whatever state.
CREATE TABLE orders (
  ref TEXT PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('sales-order', 'shipment')),
  acumatica_key TEXT NOT NULL,
  state TEXT NOT NULL,
  acumatica_status TEXT NOT NULL DEFAULT '',
  acumatica_modified TEXT NOT NULL DEFAULT '',
  customer_id TEXT NOT NULL DEFAULT '',
  ship_to_name TEXT NOT NULL DEFAULT '',
  order_date TEXT NOT NULL DEFAULT '',
  line_count INTEGER NOT NULL DEFAULT 0,
  order_json TEXT,
  raw_json TEXT,
  content_hash TEXT NOT NULL DEFAULT '',
  sent_json TEXT,
  sent_hash TEXT,
  revision INTEGER NOT NULL DEFAULT 0,
  wms_ref TEXT,
  attention TEXT,
  last_error TEXT,
  search_text TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX orders_state_updated ON orders (state, updated_at);
CREATE INDEX orders_updated ON orders (updated_at);

-- What the warehouse shipped, one row per WMS shipment; write-back progress lives here.
CREATE TABLE fulfillments (
  id TEXT PRIMARY KEY,
  order_ref TEXT NOT NULL REFERENCES orders (ref),
  data_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'written', 'failed', 'held')),
  shipment_nbr TEXT,
  confirmed INTEGER NOT NULL DEFAULT 0,
  payload_json TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX fulfillments_order ON fulfillments (order_ref);

-- Every package ever accepted from the warehouse: the guard against posting one twice.
CREATE TABLE packages (
  order_ref TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  box_id TEXT NOT NULL,
  fulfillment_id TEXT NOT NULL REFERENCES fulfillments (id),
  PRIMARY KEY (order_ref, tracking_number, box_id)
);

-- Inbound units (files, interchanges) already applied.
CREATE TABLE inbound_batches (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

-- The durable job queue.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'needs-retry', 'failed', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  outcome_unknown INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX jobs_one_active ON jobs (kind, subject) WHERE status IN ('queued', 'running', 'needs-retry', 'failed');
CREATE INDEX jobs_due ON jobs (status, next_attempt_at);
CREATE INDEX jobs_subject ON jobs (subject);

-- What the app did, for the operator.
CREATE TABLE activity (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  order_ref TEXT,
  level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
  kind TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX activity_order ON activity (order_ref, id);
CREATE INDEX activity_kind_at ON activity (kind, at);

-- Acumatica InventoryID (upper-cased, trimmed) and UOM ('' = any) -> WMS SKU.
CREATE TABLE sku_map (
  inventory_id TEXT NOT NULL,
  uom TEXT NOT NULL DEFAULT '',
  display_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  factor REAL NOT NULL DEFAULT 1 CHECK (factor > 0),
  components_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (inventory_id, uom)
);

-- Cursors, connection states, poll times.
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Durable state of WMS adapters (host-key pins, remembered file names, cursors).
CREATE TABLE adapter_state (
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (namespace, key)
);

-- Never-reused counters (X12 control numbers).
CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

// The orders table: one row per Acumatica document, with its state, the order as imported and as last sent.
import {
  FAILED_STATES,
  isAttentionReason,
  ORDER_STATES,
  statesOf,
  type AcumaticaKey,
  type Attention,
  type AttentionReason,
  type HeldImport,
  type Order,
  type OrderState,
  type OrderStateFilter,
  type SourceKind,
  type StateCounts,
} from '../domain/index.js';
import type { ErrorInfo } from '../errors.js';
import type { Db } from './db.js';

export interface OrderRecord {
  ref: string;
  source: SourceKind;
  key: AcumaticaKey | null;
  state: OrderState;
  acumaticaStatus: string;
  acumaticaModified: string;
  customerId: string;
  shipToName: string;
  orderDate: string;
  lineCount: number;
  order: Order | null;
  raw: unknown;
  contentHash: string;
  sent: Order | null;
  sentHash: string | null;
  revision: number;
  wmsRef: string | null;
  /** The operator's text of why the order needs a look. */
  attention: string | null;
  /** The code's reason for it; decide by this, never by the text. */
  attentionReason: AttentionReason | null;
  lastError: ErrorInfo | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  ref: string;
  source: SourceKind;
  acumatica_key: string;
  state: OrderState;
  acumatica_status: string;
  acumatica_modified: string;
  customer_id: string;
  ship_to_name: string;
  order_date: string;
  line_count: number;
  order_json: string | null;
  raw_json: string | null;
  content_hash: string;
  sent_json: string | null;
  sent_hash: string | null;
  revision: number;
  wms_ref: string | null;
  attention: string | null;
  attention_reason: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

function parse<T>(json: string | null): T | null {
  return json === null ? null : (JSON.parse(json) as T);
}

function toRecord(row: Row): OrderRecord {
  return {
    ref: row.ref,
    source: row.source,
    key: parse<AcumaticaKey>(row.acumatica_key),
    state: row.state,
    acumaticaStatus: row.acumatica_status,
    acumaticaModified: row.acumatica_modified,
    customerId: row.customer_id,
    shipToName: row.ship_to_name,
    orderDate: row.order_date,
    lineCount: row.line_count,
    order: parse<Order>(row.order_json),
    raw: parse<unknown>(row.raw_json),
    contentHash: row.content_hash,
    sent: parse<Order>(row.sent_json),
    sentHash: row.sent_hash,
    revision: row.revision,
    wmsRef: row.wms_ref,
    attention: row.attention,
    // Written only from AttentionReason values; a database edited by hand reads as 'other' rather than failing.
    attentionReason: row.attention_reason === null ? null : isAttentionReason(row.attention_reason) ? row.attention_reason : 'other',
    lastError: parse<ErrorInfo>(row.last_error),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface ListQuery {
  /** A state, or `failed` for the three failed states. */
  state?: OrderStateFilter;
  search?: string;
  sort: 'ref' | 'customerId' | 'orderDate' | 'state' | 'updatedAt';
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS: Record<ListQuery['sort'], string> = {
  ref: 'ref',
  customerId: 'customer_id',
  orderDate: 'order_date',
  state: 'state',
  updatedAt: 'updated_at',
};

function searchText(order: Order | null, ref: string, extra: string[] = []): string {
  const parts = [ref, ...extra];
  if (order) {
    parts.push(order.customerId, order.customerPo, order.shipTo.contact.name, order.shipTo.contact.company);
    for (const l of order.lines) parts.push(l.inventoryId, l.sku);
  }
  return parts.join(' ').toLowerCase();
}

export function createOrdersRepo(db: Db) {
  const byRef = db.prepare<[string], Row>('SELECT * FROM orders WHERE ref = ?');

  function summary(order: Order) {
    return {
      customer_id: order.customerId,
      ship_to_name: order.shipTo.contact.company || order.shipTo.contact.name,
      order_date: order.orderDate,
      line_count: order.lines.length,
      acumatica_status: order.status,
      acumatica_modified: order.lastModified,
    };
  }

  /** Orders per state that has any, plus `failed`: the three failed states together (when any failed). */
  function counts(): Partial<StateCounts> {
    const rows = db.prepare('SELECT state, count(*) AS n FROM orders GROUP BY state').all() as { state: OrderState; n: number }[];
    const out: Partial<StateCounts> = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    const failed = FAILED_STATES.reduce((n, s) => n + (out[s] ?? 0), 0);
    if (failed > 0) out.failed = failed;
    return out;
  }

  return {
    get(ref: string): OrderRecord | undefined {
      const row = byRef.get(ref);
      return row ? toRecord(row) : undefined;
    },

    /** Inserts a newly imported order in `state` (an entry state of the lifecycle: awaiting-wms). */
    insert(order: Order, state: OrderState, contentHash: string, now: string): void {
      const s = summary(order);
      db.prepare(
        `INSERT INTO orders (ref, source, acumatica_key, state, acumatica_status, acumatica_modified, customer_id,
           ship_to_name, order_date, line_count, order_json, content_hash, search_text, created_at, updated_at)
         VALUES (@ref, @source, @key, @state, @acumatica_status, @acumatica_modified, @customer_id, @ship_to_name,
           @order_date, @line_count, @order_json, @content_hash, @search_text, @now, @now)`,
      ).run({
        ref: order.ref,
        source: order.source,
        key: JSON.stringify(order.key),
        state,
        ...s,
        order_json: JSON.stringify(order),
        content_hash: contentHash,
        search_text: searchText(order, order.ref),
        now,
      });
    },

    /**
     * Replaces the imported copy of an existing order (state untouched). `lineCount` counts the order's lines including
     * those already shipped through this app, which Acumatica no longer lists as open.
     */
    updateImported(order: Order, contentHash: string, now: string, lineCount: number = order.lines.length): void {
      db.prepare(
        `UPDATE orders SET acumatica_status = @acumatica_status, acumatica_modified = @acumatica_modified,
           customer_id = @customer_id, ship_to_name = @ship_to_name, order_date = @order_date, line_count = @line_count,
           order_json = @order_json, raw_json = NULL, content_hash = @content_hash, search_text = @search_text,
           acumatica_key = @key, updated_at = @now
         WHERE ref = @ref`,
      ).run({
        ref: order.ref,
        key: JSON.stringify(order.key),
        ...summary(order),
        line_count: lineCount,
        order_json: JSON.stringify(order),
        content_hash: contentHash,
        search_text: searchText(order, order.ref),
        now,
      });
    },

    /**
     * Records a document that could not be mapped with the reason and the raw record: a new one is held (an entry
     * state of the lifecycle); an existing one keeps its state, which the caller moves through the lifecycle.
     */
    upsertHeldImport(held: HeldImport, now: string): void {
      db.prepare(
        `INSERT INTO orders (ref, source, acumatica_key, state, acumatica_modified, raw_json, attention, attention_reason,
           search_text, created_at, updated_at)
         VALUES (@ref, @source, @key, 'held', @modified, @raw, @reason, 'unreadable-record', @search, @now, @now)
         ON CONFLICT (ref) DO UPDATE SET raw_json = @raw, attention = @reason, attention_reason = 'unreadable-record',
           acumatica_modified = @modified, updated_at = @now`,
      ).run({
        ref: held.ref,
        source: held.source,
        key: JSON.stringify(held.key),
        modified: held.lastModified,
        raw: JSON.stringify(held.raw ?? null),
        reason: held.reason,
        search: held.ref.toLowerCase(),
        now,
      });
    },

    /** The order's state alone (cheap: the lifecycle reads it before every move). */
    stateOf(ref: string): OrderState | undefined {
      return db.prepare<[string], { state: OrderState }>('SELECT state FROM orders WHERE ref = ?').get(ref)?.state;
    },

    /**
     * Writes a state. Only the lifecycle (sync/context.ts `transition`) calls this, after the table in
     * domain/lifecycle.ts allowed the move; tests use it to set a scene.
     */
    setState(ref: string, state: OrderState, now: string, extra: { attention?: Attention | null; lastError?: ErrorInfo | null } = {}): void {
      const sets = ['state = @state', 'updated_at = @now'];
      if (extra.attention !== undefined) sets.push('attention = @attention', 'attention_reason = @reason');
      if (extra.lastError !== undefined) sets.push('last_error = @lastError');
      db.prepare(`UPDATE orders SET ${sets.join(', ')} WHERE ref = @ref`).run({
        ref,
        state,
        now,
        attention: extra.attention?.text ?? null,
        reason: extra.attention?.reason ?? null,
        lastError: extra.lastError ? JSON.stringify(extra.lastError) : null,
      });
    },

    /** The WMS has this version of the order. */
    markSent(ref: string, sent: Order, sentHash: string, revision: number, wmsRef: string, now: string): void {
      db.prepare(
        `UPDATE orders SET sent_json = ?, sent_hash = ?, revision = ?, wms_ref = ?, last_error = NULL, updated_at = ?
         WHERE ref = ?`,
      ).run(JSON.stringify(sent), sentHash, revision, wmsRef, now, ref);
    },

    /** The WMS rejected what it got: the next send is a new order again. */
    resetRevision(ref: string, now: string): void {
      db.prepare('UPDATE orders SET revision = 0, sent_json = NULL, sent_hash = NULL, updated_at = ? WHERE ref = ?').run(now, ref);
    },

    addSearchTerms(ref: string, terms: string[]): void {
      db.prepare(`UPDATE orders SET search_text = search_text || ' ' || ? WHERE ref = ?`).run(terms.join(' ').toLowerCase(), ref);
    },

    list(q: ListQuery): { total: number; rows: OrderRecord[] } {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
      if (q.state) {
        const states = statesOf(q.state);
        // One bound parameter for the whole list (a JSON array), so no SQL text is built from the filter.
        where.push('state IN (SELECT value FROM json_each(@states))');
        params.states = JSON.stringify(states);
      }
      if (q.search?.trim()) {
        where.push(`search_text LIKE @search ESCAPE '\\'`);
        params.search = `%${q.search.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM orders ${clause}`).get(params) as { n: number }).n;
      const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
      const rows = db
        .prepare<Record<string, unknown>, Row>(
          `SELECT * FROM orders ${clause} ORDER BY ${SORT_COLUMNS[q.sort]} ${dir}, ref ${dir} LIMIT @limit OFFSET @offset`,
        )
        .all(params);
      return { total, rows: rows.map(toRecord) };
    },

    refsInState(filter: OrderStateFilter): string[] {
      const states = statesOf(filter);
      return db
        .prepare<string[], { ref: string }>(`SELECT ref FROM orders WHERE state IN (${states.map(() => '?').join(', ')})`)
        .all(...states)
        .map((r) => r.ref);
    },

    counts,

    /** Every state with its count (0 when none), plus the `failed` total. */
    allCounts(): StateCounts {
      const some = counts();
      const all = Object.fromEntries(ORDER_STATES.map((s) => [s, some[s] ?? 0])) as StateCounts;
      all.failed = some.failed ?? 0;
      return all;
    },
  };
}

export type OrdersRepo = ReturnType<typeof createOrdersRepo>;

// Migration 005 (#17): `failed` split by the step that failed, and attention reason codes derived once from the texts
// the app wrote until now. On a real database file at version 4, upgraded in place.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/db.js';
import { loadMigrations } from '../../../main/core/store/migrate.js';
import { createOrdersRepo } from '../../../main/core/store/orders-repo.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
const now = '2026-11-27T10:00:00.000Z';

describe('migration 005-lifecycle-failed-split', () => {
  it('turns each failed order into the failed state of its step and gives every attention text its reason code', () => {
    const file = join(tempDir(), 'x.db');
    const v4 = openDatabase(file, { migrations: loadMigrations().slice(0, 4) });
    const order = (ref: string, state: string, attention: string | null, orderJson: string | null = '{}') =>
      v4
        .prepare(`INSERT INTO orders (ref, source, acumatica_key, state, attention, order_json, created_at, updated_at) VALUES (?, 'sales-order', '{}', ?, ?, ?, ?, ?)`)
        .run(ref, state, attention, orderJson, now, now);
    const fulfillment = (id: string, ref: string, state: string) =>
      v4.prepare(`INSERT INTO fulfillments (id, order_ref, data_json, state, created_at, updated_at) VALUES (?, ?, '{}', ?, ?, ?)`).run(id, ref, state, now, now);
    const job = (kind: string, subject: string, status: string) =>
      v4.prepare(`INSERT INTO jobs (kind, subject, status, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)`).run(kind, subject, status, now, now);

    // A refused write-back: the fulfillment is marked failed.
    order('SO-WB1', 'failed', null);
    fulfillment('f-wb1', 'SO-WB1', 'failed');
    job('writeback', 'f-wb1', 'failed');
    // A write-back job that failed while its fulfillment still says pending (an older database): also a write-back.
    order('SO-WB2', 'failed', null);
    fulfillment('f-wb2', 'SO-WB2', 'pending');
    job('writeback', 'f-wb2', 'failed');
    // Rejected by the warehouse (attention text), with an earlier fulfillment written fine.
    order('SO-RJ', 'failed', 'Rejected by the warehouse: fix the cause, then retry to send it again.');
    fulfillment('f-rj', 'SO-RJ', 'written');
    // A send refused by the warehouse: none of the above.
    order('SO-SF', 'failed', null);
    job('send-order', 'SO-SF', 'failed');
    // Not failed: untouched.
    order('SO-OK', 'done', null);
    fulfillment('f-ok', 'SO-OK', 'written');
    // Attention texts of other orders.
    order('SO-SKU', 'held', 'Unknown SKU at the warehouse: X-1. Add a SKU mapping, then retry.');
    order('SO-HOLD', 'held', 'On hold in Acumatica (Credit Hold): it goes to the warehouse when it is open again.');
    order('SO-SAC', 'held', 'Shipped by the warehouse after it was cancelled in Acumatica: tracking is not written back until you check.');
    order('SO-CAS', 'held', 'Cancelled in Acumatica after the warehouse shipped it: tracking is not written back until you check.');
    order('SO-CANT', 'at-wms', 'Cancelled in Acumatica after it was sent: this warehouse cannot take cancellations, cancel it there by hand');
    order('SO-REM', 'at-wms', 'Remainder cancelled in Acumatica (Shipping Rule "Cancel Remainder"): line 1 W: 2 EA. The warehouse still has it open.');
    order('SO-CR', 'at-wms', 'The warehouse refused to cancel it: already picked. Stop it at the warehouse by hand if it must not ship.');
    order('SO-997', 'at-wms', 'No 997 from the warehouse for the 940 sent 2026-11-26T10:00:00Z (interchange 000000001, group 1) after 24 h: check.');
    order('SO-AK5', 'at-wms', 'The warehouse accepted the 940 with errors (997 AK5*E for group 1): check the order with the warehouse.');
    order('SO-CHS', 'shipped', 'Changed in Acumatica after the warehouse shipped (part of) it: check the shipment');
    order('SO-CHW', 'at-wms', 'Changed in Acumatica after it was sent: this warehouse cannot take changes, update it there by hand');
    order('SO-UPD', 'at-wms', 'The latest version in Acumatica cannot be read: no lines');
    order('SO-PUT', 'at-wms', 'Put Credit Hold in Acumatica after it was sent to the warehouse: stop it there if it must not ship');
    order('SO-RAW', 'held', 'The document has no ship-to address', null);
    order('SO-ODD', 'held', 'Something a hand-edited database says');
    v4.close();

    const db = openDatabase(file);
    const applied = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(applied.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    const orders = createOrdersRepo(db);
    const state = (ref: string) => orders.get(ref)!.state;
    const reason = (ref: string) => orders.get(ref)!.attentionReason;

    expect(state('SO-WB1')).toBe('writeback-failed');
    expect(state('SO-WB2')).toBe('writeback-failed');
    expect(state('SO-RJ')).toBe('rejected-by-wms');
    expect(state('SO-SF')).toBe('send-failed');
    expect(state('SO-OK')).toBe('done');
    expect(db.prepare(`SELECT count(*) AS n FROM orders WHERE state = 'failed'`).get()).toEqual({ n: 0 });
    // The old `failed` still means all three, for the CLI and the status count.
    expect(orders.refsInState('failed').sort()).toEqual(['SO-RJ', 'SO-SF', 'SO-WB1', 'SO-WB2']);
    expect(orders.counts()).toMatchObject({ failed: 4, 'writeback-failed': 2, 'rejected-by-wms': 1, 'send-failed': 1 });

    expect(reason('SO-RJ')).toBe('rejected-by-wms');
    expect(reason('SO-WB1')).toBeNull();
    expect(reason('SO-SKU')).toBe('unknown-sku');
    expect(reason('SO-HOLD')).toBe('acumatica-hold');
    expect(reason('SO-SAC')).toBe('shipped-after-cancel');
    expect(reason('SO-CAS')).toBe('cancelled-after-ship');
    expect(reason('SO-CANT')).toBe('cancelled-after-send');
    expect(reason('SO-REM')).toBe('remainder-cancelled');
    expect(reason('SO-CR')).toBe('cancel-refused');
    expect(reason('SO-997')).toBe('ack-overdue');
    expect(reason('SO-AK5')).toBe('ack-with-errors');
    expect(reason('SO-CHS')).toBe('changed-after-ship');
    expect(reason('SO-CHW')).toBe('changed-after-send');
    expect(reason('SO-UPD')).toBe('unreadable-update');
    expect(reason('SO-PUT')).toBe('held-after-send');
    expect(reason('SO-RAW')).toBe('unreadable-record');
    expect(reason('SO-ODD')).toBe('other');
    // The operator's text is kept as it was.
    expect(orders.get('SO-SKU')!.attention).toBe('Unknown SKU at the warehouse: X-1. Add a SKU mapping, then retry.');
    db.close();
  });
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/core/store/index.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('repositories on a real database file', () => {
  it('stores an order and finds it again after reopening the file', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const order = sampleOrder('SO', '000123');
    store.tx(() => {
      store.orders.insert(order, 'awaiting-wms', 'h1', '2026-01-01T00:00:00.000Z');
      store.activity.add('2026-01-01T00:00:00.000Z', order.ref, 'info', 'imported', 'Imported');
    });
    store.close();
    // Read with a separate connection: the row is really in the file.
    const raw = new Database(join(dir, 'dropstream.db'), { readonly: true });
    const row = raw.prepare('SELECT state, customer_id FROM orders WHERE ref = ?').get('SO-000123') as { state: string; customer_id: string };
    expect(row).toEqual({ state: 'awaiting-wms', customer_id: order.customerId });
    raw.close();
    const again = openStore(dir);
    expect(again.orders.get('SO-000123')?.order?.lines).toHaveLength(order.lines.length);
    expect(again.orders.list({ search: 'widget', sort: 'ref', direction: 'asc', offset: 0, limit: 10 }).total).toBe(1);
    again.close();
  });

  it('rolls back a transaction as a whole', () => {
    const store = openStore(tempDir());
    const order = sampleOrder('SO', '1');
    expect(() =>
      store.tx(() => {
        store.orders.insert(order, 'imported', 'h', 'now');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.orders.get(order.ref)).toBeUndefined();
    store.close();
  });

  it('keeps one open job per kind and subject, and recovers interrupted ones as outcome-unknown', () => {
    const store = openStore(tempDir());
    expect(store.jobs.enqueue('send-order', 'SO-1', 0, 'now')).toBe(true);
    expect(store.jobs.enqueue('send-order', 'SO-1', 0, 'now')).toBe(false);
    const [job] = store.jobs.due(1, 10);
    store.jobs.markRunning(job!.id, 'now');
    expect(store.jobs.recoverInterrupted('later')).toBe(1);
    const recovered = store.jobs.get(job!.id)!;
    expect(recovered).toMatchObject({ status: 'needs-retry', outcomeUnknown: true, attempts: 1 });
    store.close();
  });

  it('never reuses a sequence value, across reopen', () => {
    const dir = tempDir();
    const s1 = openStore(dir);
    const a = s1.adapterState('x12');
    expect([a.next('isa'), a.next('isa'), a.next('gs')]).toEqual([1, 2, 1]);
    a.set('pin', 'SHA256:abc');
    s1.close();
    const s2 = openStore(dir);
    const b = s2.adapterState('x12');
    expect(b.next('isa')).toBe(3);
    expect(b.get('pin')).toBe('SHA256:abc');
    expect(s2.adapterState('other').get('pin')).toBeUndefined();
    s2.close();
  });

  it('maps InventoryIDs case- and padding-insensitively', () => {
    const store = openStore(tempDir());
    store.sku.upsert({ inventoryId: ' widget-blue ', uom: '', sku: 'WB-1', factor: 1, components: [] });
    store.sku.upsert({ inventoryId: 'WIDGET-BLUE', uom: '', sku: 'WB-2', factor: 1, components: [] });
    expect(store.sku.all()).toHaveLength(1);
    expect(store.sku.all()[0]!.sku).toBe('WB-2');
    store.close();
  });
});

// Small durable values: sync cursors and times (sync_state), adapters' own state (adapter_state) and never-reused
// sequences.
import type { AdapterState } from '../wms/adapter.js';
import type { Db } from './db.js';

export function createSyncStateRepo(db: Db) {
  return {
    get<T>(key: string): T | undefined {
      const row = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(key);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set(key: string, value: unknown): void {
      db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
        key,
        JSON.stringify(value),
      );
    },
    delete(key: string): void {
      db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
    },
  };
}

export type SyncStateRepo = ReturnType<typeof createSyncStateRepo>;

export function createAdapterState(db: Db, namespace: string): AdapterState {
  const getStmt = db.prepare<[string, string], { value: string }>('SELECT value FROM adapter_state WHERE namespace = ? AND key = ?');
  const setStmt = db.prepare(
    'INSERT INTO adapter_state (namespace, key, value) VALUES (?, ?, ?) ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value',
  );
  const nextStmt = db.prepare<[string], { value: number }>(
    'INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
  );
  return {
    get: (key) => getStmt.get(namespace, key)?.value,
    set: (key, value) => void setStmt.run(namespace, key, value),
    setMany: db.transaction((values: Record<string, string>) => {
      for (const [key, value] of Object.entries(values)) setStmt.run(namespace, key, value);
    }),
    next: (sequence) => {
      const row = nextStmt.get(`${namespace}:${sequence}`);
      if (!row) throw new Error(`Sequence ${sequence} could not be advanced`);
      return row.value;
    },
  };
}

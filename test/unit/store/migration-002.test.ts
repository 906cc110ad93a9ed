// Migration 002: the covering index that queue searches scan instead of the full order rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/db.js';
import { loadMigrations } from '../../../main/core/store/migrate.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('migration 002-orders-search-index', () => {
  it('upgrades a database at version 1 and makes searches use the covering index', () => {
    const file = join(tempDir(), 'x.db');
    openDatabase(file, { migrations: loadMigrations().slice(0, 1) }).close();
    const db = openDatabase(file);
    const applied = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(applied).toEqual(loadMigrations().map((m) => m.version));
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM orders WHERE search_text LIKE ? ESCAPE '\\'`)
      .all('%x%') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX orders_search/);
    db.close();
  });
});

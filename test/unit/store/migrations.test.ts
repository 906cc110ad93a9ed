import { writeFileSync, mkdirSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/db.js';
import { loadMigrations, MIGRATIONS_DIR } from '../../../main/core/store/migrate.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('database file and migrations', () => {
  it('applies every migration to a new file with WAL, foreign keys and FULL sync', () => {
    const file = join(tempDir(), 'data', 'dropstream.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    const versions = db.prepare('SELECT version, checksum FROM schema_migrations').all() as { version: number; checksum: string }[];
    expect(versions.map((v) => v.version)).toEqual(loadMigrations().map((m) => m.version));
    db.close();
    // Reopening applies nothing twice.
    const again = openDatabase(file);
    expect((again.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(versions.length);
    again.close();
  });

  it('migration 001 creates the tables the store uses', () => {
    const db = openDatabase(join(tempDir(), 'x.db'));
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['orders', 'fulfillments', 'packages', 'jobs', 'activity', 'sku_map', 'sync_state', 'adapter_state', 'sequences', 'inbound_batches']) {
      expect(tables).toContain(t);
    }
    // foreign keys are enforced: a fulfillment of an unknown order is refused
    expect(() =>
      db.prepare(`INSERT INTO fulfillments (id, order_ref, data_json, state, created_at, updated_at) VALUES ('f', 'nope', '{}', 'pending', '', '')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = join(tempDir(), 'new.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare(`INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, '999-future', 'x', '')`).run();
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer version of DropStream/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose landed migration text changed', () => {
    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    copyFileSync(join(MIGRATIONS_DIR, '001-initial.sql'), join(migrations, '001-initial.sql'));
    const file = join(dir, 'x.db');
    openDatabase(file, { migrations: loadMigrations(migrations) }).close();
    writeFileSync(join(migrations, '001-initial.sql'), readFileSync(join(migrations, '001-initial.sql'), 'utf8') + '\n-- edited\n');
    expect(() => openDatabase(file, { migrations: loadMigrations(migrations) })).toThrow(/different version of migration 001-initial/);
  });

  it('reports a file that is not a database and never replaces it', () => {
    const file = join(tempDir(), 'garbage.db');
    const garbage = Buffer.from('this is not sqlite at all, just some text that happens to be here'.repeat(100));
    writeFileSync(file, garbage);
    expect(() => openDatabase(file)).toThrow(/damaged or is not a DropStream database/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });
});

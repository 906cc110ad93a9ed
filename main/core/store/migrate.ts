// Numbered migrations: files NNN-name.sql applied in order, each in its own transaction, recorded with a checksum.
// A landed migration whose text changed, or a database written by a newer version, is refused with a clear message.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration numbering has a gap or duplicate at ${m.name}`);
  });
  return migrations;
}

export function migrate(db: Database.Database, migrations: Migration[], file: string): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; checksum: string }[];
  const newest = migrations.at(-1)?.version ?? 0;
  const tooNew = applied.find((a) => a.version > newest);
  if (tooNew) {
    throw new AppError(
      'storage',
      `The database ${file} was written by a newer version of DropStream (schema ${tooNew.version}, this version knows ` +
        `${newest}). Install the newer version again, or point this one at another data directory.`,
    );
  }
  for (const a of applied) {
    const known = migrations[a.version - 1];
    if (!known || known.checksum !== a.checksum) {
      throw new AppError(
        'storage',
        `The database ${file} was migrated with a different version of migration ${a.name}. ` +
          'This build does not match the database; reinstall the version that created it.',
      );
    }
  }
  const done: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations.slice(applied.length)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
    })();
    done.push(m.version);
  }
  return done;
}

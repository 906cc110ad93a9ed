// Opens the one SQLite file of a data directory: WAL for concurrent readers, foreign keys on, a busy timeout, and
// synchronous=FULL because an order's state change must survive a power cut. A file that is not a database, or is
// damaged, is reported as such and never replaced.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import { loadMigrations, migrate, type Migration } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  migrations?: Migration[];
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    reusePreparedStatements(db);
    // Touch the schema so a damaged file fails here, with a clear message, not in the middle of a sync.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    migrate(db, options.migrations ?? loadMigrations(), file);
    return db;
  } catch (e) {
    db?.close();
    throw storageError(file, e);
  }
}

/**
 * Repositories write `db.prepare(sql)` where the SQL is used; compiling the same statement again on every call cost
 * more than running it on a busy queue. Statements are kept per SQL text (bounded) and reused.
 */
function reusePreparedStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= 1000) cache.clear();
      statement = compile(source);
      cache.set(source, statement);
    }
    return statement;
  }) as Db['prepare'];
}

export function storageError(file: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code ?? '';
  const raw = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(raw)) {
    return new AppError(
      'storage',
      `The database ${file} is damaged or is not a DropStream database (${raw}). It was left untouched: restore it ` +
        'from a backup, or move it aside to start with an empty one (orders will be imported again from Acumatica).',
      { cause: e },
    );
  }
  if (code === 'SQLITE_FULL' || /disk is full|database or disk is full/i.test(raw)) {
    return new AppError('storage', `The disk holding ${file} is full. Free some space; work resumes by itself.`, {
      cause: e,
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || /unable to open|readonly/i.test(raw)) {
    return new AppError('storage', `The database ${file} cannot be opened for writing (${raw}). Check the folder's permissions.`, {
      cause: e,
    });
  }
  return new AppError('storage', `The database ${file} could not be used: ${raw}`, { cause: e });
}

/**
 * The storage error for anything better-sqlite3 threw (a SqliteError carries a SQLITE_* code), or null for other
 * errors. Lets the engine tell "the disk is full" from a bug, so it waits instead of failing orders.
 */
export function sqliteFailure(file: string, e: unknown): AppError | null {
  // Follow the cause chain: a step may have wrapped the SqliteError in an 'internal' AppError.
  for (let cur: unknown = e, depth = 0; cur !== null && typeof cur === 'object' && depth < 5; depth++) {
    if (cur instanceof AppError && cur.kind === 'storage') return cur;
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return storageError(file, cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

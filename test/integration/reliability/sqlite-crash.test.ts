// The database under a killed process: a child writes units of work (order + job + 50 activity entries in one
// transaction) in a loop and is SIGKILLed at random points, some of them while the fresh file is being migrated.
// After every kill the file must open (migrations checked), pass integrity_check, and hold only whole units: every
// order has its job and all 50 entries, and no entry or job exists without its order. Kills: RELIABILITY_SQLITE_KILLS
// (default 12).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore, type Store } from '../../../main/core/store/index.js';
import { seededRandom } from '../../fakes/fault-proxy.js';

const KILLS = Number(process.env.RELIABILITY_SQLITE_KILLS ?? 12);
const writer = fileURLToPath(new URL('./sqlite-writer.ts', import.meta.url));
// tsx's loader in the writer's own process (the tsx CLI would run it in a grandchild that SIGKILL would miss).
const tsxLoader = new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts the writer, waits until it committed `afterUnits` more units (0: kill during start-up), then SIGKILLs it. */
function runAndKill(dir: string, afterUnits: number, extraMs: number): Promise<{ committed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let units = 0;
    let last = 0;
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      setTimeout(() => child.kill('SIGKILL'), extraMs);
    };
    if (afterUnits === 0) kill();
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^unit (\d+)$/.exec(line);
        if (m) {
          units++;
          last = Number(m[1]);
          if (units >= afterUnits) kill();
        }
      }
    });
    child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself (${code}): ${err}`));
      else resolve({ committed: last });
    });
  });
}

function checkWhole(store: Store): { orders: number } {
  const q = <T>(sql: string): T => store.db.prepare(sql).get() as T;
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
  const orders = q<{ n: number }>('SELECT count(*) AS n FROM orders').n;
  const withoutJob = q<{ n: number }>(`SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.subject = o.ref)`).n;
  const partial = q<{ n: number }>(`SELECT count(*) AS n FROM (SELECT order_ref, count(*) AS c FROM activity GROUP BY order_ref HAVING c <> 50)`).n;
  const orphanEntries = q<{ n: number }>(`SELECT count(*) AS n FROM activity a WHERE a.order_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.ref = a.order_ref)`).n;
  const orphanJobs = q<{ n: number }>(`SELECT count(*) AS n FROM jobs j WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.ref = j.subject)`).n;
  expect({ withoutJob, partial, orphanEntries, orphanJobs }).toEqual({ withoutJob: 0, partial: 0, orphanEntries: 0, orphanJobs: 0 });
  return { orders };
}

describe('SQLite under SIGKILL', () => {
  it(`${KILLS} kills at random points (during migration and mid-transaction) leave a sound file with whole units only`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dropstream-kill-'));
    dirs.push(dir);
    const random = seededRandom(42);
    let confirmed = 0;
    for (let k = 0; k < KILLS; k++) {
      // Every fourth kill lands during start-up (opening, WAL set-up, migrations on the first run).
      const startup = k % 4 === 0;
      const { committed } = await runAndKill(dir, startup ? 0 : 1 + Math.floor(random() * 40), startup ? Math.floor(random() * 400) : Math.floor(random() * 15));
      const store = openStore(dir); // runs and checks the migrations
      try {
        const { orders } = checkWhole(store);
        // Every unit the child reported committed survived (synchronous=FULL); at most the one in flight is gone.
        expect(orders).toBeGreaterThanOrEqual(Math.max(confirmed, committed));
        confirmed = orders;
      } finally {
        store.close();
      }
    }
    expect(confirmed).toBeGreaterThan(KILLS);
  }, 180_000);
});

describe('a damaged database', () => {
  it('is refused with what to do, and left byte-for-byte untouched (no silent fresh start)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dropstream-corrupt-'));
    dirs.push(dir);
    const store = openStore(dir);
    store.tx(() => {
      for (let i = 0; i < 200; i++) store.activity.add(new Date().toISOString(), null, 'info', 'recovered', 'y'.repeat(200));
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const file = join(dir, DATABASE_FILE);
    const bytes = readFileSync(file);
    // Scribble over the middle pages (a bad sector, a half-copied backup).
    const damaged = Buffer.from(bytes);
    damaged.fill(0xa5, 4096, Math.min(damaged.length, 4096 * 6));
    writeFileSync(file, damaged);
    let error: unknown;
    try {
      openStore(dir).close();
    } catch (e) {
      error = e;
    }
    if (error === undefined) {
      // SQLite may open a file whose damage is in pages the open does not read: the integrity check finds it.
      const again = openStore(dir);
      try {
        expect(again.db.pragma('integrity_check', { simple: true })).not.toBe('ok');
      } finally {
        again.close();
      }
    } else {
      expect(error).toMatchObject({ kind: 'storage', message: expect.stringMatching(/damaged or is not a DropStream database.*left untouched.*backup/s) });
    }
    expect(readFileSync(file).equals(damaged)).toBe(true);

    writeFileSync(file, 'this is not a database at all, just text that somebody saved here');
    expect(() => openStore(dir)).toThrow(/damaged or is not a DropStream database/);
    expect(readFileSync(file, 'utf8')).toMatch(/^this is not a database/);
  });
});

// Migration 003: the partial index the engine reads before every collect (sends whose outcome is unknown).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/db.js';
import { loadMigrations } from '../../../main/core/store/migrate.js';
import { createJobsRepo } from '../../../main/core/store/jobs-repo.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('migration 003-jobs-unknown-outcome-index', () => {
  it('upgrades a database at version 2; the unknown-outcome lookup uses the index and finds only open unknown jobs', () => {
    const file = join(tempDir(), 'x.db');
    openDatabase(file, { migrations: loadMigrations().slice(0, 2) }).close();
    const db = openDatabase(file);
    const applied = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    // Later migrations (any number of them) apply too; this one is the third.
    expect(applied.slice(0, 3)).toEqual([1, 2, 3]);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM jobs WHERE kind = ? AND outcome_unknown = 1 AND status IN ('queued', 'needs-retry', 'failed') ORDER BY id`)
      .all('send-order') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX jobs_unknown_outcome/);

    const jobs = createJobsRepo(db);
    const now = '2026-11-27T10:00:00.000Z';
    for (const ref of ['A', 'B', 'C', 'D']) jobs.enqueue('send-order', ref, 0, now);
    const [a, b, c] = ['A', 'B', 'C'].map((ref) => jobs.open('send-order', ref)!);
    const info = { kind: 'transient' as const, message: 'reset' };
    jobs.retryLater(a!.id, 1, info, now, true);
    jobs.fail(b!.id, info, now, true);
    jobs.retryLater(c!.id, 1, info, now, false);
    expect(jobs.outcomeUnknown('send-order').map((j) => j.subject)).toEqual(['A', 'B']);
    expect(jobs.outcomeUnknown('writeback')).toEqual([]);
    db.close();
  });
});

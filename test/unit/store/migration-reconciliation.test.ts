// The reconciliation migration (found by name, not number: the integrator may renumber it): it upgrades a database
// that has every earlier migration, and its tables hold a run, its pages, results and resolutions.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/core/store/db.js';
import { loadMigrations } from '../../../main/core/store/migrate.js';
import { createReconcileRepo } from '../../../main/core/store/reconcile-repo.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('migration reconciliation', () => {
  it('upgrades the database before it; a run resumes from its stored position and keeps its results', () => {
    const all = loadMigrations();
    const at = all.findIndex((m) => m.name.endsWith('-reconciliation'));
    expect(at).toBeGreaterThan(0);
    const file = join(tempDir(), 'x.db');
    openDatabase(file, { migrations: all.slice(0, at) }).close();
    const db = openDatabase(file);
    const repo = createReconcileRepo(db);
    const now = '2026-12-04T10:00:00.000Z';
    const run = repo.start('2026-11-04', now);
    repo.saveSeen(run.id, 'document', [{ key: 'SO-1', view: { ref: 'SO-1' } }]);
    repo.advance(run.id, 'documents', 500, 2);
    expect(repo.unfinished()).toMatchObject({ id: run.id, phase: 'documents', cursor: 500, acumaticaRequests: 2 });
    expect(repo.seen(run.id, 'document')).toEqual([{ ref: 'SO-1' }]);
    repo.finish(run.id, [{ ref: 'SO-1', kind: 'never-sent', discrepancy: { reference: 'SO-1' } }], { ordersCompared: 1 }, true, now);
    expect(repo.unfinished()).toBeUndefined();
    expect(repo.lastFinished()).toMatchObject({ id: run.id, status: 'done', warehouseLive: true });
    expect(repo.results(run.id)).toEqual([{ reference: 'SO-1' }]);
    expect(repo.seen(run.id, 'document')).toEqual([]);
    repo.resolve({ ref: 'SO-1', kind: 'never-sent', detail: 'd', note: 'n', resolvedAt: now });
    repo.resolve({ ref: 'SO-1', kind: 'never-sent', detail: 'd2', note: 'n2', resolvedAt: now });
    expect(repo.resolutions()).toEqual([{ ref: 'SO-1', kind: 'never-sent', detail: 'd2', note: 'n2', resolvedAt: now }]);
    db.close();
  });
});

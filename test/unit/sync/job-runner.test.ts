// The job runner over a real SQLite file with hand-written handlers: claims, flaky-link backoff, and a storage
// failure while several jobs are in flight.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { settingsSchema } from '../../../main/core/settings/schema.js';
import { openStore, type Job, type Store } from '../../../main/core/store/index.js';
import { makeContext } from '../../../main/core/sync/context.js';
import { jobRunnerDeps } from '../../../main/core/sync/job-runner-deps.js';
import { runJobs, type FailureHooks, type JobHandler } from '../../../main/core/sync/job-runner.js';
import { manualClock } from '../../helpers/clocks.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('ds-job-runner-');
const noHooks: FailureHooks = { onRetry: () => undefined, onFailed: () => undefined };

function setup(): { store: Store; ctx: ReturnType<typeof makeContext>; clock: ReturnType<typeof manualClock> } {
  const store = openStore(tempDir());
  const clock = manualClock();
  const settings = settingsSchema.parse({});
  const ctx = makeContext({ store, acumatica: null, wms: null, settings: () => settings, clock, logger: silentLogger, random: () => 0.5 });
  return { store, ctx, clock };
}

const jobOf = (store: Store, subject: string): Job => store.jobs.open('send-order', subject)!;

describe('job runner', () => {
  it('claims a job only while it waits: a second claim of a running job is refused', () => {
    const { store } = setup();
    store.jobs.enqueue('send-order', 'A', 0, 'now');
    const job = jobOf(store, 'A');
    expect(store.jobs.markRunning(job.id, 'now')).toBe(true);
    expect(store.jobs.markRunning(job.id, 'now')).toBe(false);
    expect(store.jobs.get(job.id)).toMatchObject({ status: 'running', attempts: 1 });
    store.close();
  });

  it('keeps the backoff of a step that failed in this run when another, older failure gets through', async () => {
    const { store, ctx, clock } = setup();
    const now = ctx.nowIso();
    // B failed in an earlier run and is due again; A is new and fails now (a dropped call on a flaky link).
    store.jobs.enqueue('send-order', 'A', 0, now);
    store.jobs.enqueue('send-order', 'B', 0, now);
    const b = jobOf(store, 'B');
    store.jobs.markRunning(b.id, '2026-11-27T09:00:00.000Z');
    store.jobs.retryLater(b.id, 0, { kind: 'transient', message: 'reset' }, '2026-11-27T09:00:00.000Z');
    const calls: string[] = [];
    const handler: JobHandler = async (job) => {
      calls.push(job.subject);
      if (job.subject === 'A') throw new AppError('transient', 'The connection was reset');
    };
    const outcome = await runJobs(jobRunnerDeps(ctx), ['send-order'], { 'send-order': handler }, noHooks, () => false);
    expect(outcome).toMatchObject({ done: 1, stoppedBy: null });
    // A ran once; B's success did not pull A's retry forward.
    expect(calls).toEqual(['A', 'B']);
    const a = store.jobs.get(jobOf(store, 'A').id)!;
    expect(a).toMatchObject({ status: 'needs-retry', attempts: 1 });
    expect(a.nextAttemptAt).toBeGreaterThan(clock.now());
    store.close();
  });

  it('stops every worker when even the failure cannot be recorded (disk full), so none runs behind the engine', async () => {
    const { store, ctx } = setup();
    for (const ref of ['A', 'B', 'C', 'D', 'E', 'F']) store.jobs.enqueue('send-order', ref, 0, ctx.nowIso());
    let started = 0;
    const handler: JobHandler = async (job) => {
      started++;
      await new Promise((r) => setTimeout(r, job.subject === 'A' ? 1 : 20));
      if (job.subject === 'A') throw new AppError('transient', 'The connection was reset');
    };
    // Writing A's retry fails the way a full disk does.
    const diskFull: FailureHooks = {
      onRetry: () => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
      onFailed: () => undefined,
    };
    const outcome = await runJobs(jobRunnerDeps(ctx), ['send-order'], { 'send-order': handler }, diskFull, () => false, { concurrency: 3 });
    expect(outcome.stoppedBy?.kind).toBe('storage');
    expect(outcome.blockedUntil).not.toBeNull();
    // The two others in flight finished; no worker took a new job after the failure.
    expect(started).toBe(3);
    const rows = store.db.prepare(`SELECT subject, status FROM jobs ORDER BY subject`).all();
    // A stays 'running' (its outcome could not be written); the engine hands it back as outcome-unknown next cycle.
    expect(rows).toEqual([
      { subject: 'A', status: 'running' },
      { subject: 'B', status: 'done' },
      { subject: 'C', status: 'done' },
      { subject: 'D', status: 'queued' },
      { subject: 'E', status: 'queued' },
      { subject: 'F', status: 'queued' },
    ]);
    store.close();
  });
});

// The durable job queue's storage. A job is one external effect for one subject (send an order, cancel it, write a
// fulfillment back). `running` is committed BEFORE the effect starts, so after a crash the job is found still
// running and its outcome is treated as unknown: the next attempt looks before it creates.
import type { ErrorInfo } from '../errors.js';
import type { Db } from './db.js';

export type JobKind = 'send-order' | 'cancel-order' | 'writeback';
export type JobStatus = 'queued' | 'running' | 'needs-retry' | 'failed' | 'done';

export interface Job {
  id: number;
  kind: JobKind;
  subject: string;
  status: JobStatus;
  attempts: number;
  nextAttemptAt: number;
  outcomeUnknown: boolean;
  lastError: ErrorInfo | null;
}

interface Row {
  id: number;
  kind: JobKind;
  subject: string;
  status: JobStatus;
  attempts: number;
  next_attempt_at: number;
  outcome_unknown: number;
  last_error: string | null;
}

function toJob(r: Row): Job {
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    outcomeUnknown: r.outcome_unknown === 1,
    lastError: r.last_error ? (JSON.parse(r.last_error) as ErrorInfo) : null,
  };
}

export function createJobsRepo(db: Db) {
  return {
    /** Queues a job unless one for the same kind and subject is already open (queued, running, retrying, failed). */
    enqueue(kind: JobKind, subject: string, at: number, nowIso: string): boolean {
      const res = db
        .prepare(
          `INSERT INTO jobs (kind, subject, status, next_attempt_at, created_at, updated_at)
           VALUES (?, ?, 'queued', ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(kind, subject, at, nowIso, nowIso);
      return res.changes === 1;
    },

    get(id: number): Job | undefined {
      const row = db.prepare<[number], Row>('SELECT * FROM jobs WHERE id = ?').get(id);
      return row ? toJob(row) : undefined;
    },

    open(kind: JobKind, subject: string): Job | undefined {
      const row = db
        .prepare<[string, string], Row>(`SELECT * FROM jobs WHERE kind = ? AND subject = ? AND status != 'done'`)
        .get(kind, subject);
      return row ? toJob(row) : undefined;
    },

    forSubjects(subjects: string[]): Job[] {
      if (subjects.length === 0) return [];
      const rows = db
        .prepare<string[], Row>(
          `SELECT * FROM jobs WHERE status != 'done' AND subject IN (${subjects.map(() => '?').join(',')})`,
        )
        .all(...subjects);
      return rows.map(toJob);
    },

    due(now: number, limit: number): Job[] {
      return db
        .prepare<[number, number], Row>(
          `SELECT * FROM jobs WHERE status IN ('queued', 'needs-retry') AND next_attempt_at <= ?
           ORDER BY id LIMIT ?`,
        )
        .all(now, limit)
        .map(toJob);
    },

    nextDueAt(kinds: JobKind[]): number | null {
      const row = db
        .prepare(
          `SELECT min(next_attempt_at) AS at FROM jobs WHERE status IN ('queued', 'needs-retry')
           AND kind IN (${kinds.map(() => '?').join(',')})`,
        )
        .get(...kinds) as { at: number | null };
      return row.at;
    },

    /** Claims a waiting job; false when it is not waiting any more (running elsewhere, done, failed). */
    markRunning(id: number, nowIso: string): boolean {
      return (
        db
          .prepare(`UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status IN ('queued', 'needs-retry')`)
          .run(nowIso, id).changes === 1
      );
    },

    complete(id: number, nowIso: string): void {
      db.prepare(`UPDATE jobs SET status = 'done', outcome_unknown = 0, last_error = NULL, updated_at = ? WHERE id = ?`).run(
        nowIso,
        id,
      );
    },

    /** The attempt failed before any effect could have happened, or it is known what happened. */
    retryLater(id: number, at: number, error: ErrorInfo, nowIso: string, outcomeUnknown = false): void {
      db.prepare(
        `UPDATE jobs SET status = 'needs-retry', next_attempt_at = ?, last_error = ?, outcome_unknown = ?, updated_at = ?
         WHERE id = ?`,
      ).run(at, JSON.stringify(error), outcomeUnknown ? 1 : 0, nowIso, id);
    },

    fail(id: number, error: ErrorInfo, nowIso: string, outcomeUnknown = false): void {
      db.prepare(
        `UPDATE jobs SET status = 'failed', last_error = ?, outcome_unknown = ?, updated_at = ? WHERE id = ?`,
      ).run(JSON.stringify(error), outcomeUnknown ? 1 : 0, nowIso, id);
    },

    /**
     * A step of these kinds just got through after a transient failure: the link is back, so the others go now. Only
     * steps that failed before `failedBeforeIso` (the start of the current run): one that failed a moment ago on a
     * flaky link keeps its own backoff.
     */
    wakeTransientWaits(kinds: JobKind[], now: number, failedBeforeIso: string): number {
      return db
        .prepare(
          `UPDATE jobs SET next_attempt_at = ? WHERE status = 'needs-retry' AND next_attempt_at > ? AND updated_at < ?
           AND json_extract(last_error, '$.kind') = 'transient' AND kind IN (${kinds.map(() => '?').join(',')})`,
        )
        .run(now, now, failedBeforeIso, ...kinds).changes;
    },

    /** New credentials were saved: steps that waited for them are due now. */
    wakeCredentialWaits(now: number): number {
      return db
        .prepare(`UPDATE jobs SET next_attempt_at = ? WHERE status = 'needs-retry' AND json_extract(last_error, '$.kind') = 'credentials-rejected'`)
        .run(now).changes;
    },

    /** It was looked up at the remote side and is not there: the earlier attempt had no effect. */
    outcomeKnown(id: number): void {
      db.prepare('UPDATE jobs SET outcome_unknown = 0 WHERE id = ?').run(id);
    },

    uncountAttempt(id: number): void {
      db.prepare('UPDATE jobs SET attempts = max(0, attempts - 1) WHERE id = ?').run(id);
    },

    /** Operator retry: back to the queue now, with a fresh attempt count (the outcome flag is kept). */
    retryNow(id: number, now: number, nowIso: string): void {
      db.prepare(
        `UPDATE jobs SET status = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status != 'done'`,
      ).run(now, nowIso, id);
    },

    /** Drops a job that no longer applies (e.g. the order was resolved by hand). */
    cancel(id: number, nowIso: string): void {
      db.prepare(`UPDATE jobs SET status = 'done', updated_at = ? WHERE id = ?`).run(nowIso, id);
    },

    /** After a crash: jobs left running may or may not have had their effect. */
    recoverInterrupted(nowIso: string): number {
      return db
        .prepare(`UPDATE jobs SET status = 'needs-retry', outcome_unknown = 1, updated_at = ? WHERE status = 'running'`)
        .run(nowIso).changes;
    },

    /** Open jobs of this kind (queued again, waiting for a retry, or failed) whose last attempt may have had its effect. */
    outcomeUnknown(kind: JobKind): Job[] {
      return db
        .prepare<[string], Row>(
          `SELECT * FROM jobs WHERE kind = ? AND outcome_unknown = 1 AND status IN ('queued', 'needs-retry', 'failed') ORDER BY id`,
        )
        .all(kind)
        .map(toJob);
    },

    failed(): Job[] {
      return db.prepare<[], Row>(`SELECT * FROM jobs WHERE status = 'failed' ORDER BY id`).all().map(toJob);
    },
  };
}

export type JobsRepo = ReturnType<typeof createJobsRepo>;

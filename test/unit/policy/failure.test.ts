// The failure policy as a table: every kind of failure × the attempt number × a server's Retry-After, and what
// happens next. The job runner only carries these decisions out (test/unit/sync/job-runner.test.ts,
// test/integration/sync/engine-flaky-link.test.ts check that it does).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../../main/core/errors.js';
import { backoffDelay, defaultBackoff } from '../../../main/core/policy/backoff.js';
import { decide, defaultFailureLimits, type FailureKind, type FailureLimits } from '../../../main/core/policy/failure.js';

const NOW = Date.parse('2026-12-04T10:00:00.000Z');
const limits: FailureLimits = { ...defaultFailureLimits, maxAttempts: 5 };
const half = (): number => 0.5;
const at = (ms: number): number => NOW + ms;

const operatorKinds: ErrorKind[] = ['business', 'config', 'keychain', 'invalid-input', 'not-found', 'internal'];

describe('decide: what a failed step leads to', () => {
  // [kind, attempt, transientInARow, retryAfterMs, expected]
  const table: [FailureKind, number, number, number | undefined, ReturnType<typeof decide>][] = [
    // Transient: backoff (2 s base, doubling, half jitter at random 0.5 -> 3/4 of the step); Retry-After is a floor.
    ['transient', 1, 0, undefined, { action: 'retry', at: at(1_500), attemptCounts: true, sideDownUntil: null }],
    ['transient', 2, 0, undefined, { action: 'retry', at: at(3_000), attemptCounts: true, sideDownUntil: null }],
    ['transient', 3, 1, undefined, { action: 'retry', at: at(6_000), attemptCounts: true, sideDownUntil: null }],
    ['transient', 1, 0, 30_000, { action: 'retry', at: at(30_000), attemptCounts: true, sideDownUntil: null }],
    ['transient', 4, 0, 1_000, { action: 'retry', at: at(12_000), attemptCounts: true, sideDownUntil: null }],
    // The third transient failure in a row takes the side as down until the retry.
    ['transient', 1, 2, undefined, { action: 'retry', at: at(1_500), attemptCounts: true, sideDownUntil: at(1_500) }],
    ['transient', 2, 7, 60_000, { action: 'retry', at: at(60_000), attemptCounts: true, sideDownUntil: at(60_000) }],
    // The last attempt: fails for the operator, whatever Retry-After says.
    ['transient', 5, 0, undefined, { action: 'fail', attemptCounts: true }],
    ['transient', 9, 4, 30_000, { action: 'fail', attemptCounts: true }],
    // Credentials: the side waits a minute for the user; the attempt is given back, even the last one.
    ['credentials-rejected', 1, 0, undefined, { action: 'wait-for-credentials', at: at(60_000), attemptCounts: false, sideDownUntil: at(60_000) }],
    ['credentials-rejected', 5, 2, 5_000, { action: 'wait-for-credentials', at: at(60_000), attemptCounts: false, sideDownUntil: at(60_000) }],
    // Our own disk is full: not the step's fault.
    ['storage', 1, 0, undefined, { action: 'wait-for-storage', at: at(60_000), attemptCounts: false, sideDownUntil: at(60_000) }],
    ['storage', 5, 0, 5_000, { action: 'wait-for-storage', at: at(60_000), attemptCounts: false, sideDownUntil: at(60_000) }],
    // The cycle's time ran out mid-step: due again at once, in the next cycle, attempt given back.
    ['cycle-time-up', 1, 0, undefined, { action: 'leave-for-next-cycle', at: NOW, attemptCounts: false }],
    ['cycle-time-up', 5, 2, 30_000, { action: 'leave-for-next-cycle', at: NOW, attemptCounts: false }],
    // Refusals and mistakes wait for the operator at the first attempt; Retry-After does not matter.
    ...operatorKinds.flatMap((kind): [FailureKind, number, number, number | undefined, ReturnType<typeof decide>][] => [
      [kind, 1, 0, undefined, { action: 'fail', attemptCounts: true }],
      [kind, 3, 2, 30_000, { action: 'fail', attemptCounts: true }],
    ]),
  ];

  it.each(table)('%s, attempt %i, %i transient in a row, Retry-After %s ms', (kind, attempt, transientInARow, retryAfterMs, expected) => {
    expect(decide({ kind, attempt, transientInARow, retryAfterMs, now: NOW, random: half }, limits)).toEqual(expected);
  });

  it('asks for a random number only when it computes a backoff (a seeded source keeps its sequence)', () => {
    let draws = 0;
    const random = (): number => {
      draws++;
      return 0.5;
    };
    for (const kind of ['credentials-rejected', 'storage', 'cycle-time-up', ...operatorKinds] as FailureKind[]) {
      decide({ kind, attempt: 1, transientInARow: 0, now: NOW, random }, limits);
    }
    decide({ kind: 'transient', attempt: 5, transientInARow: 0, now: NOW, random }, limits);
    expect(draws).toBe(0);
    decide({ kind: 'transient', attempt: 1, transientInARow: 0, now: NOW, random }, limits);
    expect(draws).toBe(1);
  });

  it('a transient retry is never sooner than Retry-After nor than half the backoff step, and never past the cap unless Retry-After says so', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, inARow, retryAfterMs, r) => {
          const lim: FailureLimits = { ...defaultFailureLimits, maxAttempts: 1000 };
          const d = decide({ kind: 'transient', attempt, transientInARow: inARow, retryAfterMs, now: NOW, random: () => r }, lim);
          expect(d.action).toBe('retry');
          if (d.action !== 'retry') return;
          const wait = d.at - NOW;
          expect(wait).toBe(backoffDelay(attempt, r, retryAfterMs, defaultBackoff));
          expect(wait).toBeGreaterThanOrEqual(retryAfterMs ?? 0);
          expect(wait).toBeGreaterThanOrEqual(Math.min(defaultBackoff.maxMs, defaultBackoff.baseMs * 2 ** (attempt - 1)) / 2);
          expect(wait).toBeLessThanOrEqual(Math.max(defaultBackoff.maxMs, retryAfterMs ?? 0));
          // The side is down exactly from the sideDownAfter-th failure in a row.
          expect(d.sideDownUntil).toBe(inARow + 1 >= lim.sideDownAfter ? d.at : null);
        },
      ),
    );
  });

  it('only transient failures spend attempts towards the limit, and only they retry', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<FailureKind>('transient', 'credentials-rejected', 'storage', 'cycle-time-up', ...operatorKinds),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        (kind, attempt, maxAttempts) => {
          const d = decide({ kind, attempt, transientInARow: 0, now: NOW, random: half }, { ...defaultFailureLimits, maxAttempts });
          if (d.action === 'retry') expect(kind === 'transient' && attempt < maxAttempts).toBe(true);
          if (kind === 'transient' && attempt >= maxAttempts) expect(d.action).toBe('fail');
          if (operatorKinds.includes(kind as ErrorKind)) expect(d.action).toBe('fail');
          expect(d.attemptCounts).toBe(d.action === 'retry' || d.action === 'fail');
        },
      ),
    );
  });
});

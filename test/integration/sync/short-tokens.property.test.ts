// Issue #18, property-style: whatever the token lifetime (1–10 s), latency and concurrency, every `sync --once`
// returns within its time limit and every write-back completes exactly once within a few runs. Small bounded runs
// (real HTTP, real SQLite, real timers), so each case is a few seconds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmedExactlyOnce, shortTokenRig, within } from '../../helpers/short-token-rig.js';

const DEADLINE_S = 5;
const GRACE_MS = 3_000;

describe('sync cycles under short tokens (property, issue #18)', () => {
  it('returns within the deadline and writes every shipment back exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 1000 }),
        async (tokenSeconds, latencyLow, concurrency, seed) => {
          const rig = await shortTokenRig({
            tokenSeconds,
            latency: [latencyLow, latencyLow + 30],
            orders: 12,
            seed,
            actionPolls: 1,
            acumatica: { requestsPerMinute: 600, actionPollSeconds: 0.1, maxConcurrent: concurrency, concurrentAccess: concurrency > 1 },
            app: { cycleDeadlineSeconds: DEADLINE_S },
          });
          const cycle = async (n: number): Promise<void> => {
            const started = Date.now();
            await within(rig.engine.runCycle(), DEADLINE_S * 1000 + GRACE_MS, `sync --once #${n}`);
            expect(Date.now() - started).toBeLessThan(DEADLINE_S * 1000 + GRACE_MS);
          };
          await cycle(1);
          for (const ref of rig.wms.orders.keys()) rig.wms.shipAll(ref, `1Z${ref.replace(/\W/g, '')}`);
          for (let run = 2; run <= 5 && (rig.store.orders.counts().done ?? 0) < 12; run++) await cycle(run);
          expect(rig.store.orders.counts().done).toBe(12);
          expect(confirmedExactlyOnce(rig.double)).toEqual({ confirmed: 12, duplicates: 0 });
          expect(rig.double.shipments()).toHaveLength(12);
        },
      ),
      { numRuns: 5, seed: 1804, endOnFailure: true },
    );
  }, 240_000);
});

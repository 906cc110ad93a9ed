// Issue #18: `sync --once` that did not return under 2-second access tokens. Reproduced against the project's own
// Acumatica double: tokens of 2 s with rotating refresh tokens (one session per grant), 15–45 ms latency, 80 orders
// confirmed by the warehouse, ConfirmShipment answered 202 + Location and polled.
//
// What it found (see docs/RELIABILITY.md): the client took the bearer token BEFORE waiting for its turn in the
// limiter, and the limiter held requests for up to a minute (per-minute budget) with no bound on the cycle. Under
// 2-second tokens every queued request then left with a dead token, got a 401, asked for a new token (the sign-in
// itself queued behind the same budget) and queued again, so the cycle never finished. Fixed by taking the token
// once the request holds its place, sign-in past the limiter, and a time limit on every cycle.
import { describe, expect, it } from 'vitest';
import { confirmedExactlyOnce, shortTokenRig, within } from '../../helpers/short-token-rig.js';

describe('sync under 2-second access tokens (issue #18)', () => {
  it('every sync --once returns within its time limit, and 80 write-backs complete exactly once in a few runs', async () => {
    const rig = await shortTokenRig({ tokenSeconds: 2, latency: [15, 45], orders: 80, seed: 18, acumatica: { requestsPerMinute: 600, actionPollSeconds: 0.1 }, app: { cycleDeadlineSeconds: 10 } });
    await within(rig.engine.runCycle(), 13_000, 'sync --once #1');
    expect(rig.store.orders.counts()['at-wms']).toBe(80);
    for (const ref of rig.wms.orders.keys()) rig.wms.shipAll(ref, `1Z${ref.replace(/\W/g, '')}`);
    let runs = 1;
    while ((rig.store.orders.counts().done ?? 0) < 80 && runs < 12) {
      runs++;
      const started = Date.now();
      const report = await within(rig.engine.runCycle(), 13_000, `sync --once #${runs}`);
      expect(Date.now() - started).toBeLessThan(13_000);
      expect(report.writtenBack?.failed ?? 0).toBe(0);
    }
    expect(rig.store.orders.counts().done).toBe(80);
    expect(confirmedExactlyOnce(rig.double)).toEqual({ confirmed: 80, duplicates: 0 });
    expect(rig.double.shipments()).toHaveLength(80);
  }, 200_000);

  it('with the default licence budget (60 requests a minute) a cycle stops at its limit and leaves the rest queued', async () => {
    const rig = await shortTokenRig({ tokenSeconds: 2, latency: [15, 45], orders: 40, seed: 19, app: { cycleDeadlineSeconds: 8 } });
    await within(rig.engine.runCycle(), 11_000, 'sync --once #1');
    for (const ref of rig.wms.orders.keys()) rig.wms.shipAll(ref, `1Z${ref.replace(/\W/g, '')}`);
    const report = await within(rig.engine.runCycle(), 11_000, 'sync --once #2');
    expect(report.timeUp).toMatchObject({ afterSeconds: 8 });
    expect(report.timeUp!.stepsLeft).toBeGreaterThan(0);
    // Nothing failed or is left running: the unfinished write-backs wait, due, for the next cycle.
    const jobs = rig.store.db.prepare(`SELECT status, COUNT(*) AS n FROM jobs WHERE kind = 'writeback' GROUP BY status`).all() as { status: string; n: number }[];
    expect(jobs.find((j) => j.status === 'running')).toBeUndefined();
    expect(jobs.find((j) => j.status === 'failed')).toBeUndefined();
    expect(rig.store.orders.counts().failed ?? 0).toBe(0);
    expect(confirmedExactlyOnce(rig.double).duplicates).toBe(0);
  }, 60_000);
});

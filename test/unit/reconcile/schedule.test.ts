// The daily schedule's arithmetic (local time), and the loop running the service once per day with a manual clock.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.js';
import type { ReconcileReport } from '../../../main/core/reconcile/report.js';
import { createReconcileSchedule, nextDueAt } from '../../../main/core/reconcile/schedule.js';
import type { ReconcileService } from '../../../main/core/reconcile/service.js';
import { settingsSchema } from '../../../main/core/settings/schema.js';

const local = (y: number, mo: number, d: number, h: number, mi: number): number => new Date(y, mo - 1, d, h, mi).getTime();
const iso = (ms: number): string => new Date(ms).toISOString();

describe('nextDueAt', () => {
  it('is today at the set time, now once it has passed without a run, then tomorrow', () => {
    const before = local(2026, 12, 4, 5, 0);
    expect(nextDueAt('06:30', iso(local(2026, 12, 3, 6, 31)), before)).toBe(local(2026, 12, 4, 6, 30));
    const after = local(2026, 12, 4, 7, 0);
    expect(nextDueAt('06:30', iso(local(2026, 12, 3, 6, 31)), after)).toBe(after);
    expect(nextDueAt('06:30', iso(local(2026, 12, 4, 6, 30)), after)).toBe(local(2026, 12, 5, 6, 30));
  });

  it('catches up a day missed while the app was closed; a first run waits for its time', () => {
    const now = local(2026, 12, 4, 5, 0);
    expect(nextDueAt('06:30', iso(local(2026, 12, 1, 6, 30)), now)).toBe(now);
    expect(nextDueAt('06:30', null, now)).toBe(local(2026, 12, 4, 6, 30));
  });
});

describe('the daily schedule', () => {
  it('runs the service once when due; a time not written HH:MM is refused', async () => {
    let now = local(2026, 12, 4, 6, 29);
    let lastStarted: string | null = null;
    const runs: number[] = [];
    const sleeps: number[] = [];
    const settings = settingsSchema.parse({ app: { reconcileDailyAt: '06:30' } });
    const service: ReconcileService = {
      start: () => ({ started: true }),
      run: async () => {
        runs.push(now);
        lastStarted = iso(now);
        return {} as ReconcileReport;
      },
      isRunning: () => false,
      last: () => null,
      apply: async () => ({ message: '' }),
      stop: async () => undefined,
    };
    const schedule = createReconcileSchedule({
      clock: {
        now: () => now,
        // Time moves on up to 07:30 of that day, then stands (the test stops the loop).
        sleep: async (ms) => {
          sleeps.push(ms);
          if (now + ms <= local(2026, 12, 4, 7, 30)) now += ms;
          await new Promise((r) => setTimeout(r, 1));
        },
      },
      logger: silentLogger,
      settings: () => settings,
      service,
      lastStartedAt: () => lastStarted,
    });
    schedule.start();
    await new Promise((r) => setTimeout(r, 20));
    await schedule.stop();
    expect(runs).toEqual([local(2026, 12, 4, 6, 30)]);

    expect(() => settingsSchema.parse({ app: { reconcileDailyAt: '6:30' } })).toThrow(/HH:MM/);
  });
});

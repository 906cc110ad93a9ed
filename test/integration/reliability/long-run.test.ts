// 60 days of unattended running in well under a minute on a simulated clock (see long-run.ts): tokens expiring hourly,
// refresh tokens rotating and reaching their 30-day absolute lifetime, the shared secret lapsing on day 45 (the
// import pauses with credentials-rejected for the shared secret, nothing fails, it resumes after a new secret and
// nothing is lost), the rotating log staying within its bound, and the database growing with orders, not with polls.
import { describe, expect, it } from 'vitest';
import { runLongScenario } from './long-run.js';

describe('60 days on a simulated clock', () => {
  it('keeps signing in, pauses on the lapsed secret and resumes, loses nothing, and keeps disk use bounded', async () => {
    const r = await runLongScenario({
      days: 60,
      pollMinutes: 30,
      ordersPerDay: 6,
      secretLapseDay: 45,
      lapseDays: 1,
      logMaxFileSize: '128K',
      logMaxFiles: 3,
      idlePolls: 500,
    });
    expect(r.polls).toBeGreaterThanOrEqual(60 * 48);

    // Tokens: hourly access tokens renewed by refresh; the 30-day chains ended and a password sign-in took over.
    expect(r.grants.refresh).toBeGreaterThan(60 * 20);
    expect(r.grants.expiredRefresh).toBeGreaterThanOrEqual(1);
    expect(r.grants.password).toBeGreaterThanOrEqual(2);
    expect(r.grants.password).toBeLessThanOrEqual(6);

    // The lapse: a clear state naming the credential, nothing failed, nothing imported, orders waited in Acumatica.
    expect(r.lapse.pollsDuring).toBeGreaterThanOrEqual(40);
    expect(r.lapse.state).toBe('credentials-rejected');
    expect(r.lapse.credential).toBe('acumatica-shared-secret');
    expect(r.lapse.failedDuring).toBe(0);
    expect(r.lapse.importedDuring).toBe(0);
    expect(r.lapse.openedDuring).toBeGreaterThan(0);

    // Nothing lost or doubled over 60 days; every order written back.
    expect(r.lost).toEqual([]);
    expect(r.doubledAtWms).toEqual([]);
    expect(r.doubledShipments).toEqual([]);
    expect(r.states).toEqual({ done: r.orders });

    // The debug log rotated (more was written than one file holds) and stayed within maxFiles + the live file.
    expect(r.log.files).toBeGreaterThan(1);
    expect(r.log.bytesOnDisk).toBeLessThanOrEqual(r.log.boundBytes);
    // The database grows with orders, not with polls: 500 idle polls add at most a few pages.
    expect(r.db.bytesAfterIdle - r.db.bytesAfterRun).toBeLessThanOrEqual(4 * 4096);
  }, 120_000);
});

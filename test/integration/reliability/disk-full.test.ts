// A full disk under the running engine. Two ways: SQLite's max_page_count on the store's connection (works anywhere),
// and a real 1 MB tmpfs holding the data folder (needs mount rights; skipped with a note otherwise). Writes must fail
// with the storage error ("The disk holding … is full. Free some space; work resumes by itself."), no order may be
// failed for it, the file must stay sound, and once space returns the work goes on: nothing lost, nothing sent twice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../main/core/clock.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { openStore } from '../../../main/core/store/index.js';
import { createEngine } from '../../../main/core/sync/engine.js';
import { makeJobsDue, useEngine, type EngineHarness } from '../../helpers/engine-harness.js';
import { SimClock } from '../../helpers/clocks.js';

const setup = useEngine();

function pinPages(h: EngineHarness, extra: number): void {
  const pages = h.store.db.pragma('page_count', { simple: true }) as number;
  h.store.db.pragma(`max_page_count = ${pages + extra}`);
}

function unpin(h: EngineHarness): void {
  h.store.db.pragma('max_page_count = 1073741823');
}

function sound(h: EngineHarness): void {
  expect(h.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('full disk (SQLite max_page_count)', () => {
  it('an import that cannot be written fails with the storage error, imports nothing half, and resumes when space returns', async () => {
    const h = await setup();
    h.double.seedSalesOrders(120, { seed: 21, lines: [5, 15] });
    pinPages(h, 10);
    const full = await h.engine.runCycle();
    expect(full.errors).toHaveLength(1);
    expect(full.errors[0]!.error).toMatchObject({ kind: 'storage' });
    expect(full.errors[0]!.error.message).toMatch(/disk holding .*dropstream\.db is full\. Free some space; work resumes by itself/);
    sound(h);
    expect(h.store.orders.counts().failed ?? 0).toBe(0);

    unpin(h);
    const resumed = await h.engine.runCycle();
    expect(resumed.errors).toEqual([]);
    expect(h.store.orders.counts()['at-wms']).toBe(120);
    expect(new Set(h.wms.received.map((r) => r.ref)).size).toBe(120);
    expect(h.wms.received).toHaveLength(120);
    sound(h);
  });

  it('the disk fills while sending: the warehouse got the order but the record failed; after space returns it is not sent again', async () => {
    const h = await setup();
    h.double.seedSalesOrders(30, { seed: 22, lines: [2, 4] });
    h.wms.down = true;
    await h.engine.runCycle();
    expect(h.store.orders.counts()['awaiting-wms']).toBe(30);
    h.wms.down = false;
    // The same process goes on (no restart): its own clock decides when the side is tried again.
    await h.engine.stop();
    const clock = new SimClock(Date.now());
    const engine = createEngine({ store: h.store, acumatica: h.gateway, wms: h.wms, settings: () => h.settings, clock, logger: silentLogger, random: () => 0 });
    makeJobsDue(h.store);
    // Room for a few sends only: the store fills mid-way through the queue.
    pinPages(h, 2);
    const full = await engine.runCycle();
    const wmsError = full.errors.find((e) => e.side === 'wms');
    expect(wmsError?.error.kind).toBe('storage');
    expect(h.store.orders.counts().failed ?? 0).toBe(0);
    sound(h);
    const before = h.wms.received.length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(30);

    unpin(h);
    // A minute later (the storage wait), the loop's next cycle: stranded jobs are recovered and looked up first.
    clock.advance(61_000);
    const resumed = await engine.runCycle();
    expect(resumed.errors).toEqual([]);
    expect(h.store.orders.counts()['at-wms']).toBe(30);
    const sent = h.wms.received.filter((r) => r.action === 'new').map((r) => r.ref);
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
    sound(h);
    await engine.stop();
  });
});

// A real file system that runs out of space: tmpfs needs root (or CAP_SYS_ADMIN). Probed once, unmounted at once.
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'dropstream-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!canMountTmpfs())('full disk (a real 1 MB tmpfs)', () => {
  it('runs out of space for real, keeps the file sound, and resumes after the disk grows', async () => {
    const mountDir = mkdtempSync(join(tmpdir(), 'dropstream-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountDir]);
    const h = await setup();
    await h.engine.stop();
    const store = openStore(join(mountDir, 'data'));
    const engine = createEngine({ store, acumatica: h.gateway, wms: h.wms, settings: () => h.settings, clock: systemClock, logger: silentLogger, random: () => 0 });
    try {
      h.double.seedSalesOrders(400, { seed: 23, lines: [4, 10] });
      const full = await engine.runCycle();
      expect(full.errors).toHaveLength(1);
      expect(full.errors[0]!.error.kind).toBe('storage');
      expect(full.errors[0]!.error.message).toMatch(/is full\. Free some space; work resumes by itself/);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.orders.counts()).toEqual({});

      execFileSync('mount', ['-o', 'remount,size=64m', mountDir]);
      const resumed = await engine.runCycle();
      expect(resumed.errors).toEqual([]);
      expect(store.orders.counts()['at-wms']).toBe(400);
      expect(h.wms.received).toHaveLength(400);
      expect(new Set(h.wms.received.map((r) => r.ref)).size).toBe(400);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await engine.stop();
      store.close();
      execFileSync('umount', [mountDir]);
      rmSync(mountDir, { recursive: true, force: true });
    }
  });
});

// The file-exchange adapter with the CSV format on a real folder: idempotent order files, stable-file reading,
// duplicates, rejected files with their reasons, commit semantics, connection test.
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WmsAdapter } from '../../../main/core/wms/adapter.js';
import { createFileExchangeAdapter } from '../../../main/core/wms/file-exchange/adapter.js';
import { createCsvFormat } from '../../../main/core/wms/file-exchange/csv/format.js';
import { fileExchangeSettingsSchema } from '../../../main/core/wms/file-exchange/settings.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { useTempDir } from '../../helpers/tmp.js';
import { lookupOf, shpCsv, testDeps } from '../../unit/file-exchange/helpers.js';

const tempDir = useTempDir('ds-fx-adapter-');

function setup(stableForMs = 0) {
  const root = tempDir();
  const deps = testDeps();
  const settings = fileExchangeSettingsSchema.parse({ adapter: 'file', transport: { kind: 'folder', dir: root }, stableForMs });
  const adapter: WmsAdapter = createFileExchangeAdapter(settings, deps, createCsvFormat());
  const drop = (name: string, text: string | Buffer): void => writeFileSync(join(root, 'out', name), text);
  const ls = (dir: string): string[] => readdirSync(join(root, dir)).sort();
  return { root, deps, adapter, drop, ls };
}

const so = sampleOrder('SO', '000123');
const lookup = lookupOf([so]);

describe('file-exchange adapter on a folder: orders', () => {
  it('creates the folders and passes the connection test', async () => {
    const { adapter, ls } = setup();
    const checks = await adapter.testConnection();
    expect(checks.map((c) => [c.id, c.ok])).toEqual([['reachable', true], ['folders', true], ['write-in', true], ['read-out', true]]);
    expect(checks[3]!.message).toBe('out/ is readable; 0 confirmation files waiting.');
    expect(ls('.')).toEqual(['in', 'out']);
    expect(ls('out')).toEqual(['archive', 'error']);
    expect(ls('in')).toEqual([]);
    expect(adapter.supportsChange && adapter.supportsCancel).toBe(true);
  });

  it('fails the connection test when the folder is missing, and skips the rest', async () => {
    const root = join(tempDir(), 'gone');
    const deps = testDeps();
    const adapter = createFileExchangeAdapter(fileExchangeSettingsSchema.parse({ adapter: 'file', transport: { kind: 'folder', dir: root } }), deps, createCsvFormat());
    const checks = await adapter.testConnection();
    expect(checks[0]).toMatchObject({ id: 'reachable', ok: false, message: expect.stringContaining('not mounted') });
    expect(checks.slice(1).every((c) => c.skipped)).toBe(true);
    expect(existsSync(root)).toBe(false);
    await expect(adapter.sendOrder(so, 'new', 1)).rejects.toMatchObject({ kind: 'transient' });
  });

  it('writes one file per (order, action, revision): a retry later rewrites the same name', async () => {
    const { adapter, deps, ls, root } = setup();
    expect(await adapter.findOrder(so.ref)).toBeNull();
    const first = await adapter.sendOrder(so, 'new', 1);
    expect(first.wmsRef).toBe('ord_SO-000123_20261127100000.csv');
    deps.clock.advance(65_000);
    const retry = await adapter.sendOrder(so, 'new', 1);
    expect(retry).toEqual(first);
    expect(ls('in')).toEqual([first.wmsRef]);
    expect(await adapter.findOrder(so.ref)).toEqual(first);
    const change = await adapter.sendOrder({ ...so, notes: 'changed' }, 'change', 2);
    expect(change.wmsRef).toBe('ord_SO-000123_20261127100105.csv');
    expect(readFileSync(join(root, 'in', change.wmsRef), 'utf8')).toContain('change,SO-000123');
    // Same second, other action: never the same file name.
    expect(await adapter.cancelOrder(so, 3)).toEqual({ cancelled: true });
    expect(ls('in')).toEqual([first.wmsRef, change.wmsRef, 'ord_SO-000123_20261127100105_2.csv']);
    expect(readFileSync(join(root, 'in', 'ord_SO-000123_20261127100105_2.csv'), 'utf8').split('\r\n')[1]).toMatch(/^cancel,SO-000123,/);
  });

  it('sends several orders at once without two of them sharing a file name', async () => {
    const { adapter, root, ls } = setup();
    // "SO/1" and "SO_1" clean up to the same file-name part: sent concurrently, each still gets its own file.
    const orders = [sampleOrder('SO', '1', { ref: 'SO/1' }), sampleOrder('SO', '1', { ref: 'SO_1' }), sampleOrder('SO', '2'), sampleOrder('SO', '3')];
    expect(adapter.maxConcurrentSends).toBeGreaterThan(1);
    const refs = await Promise.all(orders.map((o) => adapter.sendOrder(o, 'new', 1)));
    expect(new Set(refs.map((r) => r.wmsRef)).size).toBe(orders.length);
    expect(ls('in')).toEqual(refs.map((r) => r.wmsRef).sort());
    for (const [i, o] of orders.entries()) {
      expect(readFileSync(join(root, 'in', refs[i]!.wmsRef), 'utf8')).toContain(`new,${o.ref},`);
      expect(await adapter.findOrder(o.ref)).toEqual(refs[i]);
    }
  });

  it('keeps an order ref with path tricks inside in/', async () => {
    const { adapter, root, ls } = setup();
    const evil = sampleOrder('..', '../../../escape', { ref: '../../escape/x' });
    const ref = await adapter.sendOrder(evil, 'new', 1);
    expect(ref.wmsRef).toBe('ord_______escape_x_20261127100000.csv');
    expect(ls('in')).toEqual([ref.wmsRef]);
    expect(ls('.')).toEqual(['in', 'out']);
    expect(existsSync(join(root, '..', 'escape'))).toBe(false);
  });
});

describe('file-exchange adapter on a folder: confirmations', () => {
  it('reads a file only once it is stable, skipping temp and foreign files', async () => {
    const { adapter, deps, drop, ls } = setup(2000);
    await adapter.testConnection();
    drop('.tmp-shp_1.csv', 'partial');
    drop('readme.txt', 'not ours');
    drop('shp_1.csv', shpCsv([{ quantity: '1' }]).slice(0, 60));
    expect((await adapter.collect(lookup)).batches).toEqual([]);
    deps.clock.advance(1500);
    drop('shp_1.csv', shpCsv([{ quantity: '1' }])); // still growing
    expect((await adapter.collect(lookup)).batches).toEqual([]);
    deps.clock.advance(1999);
    expect((await adapter.collect(lookup)).batches).toEqual([]);
    deps.clock.advance(1);
    const { batches, rejected } = await adapter.collect(lookup);
    expect(rejected).toEqual([]);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.fulfillments[0]).toMatchObject({ id: 'shp_1.csv#SO-000123', lines: [{ lineRef: '1', quantity: 1 }] });
    expect(ls('out')).toEqual(['.tmp-shp_1.csv', 'archive', 'error', 'readme.txt', 'shp_1.csv']);
  });

  it('reads a file on the first poll when its mtime is already older than the window; a fresh one after a short wait in the same poll (issue #15 items 3-4)', async () => {
    const { root, adapter, deps, drop } = setup(2000);
    await adapter.testConnection();
    const now = deps.clock.now() / 1000;
    drop('shp_old.csv', shpCsv([{ quantity: '1' }]));
    utimesSync(join(root, 'out', 'shp_old.csv'), now - 3.5, now - 3.5);
    drop('shp_new.csv', shpCsv([{ quantity: '1', box_id: 'B2', tracking_number: '1Z2' }]));
    utimesSync(join(root, 'out', 'shp_new.csv'), now - 1, now - 1);
    const first = await adapter.collect(lookup);
    expect(first.batches.map((b) => b.source)).toEqual(['out/shp_old.csv', 'out/shp_new.csv']);
    // The fresh one was read only once its mtime was window + 1 s (mtime resolution) old: 2 s later.
    expect(deps.clock.now()).toBe(now * 1000 + 2000);
  });

  it('does not wait within a poll for a file whose mtime is not near (clock skew): two sightings instead', async () => {
    const { root, adapter, deps, drop } = setup(2000);
    await adapter.testConnection();
    const now = deps.clock.now() / 1000;
    drop('shp_future.csv', shpCsv([{ quantity: '1' }]));
    utimesSync(join(root, 'out', 'shp_future.csv'), now + 600, now + 600);
    expect((await adapter.collect(lookup)).batches).toEqual([]);
    expect(deps.clock.now()).toBe(now * 1000);
    deps.clock.advance(2000);
    expect((await adapter.collect(lookup)).batches.map((b) => b.source)).toEqual(['out/shp_future.csv']);
  });

  it('remembers when a file was first seen across processes, so one `sync --once` after another collects it', async () => {
    const { root, deps, drop } = setup(2000);
    const first = createFileExchangeAdapter(fileExchangeSettingsSchema.parse({ adapter: 'file', transport: { kind: 'folder', dir: root }, stableForMs: 2000 }), deps, createCsvFormat());
    await first.testConnection();
    drop('shp_1.csv', shpCsv([{ quantity: '1' }]));
    expect((await first.collect(lookup)).batches).toEqual([]);
    deps.clock.advance(2000);
    // A new process: a new adapter over the same (SQLite-backed) adapter state.
    const second = createFileExchangeAdapter(fileExchangeSettingsSchema.parse({ adapter: 'file', transport: { kind: 'folder', dir: root }, stableForMs: 2000 }), deps, createCsvFormat());
    expect((await second.collect(lookup)).batches).toHaveLength(1);
  });

  it('offers an uncommitted file again (crash before commit) and archives it on commit', async () => {
    const { adapter, drop, ls } = setup();
    await adapter.testConnection();
    drop('shp_1.csv', shpCsv([{ box_id: 'B1', quantity: '2' }, { box_id: 'B2', tracking_number: '1Z2', line_ref: '2', sku: 'GADGET-RED' }]));
    const first = await adapter.collect(lookup);
    const again = await adapter.collect(lookup);
    expect(again.batches.map((b) => b.id)).toEqual(first.batches.map((b) => b.id));
    const batch = first.batches[0]!;
    expect(batch.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(batch.source).toBe('out/shp_1.csv');
    expect(batch.fulfillments[0]!.packages.map((p) => p.boxId)).toEqual(['B1', 'B2']);
    await batch.commit();
    expect(ls('out')).toEqual(['archive', 'error']);
    expect(ls('out/archive')).toEqual(['shp_1.csv']);
    expect((await adapter.collect(lookup)).batches).toEqual([]);
  });

  it('never applies a confirmation that is a symbolic link (it could point anywhere); the real files still go', async () => {
    const { adapter, drop, ls, root } = setup();
    await adapter.testConnection();
    const elsewhere = join(tempDir(), 'shp_elsewhere.csv');
    writeFileSync(elsewhere, shpCsv([{ box_id: 'LINKED', quantity: '2' }]));
    symlinkSync(elsewhere, join(root, 'out', 'shp_0_link.csv'));
    drop('shp_1.csv', shpCsv([{ box_id: 'B1', quantity: '2' }]));
    const result = await adapter.collect(lookup);
    expect(result.batches.map((b) => b.source)).toEqual(['out/shp_1.csv']);
    expect(result.rejected).toEqual([]);
    await result.batches[0]!.commit();
    // Left where it is for a person to look at; neither archived nor moved to error/.
    expect(ls('out')).toEqual(['archive', 'error', 'shp_0_link.csv']);
    expect(ls('out/error')).toEqual([]);
  });

  it('archives a re-dropped file without offering it again, collision-safe', async () => {
    const { adapter, drop, ls } = setup();
    await adapter.testConnection();
    const text = shpCsv([{ quantity: '1' }]);
    drop('shp_1.csv', text);
    await (await adapter.collect(lookup)).batches[0]!.commit();
    drop('shp_1.csv', text);
    drop('shp_copy.csv', text);
    expect(await adapter.collect(lookup)).toEqual({ batches: [], rejected: [] });
    expect(ls('out/archive')).toEqual(['shp_1.csv', 'shp_1_2.csv', 'shp_copy.csv']);
  });

  it('drops a package already recorded when it comes again in another file', async () => {
    const { adapter, drop } = setup();
    await adapter.testConnection();
    drop('shp_2.csv', shpCsv([{ box_id: 'B1', tracking_number: '1ZA', quantity: '2' }, { box_id: 'B2', tracking_number: '1ZB', line_ref: '2', sku: 'GADGET-RED', quantity: '1' }]));
    drop('shp_3.csv', shpCsv([{ box_id: 'B1', tracking_number: '1ZA', quantity: '2' }]));
    const lk = lookupOf([so], { 'SO-000123': { shipped: { '1': 2 }, packages: [['1ZA', 'B1']] } });
    const { batches, rejected } = await adapter.collect(lk);
    expect(rejected).toEqual([]);
    expect(batches.map((b) => [b.source, b.fulfillments.map((f) => f.packages.map((p) => p.boxId))])).toEqual([
      ['out/shp_2.csv', [['B2']]],
      ['out/shp_3.csv', []],
    ]);
    expect(batches[0]!.fulfillments[0]!.lines).toEqual([{ lineRef: '2', sku: 'GADGET-RED', quantity: 1 }]);
  });

  it('moves each kind of bad file to out/error/ with a .error.txt listing every reason', async () => {
    const { adapter, drop, ls, root } = setup();
    await adapter.testConnection();
    drop('shp_bad_utf8.csv', Buffer.concat([Buffer.from(shpCsv([{}])), Buffer.from([0xff, 0xfe, 0x41])]));
    drop('shp_bad_csv.csv', shpCsv([{}]) + 'SO-000123,"2026-11-27\r\n');
    drop('shp_bad_rows.csv', shpCsv([{ order_ref: 'SO-404' }, { line_ref: '9' }, { quantity: '99' }, { ship_date: '2026-13-01' }, { weight: 'heavy' }]));
    drop('shp_ok.csv', shpCsv([{ quantity: '1' }]));
    writeFileSync(join(root, 'out', 'error', 'shp_bad_rows.csv'), 'an older rejected file');
    const { batches, rejected } = await adapter.collect(lookup);
    expect(batches.map((b) => b.source)).toEqual(['out/shp_ok.csv']);
    expect(rejected.map((r) => [r.source, r.reasons.length])).toEqual([
      ['out/shp_bad_csv.csv', 1],
      ['out/shp_bad_rows.csv', 5],
      ['out/shp_bad_utf8.csv', 1],
    ]);
    expect(ls('out/error')).toEqual([
      'shp_bad_csv.csv', 'shp_bad_csv.csv.error.txt', 'shp_bad_rows.csv', 'shp_bad_rows_2.csv', 'shp_bad_rows_2.csv.error.txt', 'shp_bad_utf8.csv', 'shp_bad_utf8.csv.error.txt',
    ]);
    const report = readFileSync(join(root, 'out', 'error', 'shp_bad_rows_2.csv.error.txt'), 'utf8');
    expect(report.split('\r\n')).toEqual([
      'DropStream rejected shp_bad_rows.csv on 2026-11-27T10:00:00.000Z. Nothing from this file was applied.',
      'Fix every problem below, then drop the corrected file into out/ again (a new name is fine).',
      '',
      expect.stringMatching(/^- Row 2 \(order SO-404, box B1\): order_ref "SO-404" is not an order this app sent/),
      expect.stringMatching(/^- Row 3 .*line_ref "9" is not a line of order SO-000123/),
      expect.stringMatching(/^- Row 4 .*quantity 99 of line 1 \(WIDGET-BLUE\) is more than is still open \(sent 2,/),
      expect.stringMatching(/^- Row 5 .*ship_date "2026-13-01" is not a date: write it as YYYY-MM-DD/),
      expect.stringMatching(/^- Row 6 .*weight "heavy" is not a number/),
      '',
    ]);
    expect(readFileSync(join(root, 'out', 'error', 'shp_bad_utf8.csv.error.txt'), 'utf8')).toContain('not valid UTF-8');
    expect(readFileSync(join(root, 'out', 'error', 'shp_bad_csv.csv.error.txt'), 'utf8')).toContain('not valid CSV');
    expect(ls('out').filter((n) => n.startsWith('shp_'))).toEqual(['shp_ok.csv']);
  });

  it('keeps working when out/ is missing again (folders re-created on next start)', async () => {
    const { root, deps } = setup();
    mkdirSync(join(root, 'in'));
    const adapter = createFileExchangeAdapter(fileExchangeSettingsSchema.parse({ adapter: 'file', transport: { kind: 'folder', dir: root } }), deps, createCsvFormat());
    expect(await adapter.collect(lookup)).toEqual({ batches: [], rejected: [] });
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['archive', 'error']);
  });
});

// Packs the app with electron-builder's "dir" target and a stand-in for the Electron binary (which cannot be
// downloaded here), then checks the layout a user's install would have: the entry, preload and UI inside the asar,
// the native modules unpacked next to it, no test code. Needs `npm run build` first; skipped (with the reason) if not.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(path: string, options: object): string[] };
const built = ['dist/main/app/main.js', 'dist/preload/index.cjs', 'renderer/dist/index.html'].every((f) => existsSync(join(root, f)));

describe.skipIf(!built)('electron-builder --linux dir (run `npm run build` first)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ds-builder-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs the entry, preload and UI into the asar and leaves the native modules unpacked', async () => {
    const standIn = join(work, 'electron-dist');
    mkdirSync(join(standIn, 'resources'), { recursive: true });
    writeFileSync(join(standIn, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(standIn, 'electron'), 0o755);
    writeFileSync(join(standIn, 'version'), '41.7.1');
    const out = join(work, 'out');
    await promisify(execFile)(
      process.execPath,
      [require.resolve('electron-builder/cli.js'), '--linux', 'dir', `-c.electronDist=${standIn}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
      { cwd: root, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 240_000 },
    );
    const resources = join(out, 'linux-unpacked', 'resources');
    const files = new Set(asar.listPackage(join(resources, 'app.asar'), {}).map((f) => f.replaceAll('\\', '/')));
    for (const f of ['/package.json', '/dist/main/app/main.js', '/dist/preload/index.cjs', '/renderer/dist/index.html', '/node_modules/keytar/package.json', '/node_modules/electron-store/package.json']) {
      expect(files.has(f), f).toBe(true);
    }
    expect([...files].filter((f) => f.startsWith('/dist/test/') || f.includes('/node_modules/vitest/'))).toEqual([]);
    for (const native of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/keytar/build/Release/keytar.node']) {
      expect(existsSync(join(resources, 'app.asar.unpacked', native)), native).toBe(true);
    }
  }, 300_000);
});

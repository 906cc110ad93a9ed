// The folder transport on a real temp folder: atomic writes, confinement to the root, errors in operator words.
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { createFolderTransport } from '../../../main/core/wms/file-exchange/transport/folder.js';
import { assertSafeName, exchangePath, freeName } from '../../../main/core/wms/file-exchange/transport/safe-path.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('ds-fx-folder-');

describe('folder transport', () => {
  it('never shows a reader half a file: only the final name appears, always complete', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'in'));
    const t = createFolderTransport(root);
    const contents = Array.from({ length: 12 }, (_, i) => Buffer.alloc(3 * 1024 * 1024, 65 + i));
    let writing = true;
    const seenNames = new Set<string>();
    let fullReads = 0;
    const reader = (async () => {
      while (writing) {
        for (const name of await readdir(join(root, 'in'))) {
          seenNames.add(name);
          if (!name.startsWith('ord_')) continue;
          const data = await readFile(join(root, 'in', name)).catch(() => null);
          if (data === null) continue;
          const i = Number(/ord_(\d+)/.exec(name)![1]);
          expect(data.length).toBe(contents[i]!.length);
          expect(data.equals(contents[i]!)).toBe(true);
          fullReads++;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (const [i, c] of contents.entries()) await t.writeAtomic(exchangePath('in', `ord_${i}.csv`), c);
    writing = false;
    await reader;
    expect(fullReads).toBeGreaterThan(0);
    expect([...seenNames].every((n) => n.startsWith('ord_') || n.startsWith('.tmp-'))).toBe(true);
    expect(readdirSync(join(root, 'in')).sort()).toEqual(contents.map((_, i) => `ord_${i}.csv`).sort());
  });

  it('rewrites the same name in place (a retry) and leaves no temp file behind', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'in'));
    const t = createFolderTransport(root);
    await t.writeAtomic('in/ord_a.csv', Buffer.from('one'));
    await t.writeAtomic('in/ord_a.csv', Buffer.from('two'));
    expect(readdirSync(join(root, 'in'))).toEqual(['ord_a.csv']);
    expect(readFileSync(join(root, 'in', 'ord_a.csv'), 'utf8')).toBe('two');
  });

  it('lists, reads, moves, removes and creates folders inside the root only', async () => {
    const root = tempDir();
    const t = createFolderTransport(root);
    await t.mkdirp('out/archive');
    writeFileSync(join(root, 'out', 'shp_1.csv'), 'x');
    const listed = await t.list('out');
    expect(listed.map((e) => [e.name, e.isFile, e.size]).sort()).toEqual([['archive', false, expect.any(Number)], ['shp_1.csv', true, 1]]);
    expect((await t.read('out/shp_1.csv')).toString()).toBe('x');
    await t.move('out/shp_1.csv', 'out/archive/shp_1.csv');
    expect(await t.exists('out/shp_1.csv')).toBe(false);
    expect(await t.exists('out/archive/shp_1.csv')).toBe(true);
    await t.remove('out/archive/shp_1.csv');
    expect(readdirSync(join(root, 'out', 'archive'))).toEqual([]);
  });

  it('refuses paths that would leave the root', async () => {
    const root = tempDir();
    const t = createFolderTransport(join(root, 'exchange'));
    mkdirSync(join(root, 'exchange', 'in'), { recursive: true });
    for (const bad of ['../secret', 'in/../../secret', '/etc/passwd', 'in/a\u0000b', 'in\\..\\x', 'in/a\nb']) {
      await expect(t.writeAtomic(bad, Buffer.from('x'))).rejects.toMatchObject({ kind: 'invalid-input' });
      await expect(t.read(bad)).rejects.toBeInstanceOf(AppError);
    }
    expect(readdirSync(root)).toEqual(['exchange']);
    expect(() => exchangePath('in', '..')).toThrow(/plain name inside the exchange folder/);
    expect(() => assertSafeName('a/b')).toThrow(AppError);
  });

  it('reports a missing root (unmounted share) as transient without creating it', async () => {
    const root = join(tempDir(), 'not-mounted');
    const t = createFolderTransport(root);
    await expect(t.checkRoot()).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('does not exist or the network share is not mounted') });
    await expect(t.exists('in')).resolves.toBe(false);
    await expect(t.list('out')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('picks collision-free names', async () => {
    const taken = new Set(['shp_1.csv', 'shp_1_2.csv']);
    expect(await freeName('shp_1.csv', async (c) => taken.has(c))).toBe('shp_1_3.csv');
    expect(await freeName('other.csv', async (c) => taken.has(c))).toBe('other.csv');
  });
});

describe('folder transport and symbolic links', () => {
  it('lists a symbolic link as "not a file" and refuses to read through one, so nothing outside the root is read', async () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, 'out'));
    writeFileSync(join(outside, 'secret.txt'), 'not for the warehouse');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'out', 'shp_link.csv'));
    writeFileSync(join(root, 'out', 'shp_real.csv'), 'real');
    const t = createFolderTransport(root);
    const entries = await t.list('out');
    expect(entries.map((e) => [e.name, e.isFile]).sort()).toEqual([['shp_link.csv', false], ['shp_real.csv', true]]);
    expect((await t.read(exchangePath('out', 'shp_real.csv'))).toString()).toBe('real');
    const refused = await t.read(exchangePath('out', 'shp_link.csv')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('symbolic link') });
  });
});

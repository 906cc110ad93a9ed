// The exchange root as a folder on local disk or a mounted network share (node:fs/promises). The root is never
// created here: a missing root usually means an unmounted share, and writing into an empty local folder instead
// would hide that from the operator.
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { AppError } from '../../../errors.js';
import { assertSafeName, splitPath, tempNameFor } from './safe-path.js';
import type { ExchangeEntry, ExchangeTransport } from './transport.js';

function errnoOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

export function createFolderTransport(dir: string): ExchangeTransport {
  const root = resolve(dir);
  const description = `folder ${root}`;

  /** Absolute path of a root-relative path; every segment is checked and the result must stay inside the root. */
  function abs(rel: string): string {
    const segments = rel === '' ? [] : rel.split('/').map(assertSafeName);
    const full = resolve(root, ...segments);
    if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) {
      throw new AppError('invalid-input', `Refused the path ${JSON.stringify(rel)}: it leaves the exchange folder.`);
    }
    return full;
  }

  function fail(e: unknown, what: string): AppError {
    if (e instanceof AppError) return e;
    const code = errnoOf(e);
    if (code === 'EACCES' || code === 'EPERM') {
      return new AppError('config', `No permission to ${what} in ${root}: give this app's user read and write access to the exchange folder.`, { cause: e });
    }
    if (code === 'ELOOP') {
      return new AppError('invalid-input', `Refused to ${what}: it is a symbolic link. Put the file itself into the exchange folder.`, { cause: e });
    }
    if (code === 'ENOENT') {
      return new AppError('not-found', `Could not ${what}: it does not exist in ${root}.`, { cause: e });
    }
    // EIO, ETIMEDOUT, EBUSY, ESTALE, EHOSTDOWN…: a share that dropped away or a file in use; try again later.
    return new AppError('transient', `Could not ${what} in ${root} (${code || 'error'}): check that the exchange folder is reachable.`, { cause: e });
  }

  async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw fail(e, what);
    }
  }

  return {
    description,
    async checkRoot() {
      try {
        const s = await stat(root);
        if (!s.isDirectory()) throw new AppError('config', `${root} is not a folder: choose the exchange folder.`);
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (errnoOf(e) === 'ENOENT') {
          throw new AppError('transient', `The exchange folder ${root} does not exist or the network share is not mounted: mount it or choose another folder.`, { cause: e });
        }
        throw fail(e, 'open the exchange folder');
      }
    },
    async list(rel) {
      return guard(`list ${rel || '/'}`, async () => {
        const dirents = await readdir(abs(rel), { withFileTypes: true });
        const out: ExchangeEntry[] = [];
        for (const d of dirents) {
          try {
            // lstat: a symbolic link is listed as "not a file", so nothing outside the root is read through one (as on SFTP).
            const s = await lstat(resolve(abs(rel), d.name));
            out.push({ name: d.name, size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile() });
          } catch {
            // Gone between readdir and stat (another reader moved it): not ours to report.
          }
        }
        return out;
      });
    },
    async read(rel) {
      return guard(`read ${rel}`, async () => {
        // Refuses a symbolic link even if one replaced the file after it was listed (O_NOFOLLOW; not on Windows).
        const handle = await open(abs(rel), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
        try {
          return await handle.readFile();
        } finally {
          await handle.close();
        }
      });
    },
    async writeAtomic(rel, content) {
      const { dir: parent, name } = splitPath(rel);
      const target = abs(rel);
      const temp = abs(parent === '' ? tempNameFor(name) : `${parent}/${tempNameFor(name)}`);
      await guard(`write ${rel}`, async () => {
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(content);
          await handle.sync();
        } finally {
          await handle.close();
        }
        try {
          await rename(temp, target);
        } catch (e) {
          await rm(temp, { force: true });
          throw e;
        }
      });
    },
    async move(from, to) {
      await guard(`move ${from} to ${to}`, () => rename(abs(from), abs(to)));
    },
    async remove(rel) {
      await guard(`delete ${rel}`, () => rm(abs(rel), { force: true }));
    },
    async mkdirp(rel) {
      await guard(`create the folder ${rel}`, async () => {
        await mkdir(abs(rel), { recursive: true });
      });
    },
    async exists(rel) {
      try {
        await stat(abs(rel));
        return true;
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return false;
        throw fail(e, `look for ${rel}`);
      }
    },
    async close() {},
  };
}

// The exchange root on an SFTP server (ssh2-sftp-client). The server's host key is pinned on the first successful
// connect (trust on first use) and every later connect must present the same key; a changed key is refused until
// the operator accepts it. One connection is kept open and re-opened after any failure.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { z } from 'zod';
import { AppError, type CredentialName } from '../../../errors.js';
import type { AdapterState } from '../../adapter.js';
import type { WmsDeps } from '../../deps.js';
import type { sftpTransportSchema } from '../settings.js';
import { assertSafeName, splitPath, tempNameFor } from './safe-path.js';
import type { ExchangeEntry, ExchangeTransport } from './transport.js';

export type SftpTransportSettings = z.infer<typeof sftpTransportSchema>;

export interface SftpTransportOptions {
  /** How long to wait for the SSH handshake. */
  readyTimeoutMs?: number;
}

/** OpenSSH's fingerprint notation: "SHA256:" + unpadded base64 of the SHA-256 of the key blob. */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

export function sftpHostKeyStateKey(t: Pick<SftpTransportSettings, 'host' | 'port'>): string {
  return `sftp.hostKey:${t.host.toLowerCase()}:${t.port}`;
}

/** The pinned fingerprint, or undefined before the first successful connect. */
export function pinnedSftpHostKey(state: AdapterState, t: Pick<SftpTransportSettings, 'host' | 'port'>): string | undefined {
  return state.get(sftpHostKeyStateKey(t));
}

/** The operator confirmed a new host key (e.g. the server was reinstalled): pin it instead of the old one. */
export function acceptSftpHostKey(state: AdapterState, t: Pick<SftpTransportSettings, 'host' | 'port'>, fingerprint: string): void {
  if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(fingerprint)) {
    throw new AppError('invalid-input', 'Enter the fingerprint as the server administrator gives it, e.g. SHA256:m5LHwGoz6owB… (43 characters after SHA256:).');
  }
  state.set(sftpHostKeyStateKey(t), fingerprint);
}

function codeOf(e: unknown): string | number | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  const code = e.code;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createSftpTransport(settings: SftpTransportSettings, deps: Pick<WmsDeps, 'secrets' | 'state' | 'logger'>, options: SftpTransportOptions = {}): ExchangeTransport {
  const { host, port, username } = settings;
  const root = posix.normalize(settings.root.startsWith('/') ? settings.root : `/${settings.root}`);
  const description = `sftp://${username}@${host}:${port}${root}`;
  const credential: CredentialName = settings.auth === 'key' ? 'wms-key' : 'wms-password';
  const log = deps.logger.child({ module: 'wms.sftp' });
  let client: SftpClient | null = null;
  let connecting: Promise<SftpClient> | null = null;

  function remote(rel: string): string {
    const segments = rel === '' ? [] : rel.split('/').map(assertSafeName);
    return posix.join(root, ...segments);
  }

  function drop(c: SftpClient): void {
    if (client !== c) return;
    client = null;
    c.end().catch(() => undefined);
  }

  async function authOptions(): Promise<{ password: string } | { privateKey: string }> {
    if (settings.auth === 'key') {
      const privateKey = await deps.secrets.get('wms.sftp.privateKey');
      if (!privateKey) {
        throw new AppError('credentials-rejected', `No SFTP private key is saved in the ${deps.secrets.description}: add the key for ${username}@${host} in the warehouse settings.`, { credential });
      }
      return { privateKey };
    }
    const password = await deps.secrets.get('wms.sftp.password');
    if (!password) {
      throw new AppError('credentials-rejected', `No SFTP password is saved in the ${deps.secrets.description}: enter the password for ${username}@${host} in the warehouse settings.`, { credential });
    }
    return { password };
  }

  function hostKeyChanged(pinned: string, presented: string): AppError {
    return new AppError(
      'credentials-rejected',
      `The SFTP server ${host}:${port} presented a different host key (${presented}) than the one pinned on first connect (${pinned}). ` +
        'Nothing was sent or read. This happens when the server was reinstalled or its key rotated, but also when ' +
        'someone intercepts the connection: ask the server administrator for the new SHA256 fingerprint, and only if it ' +
        'matches, accept the new host key in the warehouse settings.',
      { credential: 'wms-host-key', fields: { pinnedFingerprint: pinned, presentedFingerprint: presented } },
    );
  }

  function connectError(e: unknown): AppError {
    const msg = messageOf(e);
    if (/authentication methods failed|authentication failed|permission denied/i.test(msg)) {
      const what = settings.auth === 'key' ? 'private key' : 'password';
      return new AppError('credentials-rejected', `The SFTP server ${host}:${port} refused the ${what} for ${username}: check the user name and save the right ${what}.`, { credential, serverMessage: msg, cause: e });
    }
    if (/Cannot parse privateKey|Unsupported key format|encrypted private OpenSSH key/i.test(msg)) {
      return new AppError('credentials-rejected', `The saved SFTP private key cannot be used (${msg}): save an unencrypted OpenSSH or PEM private key.`, { credential, cause: e });
    }
    return new AppError('transient', `Cannot reach the SFTP server ${host}:${port} (${msg}): check that it is running and reachable; the app keeps retrying.`, { serverMessage: msg, cause: e });
  }

  async function connect(): Promise<SftpClient> {
    const auth = await authOptions();
    const stateKey = sftpHostKeyStateKey(settings);
    const pinned = deps.state.get(stateKey);
    const seen: { fingerprint: string | null } = { fingerprint: null };
    const c: SftpClient = new SftpClient('dropstream-wms', {
      error: () => drop(c),
      end: () => drop(c),
      close: () => drop(c),
    });
    try {
      await c.connect({
        host,
        port,
        username,
        ...auth,
        readyTimeout: options.readyTimeoutMs ?? 15_000,
        keepaliveInterval: 10_000,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          seen.fingerprint = hostKeyFingerprint(key);
          return pinned === undefined || pinned === seen.fingerprint;
        },
      });
    } catch (e) {
      await c.end().catch(() => undefined);
      if (pinned !== undefined && seen.fingerprint !== null && seen.fingerprint !== pinned) throw hostKeyChanged(pinned, seen.fingerprint);
      throw connectError(e);
    }
    if (pinned === undefined && seen.fingerprint !== null) {
      deps.state.set(stateKey, seen.fingerprint);
      log.info('Pinned the SFTP host key on first connect', { host, port, fingerprint: seen.fingerprint });
    }
    client = c;
    return c;
  }

  async function connection(): Promise<SftpClient> {
    if (client) return client;
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  function opError(c: SftpClient, e: unknown, what: string): AppError {
    if (e instanceof AppError) return e;
    const code = codeOf(e);
    const msg = messageOf(e);
    if (code === 'ENOENT' || code === 2 || /No such file/i.test(msg)) {
      return new AppError('not-found', `Could not ${what}: it does not exist on ${description}.`, { serverMessage: msg, cause: e });
    }
    if (code === 'EACCES' || code === 3 || /permission denied/i.test(msg)) {
      return new AppError('config', `No permission to ${what} on ${description}: ask the server administrator to give ${username} read and write access to the exchange folders.`, { serverMessage: msg, cause: e });
    }
    // Anything else may have left the session unusable: start a new one next time.
    drop(c);
    return new AppError('transient', `Could not ${what} on ${description} (${msg}); the app retries.`, { serverMessage: msg, cause: e });
  }

  async function op<T>(what: string, run: (c: SftpClient) => Promise<T>): Promise<T> {
    const c = await connection();
    try {
      return await run(c);
    } catch (e) {
      throw opError(c, e, what);
    }
  }

  return {
    description,
    async checkRoot() {
      const found = await op('open the exchange folder', (c) => c.exists(root));
      if (found !== 'd') {
        throw new AppError('config', `The folder ${root} does not exist on ${host}: create it or correct the remote folder in the warehouse settings.`);
      }
    },
    async list(rel) {
      const path = remote(rel);
      return op(`list ${rel || '/'}`, async (c) => {
        const entries = await c.list(path);
        return entries.map((e): ExchangeEntry => ({ name: e.name, size: e.size, mtimeMs: e.modifyTime, isFile: e.type === '-' }));
      });
    },
    async read(rel) {
      const path = remote(rel);
      return op(`read ${rel}`, async (c) => {
        const data = await c.get(path);
        if (!Buffer.isBuffer(data)) throw new AppError('internal', 'The SFTP client returned no data.');
        return data;
      });
    },
    async writeAtomic(rel, content) {
      const { dir, name } = splitPath(rel);
      const target = remote(rel);
      const temp = remote(dir === '' ? tempNameFor(name) : `${dir}/${tempNameFor(name)}`);
      await op(`write ${rel}`, async (c) => {
        await c.put(content, temp);
        try {
          // posix-rename@openssh.com replaces an existing target in one step (a retry rewrites the same name).
          await c.posixRename(temp, target);
        } catch (e) {
          await c.delete(temp, true).catch(() => undefined);
          throw e;
        }
      });
    },
    async move(from, to) {
      const src = remote(from);
      const dst = remote(to);
      await op(`move ${from} to ${to}`, (c) => c.rename(src, dst));
    },
    async remove(rel) {
      const path = remote(rel);
      await op(`delete ${rel}`, (c) => c.delete(path, true));
    },
    async mkdirp(rel) {
      const path = remote(rel);
      await op(`create the folder ${rel}`, async (c) => {
        if ((await c.exists(path)) === 'd') return;
        await c.mkdir(path, true);
      });
    },
    async exists(rel) {
      const path = remote(rel);
      return op(`look for ${rel}`, async (c) => (await c.exists(path)) !== false);
    },
    async close() {
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

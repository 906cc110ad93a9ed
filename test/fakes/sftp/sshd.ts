// A real OpenSSH server for the file-exchange tests: /usr/sbin/sshd on 127.0.0.1, a random free port, a throwaway
// host key, key-only auth for the current user (password auth stays off: sshd cannot check the password of the
// account the tests run as without PAM or a shadow entry, so password handling is tested against the refusal).
// SFTP via internal-sftp; the exchange root is an absolute temp folder (no chroot).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, writeFile, readFile, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';

export interface SshdServer {
  host: string;
  port: number;
  username: string;
  /** Absolute folder the tests use as the exchange root on the server. */
  root: string;
  /** OpenSSH private key (text) authorised for `username`. */
  clientPrivateKey: string;
  /** The host key's fingerprint as `ssh-keygen -l -E sha256` prints it ("SHA256:…"). */
  hostFingerprint: string;
  /** Stops the server (connections drop); files stay. */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same host key unless `newHostKey`. */
  start(options?: { newHostKey?: boolean }): Promise<void>;
  /** Stops it and removes its temp folders. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once the server sends its SSH banner. */
async function waitForBanner(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.setTimeout(1000);
      sock.once('data', (d) => {
        sock.destroy();
        resolve(d.toString('latin1').startsWith('SSH-'));
      });
      sock.once('error', () => resolve(false));
      sock.once('timeout', () => {
        sock.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not come up on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pids of the processes below `pid` (sshd's per-connection children), from /proc. */
async function descendants(pid: number): Promise<number[]> {
  const parentOf = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parentOf) if (parent === p) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

async function newHostKey(dir: string): Promise<string> {
  const keyPath = join(dir, 'ssh_host_ed25519_key');
  await rm(keyPath, { force: true });
  await rm(`${keyPath}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dropstream-test-host', '-f', keyPath]);
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keyPath}.pub`]);
  const fp = stdout.split(' ')[1];
  if (!fp?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen output: ${stdout}`);
  return fp;
}

export async function startSshd(options: { root?: string } = {}): Promise<SshdServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ds-sshd-'));
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'ds-sftp-root-')));
  const ownsRoot = options.root === undefined;
  // sshd refuses to start without its privilege-separation directory.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const clientKeyPath = join(dir, 'client_key');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dropstream-test-client', '-f', clientKeyPath]);
  await writeFile(join(dir, 'authorized_keys'), await readFile(`${clientKeyPath}.pub`));
  const clientPrivateKey = await readFile(clientKeyPath, 'utf8');

  const port = await freePort();
  const username = userInfo().username;
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${username}`,
    'StrictModes no',
    'UsePAM no',
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
    '',
  ].join('\n');
  const configPath = join(dir, 'sshd_config');
  await writeFile(configPath, config);

  let child: ChildProcess | null = null;
  const server: SshdServer = {
    host: '127.0.0.1',
    port,
    username,
    root,
    clientPrivateKey,
    hostFingerprint: await newHostKey(dir),
    async start(opts = {}) {
      if (child) throw new Error('sshd already running');
      if (opts.newHostKey) server.hostFingerprint = await newHostKey(dir);
      const proc = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<never>((_, reject) =>
        proc.once('exit', (code) => reject(new Error(`sshd exited (${code}): ${stderr}`))),
      );
      exited.catch(() => undefined);
      child = proc;
      proc.once('exit', () => {
        if (child === proc) child = null;
      });
      await Promise.race([waitForBanner(port, 10_000), exited]);
    },
    async stop() {
      const proc = child;
      if (!proc) return;
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      // sshd's per-connection children outlive the listener: end them too, so open sessions drop like on a real outage.
      const children = proc.pid === undefined ? [] : await descendants(proc.pid);
      proc.kill('SIGTERM');
      for (const pid of children) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await gone;
      child = null;
    },
    async dispose() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
      if (ownsRoot) await rm(root, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

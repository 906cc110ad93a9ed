// Runs the real `dropstream` command (the build or bin/dropstream.js, see ENTRY) as a child process against a throwaway data folder, with
// secrets only from the environment (--secrets env), and collects stdout, stderr and the exit code. Every child is
// killed and every data folder removed after the test, so a hanging command cannot outlive it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { AcumaticaDouble } from '../fakes/acumatica/index.js';
import { acumaticaSecretsEnv } from './secrets.js';

export const BIN = fileURLToPath(new URL('../../bin/dropstream.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/main/cli/index.js', import.meta.url));
const SOURCES = fileURLToPath(new URL('../../main', import.meta.url));

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The command to start: the compiled one (dist/, as `npm test` builds it first: it starts in about half the time of
 * bin/dropstream.js, which compiles the TypeScript through tsx at every start) when it is newer than every file under
 * main/, else bin/dropstream.js, so a stale build is never what a test exercises.
 */
export const ENTRY = ((): string => {
  try {
    return statSync(BUILT).mtimeMs > newestIn(SOURCES) ? BUILT : BIN;
  } catch {
    return BIN;
  }
})();

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Extra environment (e.g. a rotated shared secret); DROPSTREAM_* of the test process are never passed on. */
  env?: Record<string, string>;
  /** Kill the command (SIGKILL) and fail after this long. Default 60 s. */
  timeoutMs?: number;
}

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has ended (for whatever reason). */
  exited: Promise<CliResult>;
  /** Waits until stderr+stdout match, or fails after timeoutMs. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

export interface Cli {
  home: string;
  /** The environment every command of this CLI gets (the double's secrets). */
  env: Record<string, string>;
  run(args: string[], opts?: CliOptions): Promise<CliResult>;
  /** Runs with --json and parses stdout (throws with the output when it is not JSON). */
  json<T = Record<string, unknown>>(args: string[], opts?: CliOptions): Promise<{ result: CliResult; value: T }>;
  start(args: string[], opts?: CliOptions): CliProcess;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('DROPSTREAM_') && !k.startsWith('VITEST') && k !== 'NODE_OPTIONS') env[k] = v;
  return { ...env, ...extra };
}

/** Parses a --json answer and checks it is versioned. */
export function parseJson<T>(result: CliResult): T {
  let value: unknown;
  try {
    value = JSON.parse(result.stdout);
  } catch {
    throw new Error(`Not JSON on stdout (exit ${String(result.code)}):\n${result.stdout}\n--- stderr:\n${result.stderr}`);
  }
  if (value === null || typeof value !== 'object' || (value as { version?: unknown }).version !== 1) throw new Error(`JSON without version 1: ${result.stdout}`);
  return value as T;
}

export function useCli(): (opts?: { double?: AcumaticaDouble; home?: string }) => Cli {
  const children = new Set<ChildProcess>();
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        const gone = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        await gone;
      }
    }
    children.clear();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  return (opts = {}) => {
    const home = opts.home ?? mkdtempSync(join(tmpdir(), 'dropstream-cli-'));
    if (!opts.home) dirs.push(home);
    const env: Record<string, string> = opts.double ? acumaticaSecretsEnv(opts.double) : {};

    const start = (args: string[], o: CliOptions = {}): CliProcess => {
      const child = spawn(process.execPath, [ENTRY, '--home', home, '--secrets', 'env', ...args], {
        env: cleanEnv({ ...env, ...o.env }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let stdout = '';
      let stderr = '';
      const watchers = new Set<() => void>();
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        for (const w of watchers) w();
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        for (const w of watchers) w();
      });
      const timeoutMs = o.timeoutMs ?? 60_000;
      const exited = new Promise<CliResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`dropstream ${args.join(' ')} did not finish within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        child.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        child.once('close', (code, signal) => {
          clearTimeout(timer);
          children.delete(child);
          resolve({ code, signal, stdout, stderr });
        });
      });
      // A caller that only kills the process must not leave an unhandled rejection behind.
      exited.catch(() => undefined);
      return {
        child,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
        waitForOutput(pattern, waitMs = 30_000) {
          return new Promise<void>((resolve, reject) => {
            const check = (): void => {
              if (pattern.test(stdout) || pattern.test(stderr)) {
                done();
                resolve();
              }
            };
            const timer = setTimeout(() => {
              done();
              reject(new Error(`No output matching ${String(pattern)} within ${waitMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
            }, waitMs);
            const done = (): void => {
              clearTimeout(timer);
              watchers.delete(check);
            };
            watchers.add(check);
            void exited.then(() => {
              if (watchers.has(check)) {
                done();
                reject(new Error(`The command ended before printing ${String(pattern)}.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
              }
            }, () => undefined);
            check();
          });
        },
      };
    };

    const run = (args: string[], o?: CliOptions): Promise<CliResult> => start(args, o).exited;
    return {
      home,
      env,
      run,
      start,
      async json<T>(args: string[], o?: CliOptions) {
        const result = await run(['--json', ...args], o);
        return { result, value: parseJson<T>(result) };
      },
    };
  };
}

/** Configures Acumatica (fast request limits) and a CSV folder exchange read at once (stableForMs 0). */
export async function configureCli(
  cli: Pick<Cli, 'run'>,
  double: AcumaticaDouble,
  exchangeDir: string,
  opts: { mode?: 'sales-orders' | 'shipments'; extra?: string[]; /** Instead of the double's own URL (a proxy). */ url?: string } = {},
): Promise<void> {
  const steps: string[][] = [
    [
      'configure', 'acumatica',
      '--url', opts.url ?? double.url,
      '--client-id', double.credentials.clientId,
      '--username', double.credentials.username,
      '--mode', opts.mode ?? 'sales-orders',
      '--requests-per-minute', '6000',
      '--max-concurrent', '4',
      ...(opts.extra ?? []),
    ],
    ['configure', 'wms', '--adapter', 'file', '--format', 'csv', '--dir', exchangeDir, '--stable-for-ms', '0'],
    ['configure', 'mappings', '--ship-via', 'UPS|GROUND=UPSGROUND', '--default-box', 'MEDIUM'],
  ];
  for (const args of steps) {
    const r = await cli.run(args);
    if (r.code !== 0) throw new Error(`dropstream ${args.slice(0, 2).join(' ')} failed (${String(r.code)}): ${r.stderr}${r.stdout}`);
  }
}

// The `dropstream` command inside the test process, on a clock the test controls: the same commander program, the
// same command functions (their output, their exit codes), the same data folder on disk and the same `--secrets env`
// store as the child-process CLI of cli.ts, but no process start and no real waiting. A scenario that sleeps out
// backoff, client retries or a poll interval runs here in moments; the child-process tests keep one smoke test per
// command for what only a real process shows (start-up, signals, exit codes as the shell sees them).
//
// Only the clock is swapped: the test file mocks main/cli/session.js so that `openCore` passes the test's clock
// (vi.mock must sit in the test file to be hoisted):
//
//   vi.mock('../../../main/cli/session.js', async (actual) => (await import('../../helpers/session-on-clock.js')).sessionOnTestClock(await actual()));
//
// (session-on-clock.ts is its own small module: the mock's factory must not import the commands, which import the
// module being mocked.)
import { Command, CommanderError } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { registerConfigure } from '../../main/cli/commands/configure.js';
import { registerOrders } from '../../main/cli/commands/orders.js';
import { registerReconcile } from '../../main/cli/commands/reconcile.js';
import { registerSync } from '../../main/cli/commands/sync.js';
import type * as Session from '../../main/cli/session.js';
import type { Clock } from '../../main/core/clock.js';
import type { RunningCore } from '../../main/core/create-core.js';
import type { AcumaticaDouble } from '../fakes/acumatica/index.js';
import { parseJson, type Cli, type CliOptions, type CliResult } from './cli.js';
import { acumaticaSecretsEnv } from './secrets.js';
import { resetTestClock, setTestClock } from './session-on-clock.js';

/** Runs `dropstream --home <home> --secrets env <args>` in this process (a timeoutMs is not needed here). */
export interface InProcessCli<C extends Clock = Clock> extends Pick<Cli, 'home' | 'run' | 'json'> {
  clock: C;
  /** A core on the same data folder and clock, as `dropstream run` opens it (the caller starts and stops it). */
  openCore(opts?: { env?: Record<string, string> }): Promise<RunningCore>;
}

/** The program of main/cli/index.ts (which parses process.argv as soon as it is imported, so it is built here). */
function program(): Command {
  const p = new Command('dropstream')
    .exitOverride()
    .option('--home <dir>')
    .option('--secrets <store>')
    .option('--json');
  const globals = () => p.opts<Session.GlobalOptions>();
  registerConfigure(p, globals);
  registerSync(p, globals);
  registerOrders(p, globals);
  registerReconcile(p, globals);
  return p;
}

/** Runs `fn` with DROPSTREAM_* taken from `env` only, stdout/stderr captured and process.exitCode read and reset. */
async function invoke(env: Record<string, string>, fn: () => Promise<void>): Promise<CliResult> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('DROPSTREAM_')) delete process.env[k];
  Object.assign(process.env, env);
  const out = { stdout: '', stderr: '' };
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const capture = (key: 'stdout' | 'stderr') => ((chunk: string | Uint8Array) => {
    out[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  process.exitCode = undefined;
  let code: number;
  try {
    await fn();
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode;
  } finally {
    process.exitCode = undefined;
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
  return { code, signal: null, ...out };
}

/** Returns `cliFor({ double, clock })` (systemClock for real time); each data folder is removed after the test. */
export function useInProcessCli(): <C extends Clock>(opts: { double?: AcumaticaDouble; clock: C }) => InProcessCli<C> {
  const dirs: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  afterEach(() => {
    resetTestClock();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return <C extends Clock>({ double, clock }: { double?: AcumaticaDouble; clock: C }): InProcessCli<C> => {
    setTestClock(clock);
    const home = mkdtempSync(join(tmpdir(), 'dropstream-cli-'));
    dirs.push(home);
    const baseEnv = double ? acumaticaSecretsEnv(double) : {};
    const run = (args: string[], o: CliOptions = {}): Promise<CliResult> => {
      // One command at a time: they share process.env, stdout and exitCode.
      const next = queue.then(() => invoke({ ...baseEnv, ...o.env }, () => program().parseAsync(['--home', home, '--secrets', 'env', ...args], { from: 'user' }).then(() => undefined)));
      queue = next.catch(() => undefined);
      return next;
    };
    return {
      home,
      clock,
      run,
      async json<T>(args: string[], o?: CliOptions) {
        const result = await run(['--json', ...args], o);
        return { result, value: parseJson<T>(result) };
      },
      async openCore(o = {}) {
        const env = { ...baseEnv, ...o.env };
        const { openCore } = await import('../../main/cli/session.js');
        const saved = { ...process.env };
        Object.assign(process.env, env);
        try {
          return await openCore({ home, secrets: 'env' });
        } finally {
          for (const k of Object.keys(env)) if (!(k in saved)) delete process.env[k];
          Object.assign(process.env, saved);
        }
      },
    };
  };
}

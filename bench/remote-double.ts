// The Acumatica double in a child process (bench/acumatica-double-process.ts), driven over IPC: a benchmark then
// measures the app, not the double sharing its thread. Used by bench:sync and bench:reconcile. BENCH_DOUBLE_PROF=DIR
// writes a CPU profile of the double's process into DIR.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RemoteDouble {
  url: string;
  credentials: { clientId: string; sharedSecret: string; username: string; password: string };
  seed(n: number, opts: object): Promise<boolean>;
  requests(from?: number): Promise<{ method: string; path: string }[]>;
  shipments(): Promise<{ shipments: number; packages: number }>;
  close(): Promise<boolean>;
}

export async function startRemoteDouble(): Promise<RemoteDouble> {
  const child = fork(fileURLToPath(new URL('./acumatica-double-process.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_DOUBLE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_DOUBLE_PROF}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (v: unknown) => void>();
  let nextId = 1;
  const ready = new Promise<{ url: string; credentials: RemoteDouble['credentials'] }>((resolve) => {
    child.on('message', (m: { ready?: boolean; id?: number; value?: unknown }) => {
      if (m.ready) resolve(m as never);
      else if (m.id !== undefined) pending.get(m.id)?.(m.value);
    });
  });
  const call = <T>(msg: object): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (v: unknown) => void);
      child.send({ id, ...msg });
    });
  const info = await ready;
  return {
    ...info,
    seed: (n, opts) => call<boolean>({ cmd: 'seed', n, opts }),
    requests: (from = 0) => call<{ method: string; path: string }[]>({ cmd: 'requests', from }),
    shipments: () => call<{ shipments: number; packages: number }>({ cmd: 'shipments' }),
    close: () => call<boolean>({ cmd: 'close' }),
  };
}

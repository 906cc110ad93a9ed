// `dropstream serve [--port N] [--host H] [--demo]`: the browser UI and its API, with the sync loop running.
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { RunningCore } from '../../core/create-core.js';
import { startDemo } from '../demo.js';
import { createOutput } from '../output.js';
import { startServer } from '../server/http-server.js';
import { openCore, type GlobalOptions } from '../session.js';
import { run } from './run-action.js';

export const RENDERER_DIST = fileURLToPath(new URL('../../../renderer/dist/', import.meta.url));

export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Serve the operator UI in a browser (and keep syncing). Prints the address with its access token.')
    .option('--port <n>', 'port (default 4780; 0 = any free port)', Number, 4780)
    .option('--host <address>', 'address to listen on (default 127.0.0.1; another address opens it to the LAN)', '127.0.0.1')
    .option('--demo', 'run with a built-in simulated Acumatica and warehouse, in a throwaway data folder')
    .action(
      run(globals, async (o: { port: number; host: string; demo?: boolean }, opts) => {
        if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new AppError('invalid-input', '--port must be a number from 0 to 65535.');
        const out = createOutput(Boolean(opts.json));
        let core: RunningCore;
        let closeDemo: (() => Promise<void>) | null = null;
        if (o.demo) {
          const demo = await startDemo(opts.home ? { dataDir: opts.home } : {});
          core = demo.core;
          closeDemo = () => demo.close();
          out.info(`Demo mode: simulated Acumatica at ${demo.acumatica.url}, data in ${demo.dataDir}`);
        } else {
          core = await openCore(opts);
        }
        const server = await startServer({ core, host: o.host, port: o.port, staticRoot: RENDERER_DIST });
        core.start();
        out.result({ url: server.url, loginUrl: server.loginUrl, dataDir: core.dataDir, demo: Boolean(o.demo) }, () =>
          [`DropStream is running. Open this address in a browser:`, `  ${server.loginUrl}`, `(the access token in it is needed once per browser). Ctrl+C stops.`].join('\n'),
        );
        if (o.host !== '127.0.0.1' && o.host !== 'localhost') out.info('Listening beyond this computer: anyone on the network needs the access token above.');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        out.info('Stopping…');
        await server.close();
        if (closeDemo) await closeDemo();
        else await core.stop();
      }),
    );
}

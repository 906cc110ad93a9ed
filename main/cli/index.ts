// The headless `dropstream` command. A stable interface: see README "Command line". Output is for people by default
// and versioned JSON with --json.
import { Command } from 'commander';
import { registerConfigure } from './commands/configure.js';
import { registerOrders } from './commands/orders.js';
import { registerReconcile } from './commands/reconcile.js';
import { registerServe } from './commands/serve.js';
import { registerSync } from './commands/sync.js';
import type { GlobalOptions } from './session.js';

export function buildProgram(): Command {
  const program = new Command('dropstream')
    .description('DropStream for Acumatica: open orders to the warehouse, tracking back to Acumatica')
    .version('0.1.0')
    .option('--home <dir>', 'data directory (default: $DROPSTREAM_HOME, else the desktop app\'s data folder)')
    .option('--secrets <store>', 'keychain (default) or env: read secrets only from DROPSTREAM_* environment variables')
    .option('--json', 'machine-readable output (versioned)')
    .showHelpAfterError();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  registerConfigure(program, globals);
  registerSync(program, globals);
  registerOrders(program, globals);
  registerReconcile(program, globals);
  registerServe(program, globals);
  return program;
}

await buildProgram().parseAsync(process.argv);

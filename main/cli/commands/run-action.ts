// Wraps a command's action: global options in, errors out as a clear message and a meaningful exit code.
import type { GlobalOptions } from '../session.js';
import { createOutput, describeError, errorLine, exitCodeFor } from '../output.js';

export function run<O>(globals: () => GlobalOptions, action: (options: O, globals: GlobalOptions, args: string[]) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const positional = args.filter((a): a is string | string[] => typeof a === 'string' || Array.isArray(a)).flat();
    const options = args.find((a) => a !== null && typeof a === 'object' && !Array.isArray(a) && !('commands' in (a))) as O;
    const opts = globals();
    try {
      await action(options, opts, positional);
    } catch (e) {
      const info = describeError(e);
      const out = createOutput(Boolean(opts.json));
      if (opts.json) out.result({ ok: false, error: info }, () => '');
      else process.stderr.write(`Error: ${errorLine(info)}\n`);
      process.exitCode = exitCodeFor(info);
    }
  };
}

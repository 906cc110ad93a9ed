// Bundles the preload into one CommonJS file: a sandboxed preload can only require('electron') and a few Node
// built-ins, not ES modules or the project's other files. Run by `npm run build:preload` (tsx preload/build.ts).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const PRELOAD_ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));
export const PRELOAD_OUTFILE = fileURLToPath(new URL('../dist/preload/index.cjs', import.meta.url));

export async function buildPreload(outfile: string = PRELOAD_OUTFILE, entry: string = PRELOAD_ENTRY): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Preload bundle written to ${await buildPreload()}`);
}

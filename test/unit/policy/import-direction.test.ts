// Issue #17: dependencies run one way. The adapters (acumatica/, wms/) never reach up into the engine (sync/); what
// they share with it (backoff, Retry-After, the failure policy) is in policy/, a leaf that imports only errors.ts
// and clock.ts from the core. Reads the import lines of the real source files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const core = resolve(dirname(fileURLToPath(import.meta.url)), '../../../main/core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each relative import of a file, as a path below main/core ("sync/backoff.js"). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => relative(core, resolve(dirname(file), s)));
}

function offending(folder: string, allowed: (target: string) => boolean): string[] {
  return sources(join(core, folder)).flatMap((file) =>
    importsOf(file)
      .filter((target) => !allowed(target))
      .map((target) => `${relative(core, file)} -> ${target}`),
  );
}

describe('import direction', () => {
  it('no module under acumatica/ or wms/ imports sync/', () => {
    const intoSync = (t: string): boolean => !t.startsWith('sync/');
    expect([...offending('acumatica', intoSync), ...offending('wms', intoSync)]).toEqual([]);
  });

  it('policy/ is a leaf: it imports only itself, errors.ts and clock.ts', () => {
    const leaf = (t: string): boolean => t.startsWith('policy/') || t === 'errors.js' || t === 'clock.js';
    expect(offending('policy', leaf)).toEqual([]);
  });

  it('finds the imports it checks (the scan is not vacuous)', () => {
    expect(importsOf(join(core, 'acumatica/retry.ts'))).toContain('policy/backoff.js');
  });
});

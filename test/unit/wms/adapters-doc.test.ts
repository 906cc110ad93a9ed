// docs/adapters.md shows the skeleton adapter the tests run (test/fixtures/skeleton-adapter): the page cannot drift
// from code that compiles, lints and passes test/integration/wms/adapter-registry.test.ts. Also: no module under
// main/core/wms imports settings/ (adapters take their own settings type; settings/schema.ts imports the registry).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const asInFolder = (source: string): string => source.replaceAll("'../../../main/core/wms/", "'../").replaceAll("'../../../main/core/", "'../../");

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFilesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('docs/adapters.md', () => {
  it('shows the skeleton adapter files word for word', () => {
    const doc = readFileSync(join(root, 'docs/adapters.md'), 'utf8');
    for (const file of ['settings.ts', 'adapter.ts', 'descriptor.ts']) {
      const source = asInFolder(readFileSync(join(root, 'test/fixtures/skeleton-adapter', file), 'utf8'));
      expect(doc, file).toContain('```ts\n' + source + '```');
    }
  });

  it('no warehouse module imports settings/', () => {
    const offenders = tsFilesUnder(join(root, 'main/core/wms')).filter((f) => /from '(\.\.\/)+settings\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

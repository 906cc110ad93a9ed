import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder; it has no types here, so it is typed at this edge.
const yaml = require('js-yaml') as { load(text: string): unknown };

type BuilderConfig = {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: { target: string }[] };
  mac: { target: { target: string }[] };
  linux: { target: { target: string }[]; maintainer?: string };
};

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  productName: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('names the app as the keychain and the data folder expect', () => {
    expect(config.appId).toBe('com.dropstream.acumatica');
    expect(config.productName).toBe('DropStream for Acumatica');
    // Electron's userData folder is named after productName; the CLI looks in the same folder.
    expect(pkg.productName).toBe(config.productName);
  });

  it('builds NSIS for Windows, dmg for macOS, AppImage and deb for Linux, into release/', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.directories.output).toBe('release');
    // deb refuses to build without a maintainer when package.json has no author e-mail.
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('packs the compiled code, the built UI and the production modules', () => {
    for (const pattern of ['dist/**', 'renderer/dist/**', 'package.json', 'node_modules/**']) expect(config.files).toContain(pattern);
    // The entry and the preload main.ts loads are inside dist/.
    expect(pkg.main).toBe('dist/main/app/main.js');
    expect(readFileSync(join(root, 'main/app/main.ts'), 'utf8')).toContain("join(root, 'dist', 'preload', 'index.cjs')");
  });

  it('keeps native modules out of the asar and rebuilds them for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
  });

  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    // The schema really checks: a misspelt key is refused.
    expect(validate({ ...config, asarUnpak: ['**/*.node'] })).toBe(false);
  });

  it('ships every package the desktop app loads at run time (devDependencies are left out of the installer)', () => {
    const runtime = new Set<string>();
    const scan = (dir: string) => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (entry.name.endsWith('.ts')) {
          const source = readFileSync(join(root, path), 'utf8');
          for (const m of source.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'([^'.][^']*)'/gm)) {
            const spec = m[1]!;
            if (spec.startsWith('node:') || spec === 'electron') continue;
            runtime.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
          }
        }
      }
    };
    scan('main/app');
    scan('main/core');
    expect(runtime.has('keytar')).toBe(true);
    expect(runtime.has('better-sqlite3')).toBe(true);
    const missing = [...runtime].filter((name) => !(name in pkg.dependencies));
    expect(missing, 'move these to "dependencies" in package.json').toEqual([]);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend.js';
import { createSettingsStore } from '../../../main/core/settings/store.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

const acumatica = {
  url: 'https://acme.acumatica.com',
  clientId: '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Company',
  username: 'integration',
};

describe('settings through conf', () => {
  it('writes, reads back with defaults, and keeps the file as JSON on disk', () => {
    const dir = tempDir();
    const store = createSettingsStore(createConfBackend(dir));
    const s = store.read();
    store.write({ ...s, acumatica: { ...s.acumatica, ...acumatica } as never });
    const again = createSettingsStore(createConfBackend(dir)).read();
    expect(again.acumatica?.mode).toBe('sales-orders');
    expect(again.acumatica?.statuses).toEqual(['Open']);
    expect(JSON.parse(readFileSync(store.path, 'utf8')).acumatica.url).toBe(acumatica.url);
  });

  it('names the invalid field and never overwrites an invalid file', () => {
    const dir = tempDir();
    const store = createSettingsStore(createConfBackend(dir));
    store.write({ ...store.read() });
    const bad = JSON.stringify({ version: 1, app: { pollIntervalSeconds: 'often' } });
    writeFileSync(store.path, bad);
    const reopened = createSettingsStore(createConfBackend(dir));
    expect(() => reopened.read()).toThrow(/app\.pollIntervalSeconds/);
    expect(() => reopened.write({ version: 1, app: { pollIntervalSeconds: 60 } } as never)).toThrow(/not valid/);
    expect(readFileSync(store.path, 'utf8')).toBe(bad);
  });

  it('refuses a bad Client ID with the words the user needs', () => {
    const store = createSettingsStore(createConfBackend(tempDir()));
    const s = store.read();
    expect(() => store.write({ ...s, acumatica: { ...acumatica, clientId: 'not-a-guid' } as never })).toThrow(/looks like 8E0761D9/);
  });

  it('reports a settings file that is not JSON and leaves it as it was', () => {
    const dir = tempDir();
    const store = createSettingsStore(createConfBackend(dir));
    store.write(store.read());
    writeFileSync(store.path, '{ this is not json');
    expect(() => createSettingsStore(createConfBackend(dir)).read()).toThrow(/cannot be read|not valid/);
    expect(readFileSync(store.path, 'utf8')).toBe('{ this is not json');
  });
});

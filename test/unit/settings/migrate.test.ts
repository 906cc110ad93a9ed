// Settings files written before version 2 defaulted to every order type, quotes (QT) included (issue 14 item 9).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend.js';
import { SETTINGS_VERSION } from '../../../main/core/settings/migrate.js';
import { createSettingsStore } from '../../../main/core/settings/store.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
const acumatica = { url: 'https://acme.acumatica.com', clientId: '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Company', username: 'integration' };

function fileWith(content: unknown): ReturnType<typeof createSettingsStore> {
  const dir = tempDir();
  const path = createSettingsStore(createConfBackend(dir)).path;
  writeFileSync(path, JSON.stringify(content));
  return createSettingsStore(createConfBackend(dir));
}

describe('settings migration to version 2', () => {
  it('a version-1 file with the old empty order types, or none, reads as SO only', () => {
    expect(fileWith({ version: 1, acumatica: { ...acumatica, orderTypes: [] } }).read().acumatica?.orderTypes).toEqual(['SO']);
    expect(fileWith({ version: 1, acumatica }).read().acumatica?.orderTypes).toEqual(['SO']);
    expect(fileWith({ acumatica: { ...acumatica, orderTypes: [] } }).read().acumatica?.orderTypes).toEqual(['SO']);
  });

  it('keeps order types the user chose, and an explicit "every type" saved by this version', () => {
    expect(fileWith({ version: 1, acumatica: { ...acumatica, orderTypes: ['SO', 'RO'] } }).read().acumatica?.orderTypes).toEqual(['SO', 'RO']);
    expect(fileWith({ version: 2, acumatica: { ...acumatica, orderTypes: [] } }).read().acumatica?.orderTypes).toEqual([]);
  });

  it('a new setup defaults to SO and a page size of 100, and the file is written at the current version on the next save', () => {
    const store = fileWith({ version: 1, acumatica });
    const s = store.read();
    expect(s.acumatica).toMatchObject({ orderTypes: ['SO'], pageSize: 100 });
    store.write(s);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as { version: number; acumatica: { orderTypes: string[] } };
    expect(onDisk.version).toBe(SETTINGS_VERSION);
    expect(onDisk.acumatica.orderTypes).toEqual(['SO']);
  });
});

describe('settings migration to version 3', () => {
  // Review M1: version 3 also ships "Non-Inventory Goods" lines by default; orders already at the warehouse must not
  // get an unasked change after an upgrade, so older files keep "Goods for Inventory" only.
  it('a file written at version 1 or 2 without line types keeps "Goods for Inventory" only', () => {
    expect(fileWith({ version: 2, acumatica }).read().acumatica?.shipLineTypes).toEqual(['Goods for Inventory']);
    expect(fileWith({ version: 1, acumatica }).read().acumatica).toMatchObject({ orderTypes: ['SO'], shipLineTypes: ['Goods for Inventory'] });
    expect(fileWith({ acumatica }).read().acumatica?.shipLineTypes).toEqual(['Goods for Inventory']);
  });

  it('keeps line types the user chose, and a version-3 file gets the new default (unset)', () => {
    const chosen = ['Goods for Inventory', 'Non-Inventory Goods'];
    expect(fileWith({ version: 2, acumatica: { ...acumatica, shipLineTypes: chosen } }).read().acumatica?.shipLineTypes).toEqual(chosen);
    expect(fileWith({ version: 3, acumatica }).read().acumatica?.shipLineTypes).toBeUndefined();
  });

  it('the migrated choice is written at version 3 on the next save', () => {
    const store = fileWith({ version: 2, acumatica });
    store.write(store.read());
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as { version: number; acumatica: { shipLineTypes: string[] } };
    expect(onDisk).toMatchObject({ version: 3, acumatica: { shipLineTypes: ['Goods for Inventory'] } });
  });
});

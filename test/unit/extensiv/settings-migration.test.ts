// An Extensiv qualifier tells apart items sharing one SKU; it is not a unit. The setting that sent the unit there
// was renamed (sendUomAsQualifier -> uomPicksItemQualifier); settings files written before keep their choice.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend.js';
import { migrateSettings } from '../../../main/core/settings/migrate.js';
import { createSettingsStore } from '../../../main/core/settings/store.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

const extensiv = {
  adapter: 'extensiv',
  baseUrl: 'https://secure-wms.com',
  clientId: 'a1b2c3d4-client',
  userLoginId: 'api-user',
  customerId: 1077,
  facilityId: 2,
};

describe('Extensiv settings written by an older version', () => {
  it('carry sendUomAsQualifier over to uomPicksItemQualifier, and the next save writes the new name only', () => {
    const dir = tempDir();
    const store = createSettingsStore(createConfBackend(dir));
    store.write(store.read());
    writeFileSync(store.path, JSON.stringify({ version: 1, wms: { ...extensiv, sendUomAsQualifier: true, pageSize: 100 } }));
    const read = store.read();
    expect(read.wms).toMatchObject({ adapter: 'extensiv', uomPicksItemQualifier: true, pageSize: 100 });
    expect(read.wms).not.toHaveProperty('sendUomAsQualifier');
    store.write(read);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as { wms: Record<string, unknown> };
    expect(onDisk.wms.uomPicksItemQualifier).toBe(true);
    expect(onDisk.wms).not.toHaveProperty('sendUomAsQualifier');
  });

  it('is the versioned step 2 -> 3 of the settings migration: a version-2 file is carried over, and saved as version 3', () => {
    const dir = tempDir();
    const store = createSettingsStore(createConfBackend(dir));
    store.write(store.read());
    writeFileSync(store.path, JSON.stringify({ version: 2, wms: { ...extensiv, sendUomAsQualifier: true } }));
    const read = store.read();
    expect(read.wms).toMatchObject({ uomPicksItemQualifier: true });
    store.write(read);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as { version: number; wms: Record<string, unknown> };
    expect(onDisk.version).toBe(3);
    expect(onDisk.wms).not.toHaveProperty('sendUomAsQualifier');
    expect(migrateSettings({ version: 2, wms: { ...extensiv, sendUomAsQualifier: true } })).toEqual({ version: 3, wms: { ...extensiv, uomPicksItemQualifier: true } });
  });

  it('without the old field the qualifier stays off; a new value wins over an old one', () => {
    const dir = tempDir();
    const store = createSettingsStore(createConfBackend(dir));
    store.write(store.read());
    writeFileSync(store.path, JSON.stringify({ version: 1, wms: extensiv }));
    expect(store.read().wms).toMatchObject({ uomPicksItemQualifier: false, pageSize: 1000 });
    writeFileSync(store.path, JSON.stringify({ version: 1, wms: { ...extensiv, sendUomAsQualifier: true, uomPicksItemQualifier: false } }));
    expect(store.read().wms).toMatchObject({ uomPicksItemQualifier: false });
  });
});

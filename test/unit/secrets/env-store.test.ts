import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEnvSecretStore } from '../../../main/core/secrets/env-store.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('environment secret store', () => {
  it('reads secrets from the documented variables and a key from a file', async () => {
    const keyFile = join(tempDir(), 'id_ed25519');
    writeFileSync(keyFile, 'PRIVATE KEY');
    const env = { DROPSTREAM_ACUMATICA_CLIENT_SECRET: 's3', DROPSTREAM_ACUMATICA_PASSWORD: 'pw', DROPSTREAM_WMS_SFTP_KEY_FILE: keyFile };
    const store = createEnvSecretStore(env);
    expect(await store.get('acumatica.sharedSecret')).toBe('s3');
    expect(await store.get('acumatica.password')).toBe('pw');
    expect(await store.get('wms.sftp.privateKey')).toBe('PRIVATE KEY');
    expect(await store.get('wms.extensiv.clientSecret')).toBeNull();
  });

  it('keeps a saved refresh token in memory only, never in the environment', async () => {
    const env: NodeJS.ProcessEnv = {};
    const store = createEnvSecretStore(env);
    await store.set('acumatica.refreshToken', 'rt-1');
    expect(await store.get('acumatica.refreshToken')).toBe('rt-1');
    expect(Object.values(env)).not.toContain('rt-1');
    expect(await createEnvSecretStore(env).get('acumatica.refreshToken')).toBeNull();
  });

  it('says which variable points to an unreadable key file', async () => {
    const store = createEnvSecretStore({ DROPSTREAM_WMS_SFTP_KEY_FILE: '/nonexistent/key' });
    await expect(store.get('wms.sftp.privateKey')).rejects.toThrow(/DROPSTREAM_WMS_SFTP_KEY_FILE/);
  });
});

// Real OS keychain: gnome-keyring in a private D-Bus session (test/run-tests.sh sets it up).
import { execFileSync } from 'node:child_process';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore, keychainError } from '../../../main/core/secrets/keytar-store.js';

const service = `com.dropstream.test.${process.pid}`;

describe('keytar secret store on the real keychain', () => {
  it('stores a secret that a second reader (secret-tool) really finds, and deletes it', async () => {
    const store = createKeytarSecretStore(keytar, service);
    const value = `shh-${Math.random().toString(36).slice(2)}`;
    await store.set('acumatica.sharedSecret', value);
    const viaSecretTool = execFileSync('secret-tool', ['lookup', 'service', service, 'account', 'acumatica.sharedSecret'], {
      encoding: 'utf8',
    });
    expect(viaSecretTool).toBe(value);
    expect(await keytar.getPassword(service, 'acumatica.sharedSecret')).toBe(value);
    expect(await store.get('acumatica.sharedSecret')).toBe(value);
    await store.delete('acumatica.sharedSecret');
    expect(await store.get('acumatica.sharedSecret')).toBeNull();
  });

  it('returns null for a secret never saved', async () => {
    expect(await createKeytarSecretStore(keytar, service).get('wms.sftp.password')).toBeNull();
  });

  it('turns keychain failures into errors that say what to do', async () => {
    const failing = createKeytarSecretStore(
      {
        getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
        setPassword: () => Promise.reject(new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”')),
        deletePassword: () => Promise.resolve(true),
      },
      service,
    );
    await expect(failing.get('acumatica.password')).rejects.toMatchObject({ kind: 'keychain', message: expect.stringMatching(/--secrets env/) });
    await expect(failing.set('acumatica.password', 'x')).rejects.toMatchObject({ kind: 'keychain', message: expect.stringMatching(/locked/) });
    expect(keychainError('read', new Error('libsecret-1.so.0: cannot open shared object file')).message).toMatch(/Install libsecret/);
  });
});
